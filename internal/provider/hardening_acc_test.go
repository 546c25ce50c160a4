package provider

import (
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

func TestAccMySQLBackups_stalledServerFailsWithinTheReadTimeout(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(5), Faults: emulator.Faults{Stall: true}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, `timeouts {
  read = "2s"
}`),
			ExpectError: regexp.MustCompile(`(?s)did not finish within the read\s+timeout.*timeouts\.read`),
		}},
	})
}

func TestAccMySQLBackups_requestTimeoutIsNotTheReadTimeout(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(5), Faults: emulator.Faults{Stall: true}})
	config := strings.Replace(backupsConfig(url, ""), "max_retries = 1", "max_retries = 1\n  request_timeout = 1", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)request_timeout \(1s\).*2\s+attempts\s+over.*Raise\s+request_timeout`),
		}},
	})
}

func TestAccProvider_redirectsAreNotFollowed(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		elsewhere.Add(1)
		_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
	}))
	t.Cleanup(other.Close)
	redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	t.Cleanup(redirecting.Close)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      backupsConfig(redirecting.URL, ""),
			ExpectError: regexp.MustCompile(`(?s)HTTP 302, a redirect to\s+` + regexp.QuoteMeta(other.URL) + `.*does not follow`),
		}},
	})
	if elsewhere.Load() != 0 {
		t.Errorf("the redirect's target got %d requests, want none", elsewhere.Load())
	}
}

func TestAccProvider_endpointKnownOnlyAfterApply(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		// terraform_data came with Terraform 1.4.
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "endpoint" {
  input = "http://127.0.0.1:9"
}

provider "gaussdb" {
  region     = "cn-north-4"
  project_id = "p"
  token      = "t"
  endpoints = {
    gaussdb = terraform_data.endpoint.output
  }
}

data "gaussdb_mysql_backups" "test" {}
`,
			ExpectError: regexp.MustCompile(`(?s)Unknown provider setting.*endpoints\.gaussdb.*known\s+only\s+after\s+apply`),
		}},
	})
}

func TestAccMySQLBackups_invalidReadTimeout(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      backupsConfig("http://127.0.0.1:9", "timeouts {\n  read = \"soon\"\n}"),
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Time Duration.*read = "soon"`),
		}},
	})
}

// tlsEmulator serves the emulator over TLS with a certificate no system
// trusts, and writes that certificate to a PEM file.
func tlsEmulator(t *testing.T) (string, string) {
	t.Helper()
	server := httptest.NewTLSServer(emulator.New(emulator.Options{Token: testToken, ProjectID: acctest.ProjectID, Backups: emulator.Seed(3)}))
	t.Cleanup(server.Close)
	certFile := filepath.Join(t.TempDir(), "ca.pem")
	block := &pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return server.URL, certFile
}

func TestAccProvider_tls(t *testing.T) {
	url, certFile := tlsEmulator(t)
	withSetting := func(setting string) string {
		return strings.Replace(backupsConfig(url, ""), "max_retries = 1", "max_retries = 0\n  "+setting, 1)
	}
	total3 := []statecheck.StateCheck{statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("total_count"), knownvalue.Int64Exact(3))}
	tests := []struct {
		name    string
		setting string
		checks  []statecheck.StateCheck
		err     *regexp.Regexp
	}{
		{"an unknown CA is refused", "", nil, regexp.MustCompile(`x509: certificate signed by unknown\s+authority`)},
		{"cacert_file trusts it", fmt.Sprintf("cacert_file = %q", certFile), total3, nil},
		{"insecure skips verification", "insecure = true", total3, nil},
		{"a cacert_file without certificates is an error", fmt.Sprintf("cacert_file = %q", writeFile(t, "empty.pem", "")), nil,
			regexp.MustCompile(`(?s)Invalid cacert_file.*holds\s+no\s+PEM\s+certificate`)},
		{"a device is not read", fmt.Sprintf("cacert_file = %q", os.DevNull), nil,
			regexp.MustCompile(`(?s)Invalid cacert_file.*/dev/null is not a regular file \(a device\)`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps:                    []resource.TestStep{{Config: withSetting(tt.setting), ConfigStateChecks: tt.checks, ExpectError: tt.err}},
			})
		})
	}
}

func TestAccProvider_plainHTTPOffLoopbackIsRefused(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      backupsConfig("http://gaussdb.example.com", ""),
			ExpectError: regexp.MustCompile(`(?s)Invalid endpoints\.gaussdb.*plain http://.*not loopback.*insecure = true`),
		}},
	})
}

// TestAccProvider_unknownValuesInBlocksAreNamed: values of assume_role and
// assume_role_with_oidc known only after apply, and blocks whose number is
// (a dynamic block's for_each), are each an error on their own path, never
// sent empty nor a crash.
func TestAccProvider_unknownValuesInBlocksAreNamed(t *testing.T) {
	tests := []struct {
		name, block, want string
	}{
		{"an agency's name", "assume_role {\n    agency_name = terraform_data.later.output\n    domain_id = \"acme-id\"\n  }",
			`(?s)Unknown provider setting.*assume_role\[0\]\.agency_name`},
		{"an agency's account id", "assume_role {\n    agency_name = \"ops\"\n    domain_id = terraform_data.later.output\n  }",
			`(?s)Unknown provider setting.*assume_role\[0\]\.domain_id`},
		{"the blocks of a dynamic for_each", "dynamic \"assume_role\" {\n    for_each = terraform_data.later.output != \"\" ? [\"one\"] : []\n" +
			"    content {\n      agency_name = \"ops\"\n      domain_id = \"acme-id\"\n    }\n  }",
			`(?s)Unknown provider setting.*assume_role\s+blocks`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
				Steps: []resource.TestStep{{
					Config: `
resource "terraform_data" "later" {
  input = "ops"
}

provider "gaussdb" {
  region     = "cn-north-4"
  access_key = "AK"
  secret_key = "SK"
  endpoints  = { gaussdb = "http://127.0.0.1:9" }
  ` + tt.block + `
}

data "gaussdb_mysql_backups" "test" {}
`,
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}
