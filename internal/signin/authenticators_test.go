package signin

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Credentials the emulator knows, for the authenticator table.
const (
	faultAK      = "AKFAULTS00000000001"
	faultSK      = "SKfaults/secret+key00000000000000000"
	faultTempAK  = "AKFAULTSTEMP0000001"
	faultTempSK  = "SKfaultstemp/secret0000000000000000"
	faultSTS     = "faults-security-token"
	faultUser    = "fault-user"
	faultPass    = "fault password"
	faultAccount = "fault-account"
)

// authenticators returns one transport.Authenticator of each kind the provider uses,
// for an emulator at url.
func authenticators(t *testing.T, url string) map[string]transport.Authenticator {
	t.Helper()
	iam, err := NewIAM(url+"/v3", acctest.FastRetries())
	if err != nil {
		t.Fatal(err)
	}
	return map[string]transport.Authenticator{
		"token":            transport.TokenAuth{Token: acctest.Token},
		"AK/SK":            SignerAuth{AccessKey: faultAK, SecretKey: faultSK},
		"temporary AK/SK":  SignerAuth{AccessKey: faultTempAK, SecretKey: faultTempSK, SecurityToken: faultSTS},
		"password (token)": NewPasswordAuth(iam, PasswordCredentials{Domain: faultAccount, User: faultUser, Password: faultPass}, ProjectScope{ID: acctest.ProjectID}),
	}
}

// TestEveryAuthenticatorSurvivesTheFaults runs the fault table with each
// authenticator against the emulator, which verifies every signature: a
// retried request must be authenticated afresh, or the gateway refuses it.
func TestEveryAuthenticatorSurvivesTheFaults(t *testing.T) {
	faults := map[string]emulator.Faults{
		"throttled with Retry-After":      {ThrottleEvery: 3, RetryAfter: "0"},
		"a failed page":                   {FailEachPageOnce: 503},
		"a dropped connection":            {DropEvery: 2},
		"all at once, while backups grow": {ThrottleEvery: 3, RetryAfter: "0", FailEachPageOnce: 502, DropEvery: 5, GrowEvery: 4},
	}
	for faultName, fault := range faults {
		original := emulator.Seed(350)
		server := emulator.New(emulator.Options{
			Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original, Faults: fault,
			Credentials: []emulator.Credential{
				{AccessKey: faultAK, SecretKey: faultSK},
				{AccessKey: faultTempAK, SecretKey: faultTempSK, SecurityToken: faultSTS},
			},
			Users: []emulator.User{{Domain: faultAccount, Name: faultUser, Password: faultPass}},
		})
		httpServer := httptest.NewServer(server)
		t.Cleanup(httpServer.Close)
		for authName, auth := range authenticators(t, httpServer.URL) {
			t.Run(fmt.Sprintf("%s, %s", faultName, authName), func(t *testing.T) {
				// Concurrent pages share the throttle's count: a page can be
				// unlucky several times in a row, but not ten.
				opts := acctest.FastRetries()
				opts.MaxRetries = 10
				c, err := gaussdb.New(gaussdb.Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: auth, HTTP: opts})
				if err != nil {
					t.Fatal(err)
				}
				listing, err := c.ListBackups(context.Background(), gaussdb.BackupQuery{})
				if err != nil {
					t.Fatal(err)
				}
				acctest.ExpectEveryOriginalOnce(t, listing.Backups, original)
			})
		}
	}
}
