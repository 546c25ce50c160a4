package signin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// The emulator answers as the cloud's gateway, IAM and STS do where the
// provider depends on it; these tests pin that down.

func TestTheGatewayAcceptsASecurityTokenLeftOutOfTheSignature(t *testing.T) {
	server := emulator.New(emulator.Options{ProjectID: acctest.ProjectID, Backups: emulator.Seed(3),
		Credentials: []emulator.Credential{{AccessKey: "TEMPKEY0000000000000", SecretKey: "temp-secret", SecurityToken: "the-token"}}})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet,
		httpServer.URL+"/v3/"+acctest.ProjectID+"/backups?limit=100&offset=0", nil)
	req.Header.Set("X-Project-Id", acctest.ProjectID)
	if err := (SignerAuth{AccessKey: "TEMPKEY0000000000000", SecretKey: "temp-secret"}).Authenticate(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Security-Token", "the-token") // after signing: not among the signed headers
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("HTTP %d, want 200: the gateway takes the security token signed or not", resp.StatusCode)
	}
}

func TestSTSGrantsAtMostAnHourToACallerWithTemporaryKeys(t *testing.T) {
	_, url := credentialEmulator(t, emulator.Options{})
	base := CredentialsAuth{Source: AssumedAgency{Agency: Agency{Name: "ops", DomainName: "acme"},
		Base: CredentialsAuth{Source: StaticCredentials{AccessKey: faultAK, SecretKey: faultSK}}, IAM: url, Options: acctest.FastRetries()}}
	for _, tt := range []struct {
		duration time.Duration
		ok       bool
	}{{time.Hour, true}, {2 * time.Hour, false}} {
		_, err := AssumedAgency{Agency: Agency{Name: "reader", DomainID: "acmeid", Duration: tt.duration}, Base: base,
			STS: url, Options: acctest.FastRetries()}.Retrieve(context.Background())
		if (err == nil) != tt.ok || !tt.ok && !strings.Contains(err.Error(), "at most 3600") {
			t.Errorf("duration %v: error %v, want ok = %v", tt.duration, err, tt.ok)
		}
	}
}

func TestADomainScopedTokenServesIAMButNoProject(t *testing.T) {
	server := emulator.New(emulator.Options{ProjectID: acctest.ProjectID, Backups: emulator.Seed(3),
		Users: []emulator.User{{Domain: "acme", DomainID: "acme-id", Name: "ci-bot", Password: "pw"}}})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	body := `{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "ci-bot", "password": "pw",
		"domain": {"name": "acme"}}}}, "scope": {"domain": {"name": "acme"}}}}`
	resp, err := http.Post(httpServer.URL+"/v3/auth/tokens", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	token := resp.Header.Get("X-Subject-Token")
	if resp.StatusCode != http.StatusCreated || token == "" {
		t.Fatalf("login scoped to the account: HTTP %d", resp.StatusCode)
	}
	get := func(path string) (*http.Response, map[string]any) {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, httpServer.URL+path, nil)
		req.Header.Set("X-Auth-Token", token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		var answer map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&answer)
		return resp, answer
	}
	if resp, answer := get("/v3/auth/domains"); resp.StatusCode != http.StatusOK || !strings.Contains(jsonText(answer), `"acme-id"`) {
		t.Errorf("/v3/auth/domains: HTTP %d %v, want the account", resp.StatusCode, answer)
	}
	if resp, _ := get("/v3/projects?name=cn-north-4"); resp.StatusCode != http.StatusOK {
		t.Errorf("/v3/projects with the account's token: HTTP %d, want 200", resp.StatusCode)
	}
	if resp, _ := get("/v3/" + acctest.ProjectID + "/backups"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the backups of a project with the account's token: HTTP %d, want 401", resp.StatusCode)
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
