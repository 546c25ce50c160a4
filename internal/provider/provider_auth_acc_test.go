package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const (
	testAccessKey     = "AKACCEPTANCE0000001"
	testSecretKey     = "SKacceptance/secret+key0000000000000"
	testTempAccessKey = "AKTEMPORARY00000001"
	testTempSecretKey = "SKtemporary/secret0000000000000000000"
	testSecurityToken = "temporary-security-token-0123456789"
	testEastProject   = "east5project0000000000000000000000"
)

var testUser = emulator.User{Domain: "acme", Name: "ci-bot", Password: "correct horse battery"}

// startAccountEmulator serves a whole account: projects in cn-north-4 and
// cn-east-5, a permanent and a temporary key pair, and an IAM user. The
// emulator accepts no static token: tokens come from its IAM.
func startAccountEmulator(t *testing.T, backups int) (*emulator.Server, string) {
	t.Helper()
	return startAccountEmulatorWith(t, emulator.Options{Backups: emulator.Seed(backups)})
}

// startAccountEmulatorWith is startAccountEmulator with the account set on
// opts, which says the rest.
func startAccountEmulatorWith(t *testing.T, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	opts.ProjectID, opts.Region = acctest.ProjectID, "cn-north-4"
	opts.Projects = map[string]string{"cn-east-5": testEastProject}
	opts.Credentials = []emulator.Credential{
		{AccessKey: testAccessKey, SecretKey: testSecretKey},
		{AccessKey: testTempAccessKey, SecretKey: testTempSecretKey, SecurityToken: testSecurityToken},
	}
	opts.Users = []emulator.User{testUser}
	server := emulator.New(opts)
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	return server, httpServer.URL
}

// accountProvider is a provider block for the account emulator at url with
// the given credential arguments; IAM is the emulator too.
func accountProvider(url, credentials string) string {
	return fmt.Sprintf(`
provider "gaussdb" {
  region      = "cn-north-4"
  auth_url    = "%s/v3"
  max_retries = 0
  endpoints = {
    gaussdb = %q
  }
%s
}
`, url, url, credentials)
}

func expectTotal(address string, n int) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(n)))
}

func TestAccAuth_eachMethodListsEveryBackup(t *testing.T) {
	tests := []struct {
		name        string
		credentials string
	}{
		{"AK/SK", fmt.Sprintf("access_key = %q\nsecret_key = %q\nproject_id = %q", testAccessKey, testSecretKey, acctest.ProjectID)},
		{"temporary AK/SK", fmt.Sprintf("access_key = %q\nsecret_key = %q\nsecurity_token = %q\nproject_id = %q",
			testTempAccessKey, testTempSecretKey, testSecurityToken, acctest.ProjectID)},
		{"password", fmt.Sprintf("user_name = %q\npassword = %q\ndomain_name = %q\nproject_id = %q",
			testUser.Name, testUser.Password, testUser.Domain, acctest.ProjectID)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, url := startAccountEmulator(t, 230)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(nil),
				Steps: []resource.TestStep{{
					Config:            accountProvider(url, tt.credentials) + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
					ConfigStateChecks: []statecheck.StateCheck{expectTotal(backupsAddress, 230)},
				}},
			})
		})
	}
}

func TestAccAuth_akskFromTheEnvironmentLooksUpTheProject(t *testing.T) {
	server, url := startAccountEmulator(t, 20)
	env := map[string]string{envAccessKey: testAccessKey, envSecretKey: testSecretKey}
	config := accountProvider(url, "") + `
data "gaussdb_mysql_backups" "auto" {
  backup_type = "auto"
}

data "gaussdb_mysql_backups" "manual" {
  backup_type = "manual"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(env),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				expectTotal("data.gaussdb_mysql_backups.auto", 16),
				expectTotal("data.gaussdb_mysql_backups.manual", 4),
			},
		}},
	})
	if server.ProjectLookups() == 0 {
		t.Error("no project was looked up, yet project_id was not set")
	}
}

func TestAccAuth_passwordWithoutProjectUsesTheRegionsProject(t *testing.T) {
	_, url := startAccountEmulator(t, 20)
	env := map[string]string{envUserName: testUser.Name, envPassword: testUser.Password, envDomainName: testUser.Domain}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(env),
		Steps: []resource.TestStep{{
			Config:            accountProvider(url, "") + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
			ConfigStateChecks: []statecheck.StateCheck{expectTotal(backupsAddress, 20)},
		}},
	})
}

func TestAccAuth_regionOverrideReadsTheOtherRegionsProject(t *testing.T) {
	_, url := startAccountEmulator(t, 20)
	for _, credentials := range []string{
		fmt.Sprintf("access_key = %q\nsecret_key = %q\nproject_id = %q", testAccessKey, testSecretKey, acctest.ProjectID),
		fmt.Sprintf("user_name = %q\npassword = %q\ndomain_name = %q", testUser.Name, testUser.Password, testUser.Domain),
	} {
		// Each run compares its own two ids.
		differentProjects := statecheck.CompareValue(compare.ValuesDiffer())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testProvidersWithEnv(nil),
			Steps: []resource.TestStep{{
				Config: accountProvider(url, credentials) + `
data "gaussdb_mysql_backups" "home" {}

data "gaussdb_mysql_backups" "east" {
  region = "cn-east-5"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					expectTotal("data.gaussdb_mysql_backups.home", 20),
					expectTotal("data.gaussdb_mysql_backups.east", 20),
					// The id derives from the project: different ids prove two projects were read.
					differentProjects.AddStateValue("data.gaussdb_mysql_backups.home", tfjsonpath.New("id")),
					differentProjects.AddStateValue("data.gaussdb_mysql_backups.east", tfjsonpath.New("id")),
				},
			}},
		})
	}
}

