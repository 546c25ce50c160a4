package provider

import (
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// A KooCLI-shaped key pair (20 upper-case letters and digits, 40 others).
const (
	profileAccessKey = "PROFILEKEY0123456789"
	profileSecretKey = "profileSecretKey0123456789abcdefghijklmn"
	testIdpID        = "github-actions"
	testIDToken      = "eyJhbGciOiJSUzI1NiJ9.pipeline-claims.signature"
)

// startCredentialEmulator serves an account whose key pairs, agencies,
// identity provider and metadata service every mechanism can use; it
// returns the server (to ask which credential signed) and its URL.
func startCredentialEmulator(t *testing.T, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	opts.ProjectID, opts.Region = acctest.ProjectID, "cn-north-4"
	opts.Credentials = []emulator.Credential{
		{AccessKey: testAccessKey, SecretKey: testSecretKey},
		{AccessKey: profileAccessKey, SecretKey: profileSecretKey},
	}
	opts.Agencies = []emulator.Agency{{Name: "ops", DomainName: "acme"}, {Name: "reader", DomainID: "acmeid"},
		{Name: "cross", DomainID: "otheraccountid", Projects: map[string]string{"cn-north-4": "0therac00unt0000000000000000000000"}}}
	opts.IdentityProviders = map[string]string{testIdpID: testIDToken}
	if opts.Backups == nil {
		opts.Backups = emulator.Seed(120)
	}
	server := emulator.New(opts)
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	return server, httpServer.URL
}

// signedBy checks, after the plan, that the backups requests were signed
// by credentials of origin and by no static key.
type signedBy struct {
	server *emulator.Server
	origin string
}

func (c signedBy) check(t *testing.T) {
	t.Helper()
	if c.server.SignedBy(c.origin) == 0 || c.server.SignedBy("key "+testAccessKey) != 0 && c.origin != "key "+testAccessKey {
		t.Errorf("%d backups requests signed by %s, %d by the static key", c.server.SignedBy(c.origin), c.origin, c.server.SignedBy("key "+testAccessKey))
	}
}

// credentialProvider is a provider block for the emulator at url with
// settings, IAM and STS both the emulator.
func credentialProvider(url, settings string) string {
	return fmt.Sprintf(`
provider "gaussdb" {
  region      = "cn-north-4"
  max_retries = 0
  project_id  = %q
  endpoints = {
    gaussdb = %q
    iam     = %q
    sts     = %q
  }
%s
}

data "gaussdb_mysql_backups" "test" {}
`, acctest.ProjectID, url, url, url, settings)
}

func writeProfiles(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// koocliConfig is a config.json as KooCLI writes it, with numbers and
// booleans among the keys the provider ignores.
func koocliFile(t *testing.T) string {
	t.Helper()
	return writeProfiles(t, fmt.Sprintf(`{
  "current": "default",
  "language": "en",
  "profiles": [
    {"name": "default", "mode": "AKSK", "accessKeyId": %q, "secretAccessKey": %q, "region": "cn-north-4",
     "readTimeout": 10, "connectTimeout": 5, "retryCount": 0, "skipSecureVerify": false},
    {"name": "sso", "mode": "SSO", "region": "cn-north-4",
     "ssoAuth": {"stsToken": {"accessKeyId": %q, "secretAccessKey": %q, "securityToken": ""}}},
    {"name": "delegated", "mode": "AssumeRole", "accessKeyId": %q, "secretAccessKey": %q,
     "agencyName": "ops", "agencyDomainName": "acme"},
    {"name": "ecs", "mode": "ecsAgency", "region": "cn-north-4"}
  ]
}`, profileAccessKey, profileSecretKey, profileAccessKey, profileSecretKey, profileAccessKey, profileSecretKey))
}

func TestAccCredentials_eachMechanismListsAndSignsAsConfigured(t *testing.T) {
	tokenFile := writeProfiles(t, "\n"+testIDToken+"\n")
	tests := []struct {
		name     string
		settings func(t *testing.T) string
		env      map[string]string
		metadata *emulator.Metadata
		origin   string
	}{
		{"profile in AKSK mode", func(t *testing.T) string {
			return fmt.Sprintf("shared_config_file = %q\nprofile = \"default\"", koocliFile(t))
		}, nil, nil, "key " + profileAccessKey},
		{"the file's current profile from the environment", func(*testing.T) string { return "" },
			map[string]string{envSharedConfigFile: "@file"}, nil, "key " + profileAccessKey},
		{"profile in SSO mode", func(t *testing.T) string {
			return fmt.Sprintf("shared_config_file = %q\nprofile = \"sso\"", koocliFile(t))
		}, nil, nil, "key " + profileAccessKey},
		{"profile in AssumeRole mode", func(t *testing.T) string {
			return fmt.Sprintf("shared_config_file = %q\nprofile = \"delegated\"", koocliFile(t))
		}, nil, nil, "agency ops"},
		{"profile in ecsAgency mode", func(t *testing.T) string {
			return fmt.Sprintf("shared_config_file = %q\nprofile = \"ecs\"", koocliFile(t))
		}, map[string]string{envMetadataEndpoint: "@url"}, &emulator.Metadata{RequireSessionToken: true}, "metadata"},
		{"agency with IAM (v3)", func(*testing.T) string {
			return fmt.Sprintf("access_key = %q\nsecret_key = %q\nassume_role {\n  agency_name = \"ops\"\n  domain_name = \"acme\"\n}",
				testAccessKey, testSecretKey)
		}, nil, nil, "agency ops"},
		{"agency with STS (v5)", func(*testing.T) string {
			return fmt.Sprintf("access_key = %q\nsecret_key = %q\nassume_role {\n  agency_name = \"reader\"\n  domain_id = \"acmeid\"\n  duration = 3600\n}",
				testAccessKey, testSecretKey)
		}, nil, nil, "agency reader"},
		{"a chain of two agencies", func(*testing.T) string {
			return fmt.Sprintf("access_key = %q\nsecret_key = %q\n"+
				"assume_role {\n  agency_name = \"ops\"\n  domain_name = \"acme\"\n}\n"+
				"assume_role {\n  agency_name = \"reader\"\n  domain_id = \"acmeid\"\n}", testAccessKey, testSecretKey)
		}, nil, nil, "agency reader"},
		{"an agency from HW_ASSUME_ROLE_*", func(*testing.T) string { return "" },
			map[string]string{envAccessKey: testAccessKey, envSecretKey: testSecretKey, envAssumeRoleAgency: "reader",
				envAssumeRoleDomainID: "acmeid", envAssumeRoleDuration: "900"}, nil, "agency reader"},
		{"OIDC with a token", func(*testing.T) string {
			return fmt.Sprintf("assume_role_with_oidc {\n  idp_id = %q\n  id_token = %q\n  agency_name = \"reader\"\n  domain_id = \"acmeid\"\n}",
				testIdpID, testIDToken)
		}, nil, nil, "agency reader"},
		{"OIDC with a token file", func(*testing.T) string {
			return fmt.Sprintf("assume_role_with_oidc {\n  idp_id = %q\n  id_token_file = %q\n  agency_name = \"reader\"\n  domain_id = \"acmeid\"\n}",
				testIdpID, tokenFile)
		}, nil, nil, "agency reader"},
		{"OIDC from the environment, without an agency", func(*testing.T) string { return "" },
			map[string]string{envAssumeRoleIdpID: testIdpID, envAssumeRoleTokenFile: tokenFile}, nil, "oidc"},
		{"ECS metadata with the session-token handshake", func(*testing.T) string { return "" },
			map[string]string{envMetadataEndpoint: "@url"}, &emulator.Metadata{RequireSessionToken: true}, "metadata"},
		{"ECS metadata of an older server, without session tokens", func(*testing.T) string { return "" },
			map[string]string{envMetadataEndpoint: "@url"}, &emulator.Metadata{}, "metadata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server, url := startCredentialEmulator(t, emulator.Options{Metadata: tt.metadata})
			env := map[string]string{}
			for name, value := range tt.env {
				switch value {
				case "@url":
					value = url
				case "@file":
					value = koocliFile(t)
				}
				env[name] = value
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(env),
				Steps: []resource.TestStep{{
					Config:            credentialProvider(url, tt.settings(t)),
					ConfigStateChecks: []statecheck.StateCheck{expectTotal(backupsAddress, 120)},
				}},
			})
			signedBy{server, tt.origin}.check(t)
		})
	}
}

