package provider

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"context"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

func TestAPIClientsLookUpEachRegionsProjectOnce(t *testing.T) {
	server, url := startAccountEmulator(t, 3)
	clients := newAPIClients(settings{
		region: "cn-north-4", endpointOverride: url, authURL: url + "/v3",
		method: authAKSK, accessKey: testAccessKey, secretKey: testSecretKey,
	}, client.HTTPOptions{})
	for range 3 {
		for region, want := range map[string]string{"": testProject, "cn-north-4": testProject, "cn-east-5": testEastProject} {
			c, err := clients.forRegion(context.Background(), region)
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
		ProjectID: testProject, Region: "cn-north-4", Projects: map[string]string{"cn-east-5": testEastProject},
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

	transport, err := client.NewTransport(client.HTTPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	clients := newAPIClients(settings{
		region: "cn-north-4", endpointOverride: httpServer.URL, authURL: httpServer.URL + "/v3",
		method: authPassword, userName: testUser.Name, password: testUser.Password, domainName: testUser.Domain,
	}, client.HTTPOptions{Transport: transport})
	for _, region := range []string{"cn-north-4", "cn-east-5"} {
		c, err := clients.forRegion(context.Background(), region)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListBackups(context.Background(), client.BackupQuery{}); err != nil {
			t.Fatal(err)
		}
	}
	if server.Logins() != 2 || connections.Load() != 1 {
		t.Errorf("%d logins over %d connections, want 2 logins over 1 connection", server.Logins(), connections.Load())
	}
}
