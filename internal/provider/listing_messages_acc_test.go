package provider

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// Each failure of a listing says which setting to change, or what the API
// said; these run through Terraform, as a user meets them.

func TestAccMySQLBackups_throttledUntilTheRetriesRanOutNamesMaxRetries(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(5), Faults: emulator.Faults{ThrottleEvery: 1, RetryAfter: "0"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, ""),
			ExpectError: regexp.MustCompile(`(?s)HTTP 429.*APIGW\.0308.*sent\s+2\s+times,\s+the\s+first\s+and\s+max_retries\s+=\s+1\s+more.*` +
				`Raise\s+max_retries\s+\(or\s+HW_MAX_RETRIES\)\s+or\s+lower\s+max_concurrent_requests`),
		}},
	})
}

func TestAccMySQLBackups_readTimeoutSpentOnThrottlingSaysSo(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(5), Faults: emulator.Faults{ThrottleEvery: 1, RetryAfter: "20"}})
	config := strings.Replace(backupsConfig(url, "timeouts {\n  read = \"2s\"\n}"), "max_retries = 1", "max_retries = 5", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)timeouts\.read.*The\s+API\s+was\s+throttling\s+the\s+requests\s+\(429\s+Too\s+Many\s+Requests` +
				`.*Raise\s+timeouts\.read,\s+or\s+lower\s+max_concurrent_requests`),
		}},
	})
}

func TestAccMySQLBackups_aTokenTheServerEchoesIsNotInTheError(t *testing.T) {
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error_code": "DBS.200001", "error_msg": "token ` + r.Header.Get("X-Auth-Token") + ` is bad"}`))
	}))
	t.Cleanup(echo.Close)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(echo.URL, ""),
			// The token itself would match testToken; the error must say
			// (redacted) in its place.
			ExpectError: regexp.MustCompile(`token \(redacted\) is bad`),
		}},
	})
}

func TestAccMySQLBackups_aDeniedPermissionIsNamed(t *testing.T) {
	denied := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error_code": "DBS.200010", "error_msg": "Policy doesn't allow it.", "encoded_authorization_message": "ZW5jb2RlZA"}`))
	}))
	t.Cleanup(denied.Close)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(denied.URL, ""),
			ExpectError: regexp.MustCompile(`(?s)encoded\s+authorization\s+message:\s+ZW5jb2RlZA.*permission\s+` +
				`gaussdbformysql:backup:list`),
		}},
	})
}