// TestAccCredentials_aListingOutlivesItsCredentials lists slowly with agency
// credentials that the emulator issues for two seconds: the provider
// refreshes them and the list is exact.
func TestAccCredentials_aListingOutlivesItsCredentials(t *testing.T) {
	seeded := emulator.Seed(350)
	server, url := startCredentialEmulator(t, emulator.Options{Backups: seeded, CredentialLifetime: 2 * time.Second, Latency: 400 * time.Millisecond})
	settings := fmt.Sprintf("access_key = %q\nsecret_key = %q\nmax_concurrent_requests = 1\n"+
		"assume_role {\n  agency_name = \"reader\"\n  domain_id = \"acmeid\"\n}", testAccessKey, testSecretKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:            credentialProvider(url, settings),
			ConfigStateChecks: append(expectCount(350), expectIDs(newestFirst(seeded))),
		}},
	})
	if server.Issued("agency reader") < 4 {
		t.Errorf("%d credentials issued over a listing of 4 pages that outlived each, want at least 4", server.Issued("agency reader"))
	}
}

func TestAccCredentials_errors(t *testing.T) {
	_, url := startCredentialEmulator(t, emulator.Options{Metadata: &emulator.Metadata{NoAgency: true}})
	encrypted := writeProfiles(t, `{"current": "default", "crypter": "AES", "profiles": [{"name": "default", "accessKeyId": "c2VjcmV0", "secretAccessKey": "x"}]}`)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nothing := "http://" + listener.Addr().String()
	_ = listener.Close()
	tests := []struct {
		name, settings string
		env            map[string]string
		want           string
	}{
		{"a missing profile file", fmt.Sprintf("shared_config_file = %q", filepath.Join(t.TempDir(), "none.json")), nil,
			`(?s)shared_config_file.*no\s+file\s+exists\s+at\s+the\s+path\s+given`},
		{"an unknown profile", fmt.Sprintf("shared_config_file = %q\nprofile = \"prod\"", koocliFile(t)), nil,
			`(?s)profile.*no\s+profile\s+named\s+"prod"`},
		{"an encrypted profile", fmt.Sprintf("shared_config_file = %q", encrypted), nil,
			`(?s)encrypted.*hcloud configure set\s+--cli-auth-encrypt=false`},
		{"a profile beside access_key", fmt.Sprintf("shared_config_file = %q\naccess_key = %q\nsecret_key = %q", koocliFile(t), testAccessKey, testSecretKey), nil,
			`(?s)Conflicting authentication methods.*AK/SK.*profile`},
		{"an unreadable id_token_file", fmt.Sprintf("assume_role_with_oidc {\n  idp_id = %q\n  id_token_file = %q\n  agency_name = \"reader\"\n  domain_id = \"acmeid\"\n}",
			testIdpID, filepath.Join(t.TempDir(), "missing-token")), nil, `(?s)Unreadable id_token_file.*no\s+file\s+exists`},
		{"both id_token and id_token_file", fmt.Sprintf("assume_role_with_oidc {\n  idp_id = %q\n  id_token = \"t\"\n  id_token_file = \"f\"\n  agency_name = \"reader\"\n  domain_id = \"acmeid\"\n}",
			testIdpID), nil, `(?s)Conflicting id_token and id_token_file`},
		{"an agency refused", fmt.Sprintf("access_key = %q\nsecret_key = %q\nassume_role {\n  agency_name = \"admin\"\n  domain_name = \"acme\"\n}",
			testAccessKey, testSecretKey), nil, `(?s)assuming\s+agency\s+admin\s+of\s+account\s+acme\s+\(IAM\s+v3\).*HTTP\s+403.*IAM\.0003`},
		{"a duration out of bounds", fmt.Sprintf("access_key = %q\nsecret_key = %q\nassume_role {\n  agency_name = \"ops\"\n  domain_name = \"acme\"\n  duration = 60\n}",
			testAccessKey, testSecretKey), nil, `(?s)duration is 60; it must be a whole number from 900 to 43200`},
		{"no credentials and a server without an agency", "", map[string]string{envMetadataEndpoint: url},
			`(?s)No\s+credentials\s+are\s+configured,\s+and\s+this\s+is\s+not\s+an\s+ECS\s+server\s+with\s+an\s+agency.*no\s+agency`},
		{"no credentials and no metadata service", "", map[string]string{envMetadataEndpoint: nothing},
			`(?s)No\s+credentials\s+are\s+configured,\s+and\s+this\s+is\s+not\s+an\s+ECS\s+server\s+with\s+an\s+agency.*connection\s+refused`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(tt.env),
				Steps: []resource.TestStep{{
					Config:      credentialProvider(url, tt.settings),
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}

// TestAccCredentials_theProjectIsLookedUpWithTheFinalCredentials signs in
// with OIDC only (no key pair anywhere): the project of the region can only
// have been looked up with the agency's credentials.
func TestAccCredentials_theProjectIsLookedUpWithTheFinalCredentials(t *testing.T) {
	server, url := startCredentialEmulator(t, emulator.Options{})
	env := map[string]string{envAssumeRoleIdpID: testIdpID, envAssumeRoleIDToken: testIDToken,
		envAssumeRoleAgency: "reader", envAssumeRoleDomainID: "acmeid"}
	config := fmt.Sprintf(`
provider "gaussdb" {
  region = "cn-north-4"
  endpoints = {
    gaussdb = %q
    iam     = %q
    sts     = %q
  }
}

data "gaussdb_mysql_backups" "test" {}
`, url, url, url)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(env),
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: []statecheck.StateCheck{expectTotal(backupsAddress, 120)}}},
	})
	if server.ProjectLookups() == 0 || server.SignedBy("agency reader") == 0 {
		t.Errorf("%d project look-ups, %d requests signed by the agency", server.ProjectLookups(), server.SignedBy("agency reader"))
	}
}

