package provider

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// clientsFromEnv configures the API clients as Configure does, from an
// environment alone and a GaussDB and IAM endpoint at url.
func clientsFromEnv(t *testing.T, url string, env map[string]string, opts transport.Options) *apiClients {
	t.Helper()
	env["HW_AUTH_URL"] = url + "/v3"
	settings, problems := config.Resolve(map[string]config.Raw{"endpoints": {Map: map[string]config.Raw{
		config.EndpointGaussDB: {Text: url}}}}, func(name string) string { return env[name] })
	plan, more := signin.Decide(settings)
	if problems = append(problems, more...); len(problems) > 0 {
		t.Fatalf("configuration problems: %+v", problems)
	}
	endpoints := transport.Endpoints{GaussDB: url, AuthURL: url + "/v3", Region: plan.Region.Text}
	return newAPIClients(signin.NewSession(plan, endpoints, opts), endpoints, opts, int(settings.Get(config.MaxConcurrentRequests).Int()))
}

func TestAPIClientsLookUpEachRegionsProjectOnce(t *testing.T) {
	server, url := startAccountEmulator(t, 3)
	clients := clientsFromEnv(t, url, map[string]string{envRegion: "cn-north-4", envAccessKey: testAccessKey,
		envSecretKey: testSecretKey}, transport.Options{})
	for range 3 {
		for region, want := range map[string]string{"": acctest.ProjectID, "cn-north-4": acctest.ProjectID, "cn-east-5": testEastProject} {
			c, err := clients.regionClient(context.Background(), region)
			if err != nil {
				t.Fatal(err)
			}
			if c.ProjectID() != want {
				t.Errorf("region %q got project %s, want %s", region, c.ProjectID(), want)
			}
		}
	}
	if server.ProjectLookups() != 2 {
		t.Errorf("%d project look-ups for two regions, want 2", server.ProjectLookups())
	}
}

// TestGaussDBAndIAMShareOneConnectionPool logs in, looks up nothing (the
// token names its project) and lists, in two regions: with the one
// transport Configure builds, every call rides the same kept-alive
// connection.
func TestGaussDBAndIAMShareOneConnectionPool(t *testing.T) {
	server := emulator.New(emulator.Options{
		ProjectID: acctest.ProjectID, Region: "cn-north-4", Projects: map[string]string{"cn-east-5": testEastProject},
		Users: []emulator.User{testUser}, Backups: emulator.Seed(3),
	})
	var connections atomic.Int32
	httpServer := httptest.NewUnstartedServer(server)
	httpServer.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			connections.Add(1)
		}
	}
	httpServer.Start()
	t.Cleanup(httpServer.Close)

	pool, err := transport.NewTransport(transport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clients := clientsFromEnv(t, httpServer.URL, map[string]string{envRegion: "cn-north-4", envUserName: testUser.Name,
		envPassword: testUser.Password, envDomainName: testUser.Domain}, transport.Options{Transport: pool})
	for _, region := range []string{"cn-north-4", "cn-east-5"} {
		c, err := clients.regionClient(context.Background(), region)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListBackups(context.Background(), gaussdb.BackupQuery{}); err != nil {
			t.Fatal(err)
		}
	}
	if server.Logins() != 2 || connections.Load() != 1 {
		t.Errorf("%d logins over %d connections, want 2 logins over 1 connection", server.Logins(), connections.Load())
	}
}
