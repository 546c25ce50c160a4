package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const (
	testToken = "acceptance-token"
)

// testProviders runs the provider in-process for acceptance tests, with an
// empty environment: what the caller exported (HW_INSECURE=true, say) must
// not change what a test tests. Tests that need a variable use
// testProvidersWithEnv, which is safe in parallel where t.Setenv is not.
func testProviders() map[string]func() (tfprotov6.ProviderServer, error) {
	return testProvidersWithEnv(nil)
}

// startEmulator serves opts on a local port for the test's lifetime. The
// token and project are filled in when opts leaves them empty.
func startEmulator(t *testing.T, opts emulator.Options) string {
	t.Helper()
	if opts.Token == "" {
		opts.Token = testToken
	}
	if opts.ProjectID == "" {
		opts.ProjectID = acctest.ProjectID
	}
	httpServer := httptest.NewServer(emulator.New(opts))
	t.Cleanup(httpServer.Close)
	return httpServer.URL
}

// providerBlock configures the provider for an emulator at url with the
// test's token and project.
func providerBlock(url string) string {
	return fmt.Sprintf(`
provider "gaussdb" {
  region      = "cn-north-4"
  project_id  = %q
  token       = %q
  max_retries = 1
  endpoints = {
    gaussdb = %q
  }
}
`, acctest.ProjectID, testToken, url)
}

// testProvidersWithEnv runs the provider, as main serves it, with env as
// its whole environment. Tests never reach the real ECS metadata address:
// unless env names one, the metadata service is a closed port on this
// machine.
func testProvidersWithEnv(env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	return testProvidersWaiting(env, apiWaits{})
}

// testProvidersWaiting is testProvidersWithEnv with the clients' waits for
// what the API shows late shortened as waits says.
func testProvidersWaiting(env map[string]string, waits apiWaits) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"gaussdb": func() (tfprotov6.ProviderServer, error) {
			p := testProvider(env)
			p.waits = waits
			server, err := muxedServer(context.Background(), p)
			if err != nil {
				return nil, err
			}
			return server(), nil
		},
	}
}

// testProvider is the framework provider with env as its whole environment.
func testProvider(env map[string]string) *GaussDBProvider {
	return &GaussDBProvider{
		version: "test",
		getenv: func(name string) string {
			if value, ok := env[name]; ok || name != envMetadataEndpoint {
				return value
			}
			return closedLocalEndpoint
		},
	}
}

// closedLocalEndpoint is an address on this machine where nothing listens
// (port 1 needs root to bind): a connection to it is refused at once.
const closedLocalEndpoint = "http://127.0.0.1:1"