func TestAccAuth_tokenCannotReadAnotherRegion(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(nil),
		Steps: []resource.TestStep{{
			Config: providerBlock("http://127.0.0.1:9") + `
data "gaussdb_mysql_backups" "test" {
  region = "cn-east-5"
}
`,
			ExpectError: regexp.MustCompile(`(?s)region.*token is scoped to\s+one\s+project`),
		}},
	})
}

func TestAccAuth_refusedCredentialsSayWhatToCheck(t *testing.T) {
	_, url := startAccountEmulator(t, 5)
	tests := []struct {
		name        string
		credentials string
		want        string
	}{
		{"wrong secret key", fmt.Sprintf("access_key = %q\nsecret_key = \"wrong\"\nproject_id = %q", testAccessKey, acctest.ProjectID),
			`(?s)HTTP 401.*APIGW\.0301.*access\s+key\s+\(from\s+the\s+provider\s+block's\s+access_key\)\s+and\s+the\s+secret\s+key\s+\(from\s+the\s+provider\s+block's\s+secret_key\)`},
		{"wrong secret key during the project look-up", fmt.Sprintf("access_key = %q\nsecret_key = \"wrong\"", testAccessKey),
			`(?s)looking up the project cn-north-4.*HTTP 401.*access\s+key\s+\(from\s+the\s+provider\s+block's\s+access_key\)`},
		{"temporary key without its token", fmt.Sprintf("access_key = %q\nsecret_key = %q\nproject_id = %q", testTempAccessKey, testTempSecretKey, acctest.ProjectID),
			`(?s)HTTP 401.*APIGW\.0301`},
		{"wrong password", fmt.Sprintf("user_name = %q\npassword = \"wrong\"\ndomain_name = %q\nproject_id = %q", testUser.Name, testUser.Domain, acctest.ProjectID),
			`(?s)logging in to IAM as acme/ci-bot.*HTTP 401.*Check\s+user_name\s+\(from\s+the\s+provider\s+block's\s+user_name\),\s+password`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(nil),
				Steps: []resource.TestStep{{
					Config:      accountProvider(url, tt.credentials) + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}

func TestAccAuth_misconfigurations(t *testing.T) {
	tests := []struct {
		name        string
		credentials string
		env         map[string]string
		want        string
	}{
		{"token and AK/SK in the block", "token = \"t\"\naccess_key = \"ak\"\nsecret_key = \"sk\"", nil,
			`(?s)Conflicting authentication methods.*token\s+\(from\s+the\s+provider\s+block's\s+token\)\s+and\s+AK/SK`},
		{"AK/SK and password in the block", "access_key = \"ak\"\nsecret_key = \"sk\"\nuser_name = \"u\"\npassword = \"p\"\ndomain_name = \"d\"", nil,
			`(?s)Conflicting authentication methods.*AK/SK.*and\s+password\s+\(from\s+the\s+provider\s+block's\s+password\)`},
		{"secret_key without access_key", "secret_key = \"sk\"", nil, `(?s)access_key.*secret_key`},
		{"access_key without secret_key", "access_key = \"ak\"", nil, `(?s)access_key.*secret_key`},
		{"security_token without keys", "security_token = \"st\"", nil, `(?s)Missing access_key.*security\s+token\s+is\s+set`},
		{"password without domain_name", "user_name = \"u\"\npassword = \"p\"", nil, `(?s)domain_name`},
		{"no credentials at all", "", nil, `(?s)No\s+credentials\s+are\s+configured.*HW_AUTH_TOKEN.*HW_ACCESS_KEY.*HW_USER_NAME.*connection\s+refused`},
		{"HW_SECRET_KEY without HW_ACCESS_KEY", "", map[string]string{envSecretKey: "sk"}, `(?s)Missing access_key.*HW_ACCESS_KEY`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(tt.env),
				Steps: []resource.TestStep{{
					Config:      accountProvider("http://127.0.0.1:9", tt.credentials) + "data \"gaussdb_mysql_backups\" \"test\" {}\n",
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}