// TestAccCredentials_anAgencyOfAnotherAccountReadsThatAccount assumes an
// agency of another account, with no project_id: the project is looked up
// with the agency's credentials, so it is the other account's.
func TestAccCredentials_anAgencyOfAnotherAccountReadsThatAccount(t *testing.T) {
	const otherProject = "0therac00unt0000000000000000000000"
	_, url := startCredentialEmulator(t, emulator.Options{Token: testToken})
	for name, credentials := range map[string]string{
		"with AK/SK": fmt.Sprintf("access_key = %q\n  secret_key = %q", testAccessKey, testSecretKey),
		// A token needs no project_id of its own account beside an agency.
		"with a token and no project_id": fmt.Sprintf("token = %q", testToken),
	} {
		t.Run(name, func(t *testing.T) {
			config := fmt.Sprintf(`
provider "gaussdb" {
  region     = "cn-north-4"
  %s
  endpoints = {
    gaussdb = %q
    iam     = %q
    sts     = %q
  }

  assume_role {
    agency_name = "cross"
    domain_id   = "otheraccountid"
  }
}

data "gaussdb_mysql_backups" "test" {}
`, credentials, url, url, url)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config: config,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("id"), knownvalue.StringExact(backupsListingID(otherProject))),
					},
				}},
			})
		})
	}
}
