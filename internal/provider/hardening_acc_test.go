package provider

import (
	"encoding/pem"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

func TestAccMySQLBackups_exactListDespiteFaults(t *testing.T) {
	for _, concurrency := range []int{1, 4, 16} {
		t.Run(fmt.Sprint("max_concurrent_requests = ", concurrency), func(t *testing.T) {
			seeded := emulator.Seed(650)
			url := startEmulator(t, emulator.Options{Backups: seeded, Faults: emulator.Faults{
				FailEachPageOnce: 503, ThrottleEvery: 5, RetryAfter: "1", TotalCountExtra: 7, GrowDuringListings: 1,
			}})
			grown := emulator.Backup{ID: "grown10000000000000000000000000000br07"}
			config := strings.Replace(backupsConfig(url, ""), "max_retries = 1",
				fmt.Sprintf("max_retries = 4\n  max_concurrent_requests = %d", concurrency), 1)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config:            config,
					ConfigStateChecks: append(expectCount(651), expectIDs(append([]emulator.Backup{grown}, newestFirst(seeded)...))),
				}},
			})
		})
	}
}

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
	server := httptest.NewTLSServer(emulator.New(emulator.Options{Token: testToken, ProjectID: testProject, Backups: emulator.Seed(3)}))
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
		{"an unknown CA is refused", "", nil, regexp.MustCompile(`certificate`)},
		{"cacert_file trusts it", fmt.Sprintf("cacert_file = %q", certFile), total3, nil},
		{"insecure skips verification", "insecure = true", total3, nil},
		{"a cacert_file without certificates is an error", fmt.Sprintf("cacert_file = %q", os.DevNull), nil, regexp.MustCompile(`holds no PEM\s+certificate`)},
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
			ExpectError: regexp.MustCompile(`(?s)plain http://.*not loopback.*insecure = true`),
		}},
	})
}
