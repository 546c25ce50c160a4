package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
)

// TestAccSigning_eachAlgorithmListsEveryBackup lists through Terraform with
// each signing algorithm; the emulator verifies every signature as the
// gateway does, deriving the ECDSA keys from the secret key.
func TestAccSigning_eachAlgorithmListsEveryBackup(t *testing.T) {
	for _, algorithm := range signingAlgorithms() {
		t.Run(algorithm, func(t *testing.T) {
			_, url := startAccountEmulator(t, 150)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config: accountProvider(url, fmt.Sprintf("access_key = %q\nsecret_key = %q\nsecurity_token = %q\nsigning_algorithm = %q",
						testTempAccessKey, testTempSecretKey, testSecurityToken, algorithm)) + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
					ConfigStateChecks: []statecheck.StateCheck{expectTotal(backupsAddress, 150)},
				}},
			})
		})
	}
}

func TestAccSigning_algorithmFromTheEnvironment(t *testing.T) {
	_, url := startAccountEmulator(t, 20)
	env := map[string]string{envAccessKey: testAccessKey, envSecretKey: testSecretKey, envSigningAlg: "SM2SM3"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(env),
		Steps: []resource.TestStep{{
			Config:            accountProvider(url, "") + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
			ConfigStateChecks: []statecheck.StateCheck{expectTotal(backupsAddress, 20)},
		}},
	})
}

func TestAccSigning_unknownAlgorithmsAreRefusedAtPlanTime(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(map[string]string{envSigningAlg: "hmacsha256"}),
		Steps: []resource.TestStep{
			{
				Config:      accountProvider("http://127.0.0.1:9", `signing_algorithm = "HmacSHA1"`) + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
				ExpectError: regexp.MustCompile(`(?s)signing_algorithm.*HmacSHA256.*HmacSM3.*EcdsaP256SHA256.*SM2SM3`),
			},
			{
				Config:      accountProvider("http://127.0.0.1:9", fmt.Sprintf("access_key = %q\nsecret_key = %q", testAccessKey, testSecretKey)) + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
				ExpectError: regexp.MustCompile(`(?s)Invalid HW_SIGNING_ALGORITHM.*"hmacsha256".*HmacSHA256,\s+HmacSM3,\s+EcdsaP256SHA256,\s+SM2SM3`),
			},
		},
	})
}

// signingAlgorithms are the values signing_algorithm takes.
func signingAlgorithms() []string {
	a, _ := config.Find("signing_algorithm")
	return a.OneOf
}
