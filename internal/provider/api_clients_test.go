package provider

import (
	"context"
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
