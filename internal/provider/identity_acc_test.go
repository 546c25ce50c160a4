package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const testDevProject = "devproject000000000000000000000000"

// startIdentityEmulator serves an account with a sub-project
// cn-north-4_dev, a user known by name, id and account id, a static token
// and a key pair; it serves the same backups in every project.
func startIdentityEmulator(t *testing.T) string {
	t.Helper()
	return startIdentityEmulatorWith(t, 12)
}

// startIdentityEmulatorWith is startIdentityEmulator with n backups.
func startIdentityEmulatorWith(t *testing.T, n int) string {
	t.Helper()
	server := emulator.New(emulator.Options{
		ProjectID: acctest.ProjectID, Region: "cn-north-4", Token: testToken,
		Projects:    map[string]string{"cn-north-4_dev": testDevProject, "cn-east-5": testEastProject},
		Credentials: []emulator.Credential{{AccessKey: testAccessKey, SecretKey: testSecretKey}},
		Users:       []emulator.User{{Domain: testUser.Domain, DomainID: "acmedomainid", Name: testUser.Name, ID: "ci-bot-user-id", Password: testUser.Password}},
		Backups:     emulator.Seed(n),
	})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	return httpServer.URL
}

func TestAccIdentity_projectDomainAndUserByNameOrID(t *testing.T) {
	url := startIdentityEmulator(t)
	listing := "data \"gaussdb_mysql_backups\" \"test\" {}\n"
	dev := backupsListingID(testDevProject)
	home := backupsListingID(acctest.ProjectID)
	tests := []struct {
		name        string
		credentials string
		project     string
	}{
		{"project_name with AK/SK", fmt.Sprintf("access_key = %q\nsecret_key = %q\nproject_name = \"cn-north-4_dev\"", testAccessKey, testSecretKey), dev},
		{"project_name with password login", fmt.Sprintf("user_name = %q\npassword = %q\ndomain_name = %q\nproject_name = \"cn-north-4_dev\"",
			testUser.Name, testUser.Password, testUser.Domain), dev},
		{"domain_id in place of domain_name", fmt.Sprintf("user_name = %q\npassword = %q\ndomain_id = \"acmedomainid\"", testUser.Name, testUser.Password), home},
		{"user_id with project_id", fmt.Sprintf("user_id = \"ci-bot-user-id\"\npassword = %q\nproject_id = %q", testUser.Password, testDevProject), dev},
		{"a token without project_id is re-scoped", fmt.Sprintf("token = %q\ndomain_name = %q", testToken, testUser.Domain), home},
		{"a token re-scoped to project_name", fmt.Sprintf("token = %q\ndomain_id = \"acmedomainid\"\nproject_name = \"cn-north-4_dev\"", testToken), dev},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config: accountProvider(url, tt.credentials) + listing,
					ConfigStateChecks: []statecheck.StateCheck{
						expectTotal(backupsAddress, 12),
						statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("id"), knownvalue.StringExact(tt.project)),
					},
				}},
			})
		})
	}
}

func TestAccIdentity_aReScopedTokenReadsAnotherRegion(t *testing.T) {
	url := startIdentityEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: accountProvider(url, fmt.Sprintf("token = %q\nproject_id = %q\ndomain_name = %q", testToken, acctest.ProjectID, testUser.Domain)) +
				"data \"gaussdb_mysql_backups\" \"test\" {\n  region = \"cn-east-5\"\n}\n",
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("id"), knownvalue.StringExact(backupsListingID(testEastProject))),
			},
		}},
	})
}

func TestAccIdentity_endpointsIAM(t *testing.T) {
	url := startIdentityEmulator(t)
	config := func(iam string) string {
		return fmt.Sprintf(`
provider "gaussdb" {
  region      = "cn-north-4"
  max_retries = 0
  access_key  = %q
  secret_key  = %q
  endpoints = {
    gaussdb = %q
    iam     = %q
  }
}
data "gaussdb_mysql_backups" "test" {}
`, testAccessKey, testSecretKey, url, iam)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps:                    []resource.TestStep{{Config: config(url), ConfigStateChecks: []statecheck.StateCheck{expectTotal(backupsAddress, 12)}}},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: config(url + "/v3"), ExpectError: regexp.MustCompile(`(?s)Invalid endpoints\.iam.*base URL,\s+scheme\s+and\s+host\s+only`),
		}},
	})
}

func TestAccIdentity_misconfigurations(t *testing.T) {
	url := startIdentityEmulator(t)
	tests := []struct {
		name, credentials, want string
	}{
		{"user_name and user_id", fmt.Sprintf("user_name = %q\nuser_id = \"x\"\npassword = \"p\"\ndomain_name = \"acme\"", testUser.Name),
			`(?s)Conflicting user_id and user_name`},
		{"domain_name and domain_id", "user_name = \"u\"\npassword = \"p\"\ndomain_name = \"acme\"\ndomain_id = \"d\"",
			`(?s)Conflicting domain_id and domain_name`},
		{"user_id without project_id", "user_id = \"ci-bot-user-id\"\npassword = \"p\"",
			`(?s)Missing project_id.*user_id needs the project's id`},
		{"user_name without an account", "user_name = \"u\"\npassword = \"p\"",
			`(?s)Missing domain_name.*domain_id`},
		{"a token without project_id or account", fmt.Sprintf("token = %q", testToken),
			`(?s)Missing project_id.*domain_name or domain_id.*re-scopes`},
		{"a project_name that does not exist", fmt.Sprintf("access_key = %q\nsecret_key = %q\nproject_name = \"cn-north-4_nope\"", testAccessKey, testSecretKey),
			`(?s)no project named cn-north-4_nope \(0 found\)`},
		{"a token that IAM will not re-scope", "token = \"expired-token\"\ndomain_name = \"acme\"",
			`(?s)re-scoping the token to project cn-north-4.*HTTP 401`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config:      accountProvider(url, tt.credentials) + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}

// backupsListingID is the id of an unfiltered listing of a project.
func backupsListingID(projectID string) string {
	return backupSelection{}.listingID(projectID)
}
