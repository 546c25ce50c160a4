package provider

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// endpointOnlyConfig sets only the endpoint, leaving the rest to the environment.
func endpointOnlyConfig(url string) string {
	return fmt.Sprintf(`
provider "gaussdb" {
  endpoints = {
    gaussdb = %q
  }
}

data "gaussdb_mysql_backups" "test" {}
`, url)
}

func TestAccProvider_configuredFromTheEnvironment(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(5)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(map[string]string{
			envToken: testToken, envProjectID: acctest.ProjectID, envRegion: "cn-north-4", envMaxRetries: "0",
		}),
		Steps: []resource.TestStep{{
			Config: endpointOnlyConfig(url),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("total_count"), knownvalue.Int64Exact(5)),
			},
		}},
	})
}

func TestAccProvider_missingSettingsNameTheAttributeAndVariable(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"token", map[string]string{envProjectID: acctest.ProjectID}, `(?s)No\s+credentials\s+are\s+configured.*token.*HW_AUTH_TOKEN`},
		{"project", map[string]string{envToken: testToken}, `(?s)Missing project.*project_id.*HW_PROJECT_ID`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(tt.env),
				Steps: []resource.TestStep{{
					Config:      endpointOnlyConfig("http://127.0.0.1:9"),
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}

func TestAccProvider_invalidSettings(t *testing.T) {
	tests := []struct {
		name    string
		setting string
		want    string
	}{
		{"language", `language = "fr-fr"`, `(?s)language.*value must be one of`},
		{"endpoint key", `endpoints = { rds = "https://rds.example.com" }`, `(?s)endpoints.*value must be one of`},
		{"endpoint URL", `endpoints = { gaussdb = "gaussdb.example.com" }`, `(?s)endpoints.*must be an http:// or https:// URL`},
		{"max_retries", `max_retries = -1`, `(?s)max_retries.*whole number from 0 to 100`},
		{"request_timeout with a fraction", `request_timeout = 1.5`, `(?s)Invalid request_timeout.*request_timeout is 1.5; it must be a\s+whole\s+number from 1 to 3600`},
		{"max_concurrent_requests with a fraction", `max_concurrent_requests = 2.5`, `(?s)max_concurrent_requests is 2.5`},
		{"a region that is not a name", `region = "cn-north-4.evil.com/x?"`, `(?s)region.*lower-case letters, digits\s+and\s+dashes`},
		{"a cloud that is not a domain", `cloud = "evil.com/x?"`, `(?s)cloud.*must be a domain name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(map[string]string{envToken: testToken, envProjectID: acctest.ProjectID, envRegion: "cn-north-4"}),
				Steps: []resource.TestStep{{
					Config:      "provider \"gaussdb\" {\n" + tt.setting + "\n}\ndata \"gaussdb_mysql_backups\" \"test\" {}\n",
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}

// TestAccMySQLBackups_realCloud lists the backups of a real instance. It runs
// only with credentials (HW_AUTH_TOKEN, HW_PROJECT_ID, HW_REGION_NAME) and
// GAUSSDB_ACC_INSTANCE_ID set.
func TestAccMySQLBackups_realCloud(t *testing.T) {
	instanceID := os.Getenv("GAUSSDB_ACC_INSTANCE_ID")
	credentials := map[string]string{}
	for _, name := range []string{envToken, envProjectID, envRegion} {
		credentials[name] = os.Getenv(name)
		if credentials[name] == "" || instanceID == "" {
			t.Skipf("real-cloud test: set %s, %s, %s and GAUSSDB_ACC_INSTANCE_ID to run it", envToken, envProjectID, envRegion)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(credentials),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("data \"gaussdb_mysql_backups\" \"test\" {\n  instance_id = %q\n}\n", instanceID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("total_count"), knownvalue.NotNull()),
			},
		}},
	})
}
