package signin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

var testUser = emulator.User{Domain: "acme", Name: "ci-bot", Password: "correct horse"}

// startIAM serves an emulator with one user, one key pair and projects in
// two regions, returning it and an IAM client of it.
func startIAM(t *testing.T) (*emulator.Server, *IAM, string) {
	t.Helper()
	server := emulator.New(emulator.Options{
		ProjectID:   acctest.ProjectID,
		Projects:    map[string]string{"cn-east-5": "eastproject"},
		Users:       []emulator.User{testUser},
		Credentials: []emulator.Credential{{AccessKey: "AK1", SecretKey: "SK1"}},
		Backups:     emulator.Seed(120),
	})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	iam, err := NewIAM(httpServer.URL+"/v3", acctest.FastRetries())
	if err != nil {
		t.Fatal(err)
	}
	return server, iam, httpServer.URL
}

func TestPasswordLoginScopedByRegionOrID(t *testing.T) {
	_, iam, _ := startIAM(t)
	creds := PasswordCredentials{Domain: testUser.Domain, User: testUser.Name, Password: testUser.Password}
	for _, scope := range []ProjectScope{{Name: "cn-east-5"}, {ID: "eastproject"}} {
		token, err := iam.Login(context.Background(), creds, scope)
		if err != nil {
			t.Fatalf("scope %+v: %v", scope, err)
		}
		if len(token.Value) < 100 || token.ProjectID != "eastproject" || time.Until(token.ExpiresAt) < 23*time.Hour {
			t.Errorf("scope %+v: token of %d bytes for %q expiring %v", scope, len(token.Value), token.ProjectID, token.ExpiresAt)
		}
	}
}

func TestAWrongPasswordFailsAtOnceWithoutRetries(t *testing.T) {
	server, iam, url := startIAM(t)
	auth := NewPasswordAuth(iam, PasswordCredentials{Domain: "acme", User: "ci-bot", Password: "wrong"}, ProjectScope{Name: "cn-north-4"})
	c, err := gaussdb.New(gaussdb.Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: url, ProjectID: acctest.ProjectID, Auth: auth, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListBackups(context.Background(), gaussdb.BackupQuery{})
	if err == nil || !strings.Contains(err.Error(), "HTTP 401") || !strings.Contains(err.Error(), "logging in to IAM as acme/ci-bot") {
		t.Errorf("error = %v, want the refused login", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("the error shows the password: %v", err)
	}
	if server.Logins() != 1 {
		t.Errorf("IAM saw %d logins, want 1: a refused password is not retried", server.Logins())
	}
}

func TestPasswordAuthKeepsItsTokenUntilShortlyBeforeExpiry(t *testing.T) {
	server, iam, url := startIAM(t)
	auth := NewPasswordAuth(iam, PasswordCredentials{Domain: testUser.Domain, User: testUser.Name, Password: testUser.Password},
		ProjectScope{ID: acctest.ProjectID})
	clock := time.Now()
	auth.now = func() time.Time { return clock }
	c, err := gaussdb.New(gaussdb.Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: url, ProjectID: acctest.ProjectID, Auth: auth, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := c.ListBackups(context.Background(), gaussdb.BackupQuery{}); err != nil {
			t.Fatal(err)
		}
	}
	if server.Logins() != 1 {
		t.Fatalf("three listings of two pages logged in %d times, want once", server.Logins())
	}
	clock = clock.Add(24*time.Hour - 5*time.Minute)
	if _, err := auth.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if server.Logins() != 2 {
		t.Errorf("a token 5 minutes from expiry was kept (%d logins), want a new login", server.Logins())
	}
}

func TestProjectLookupWithASignature(t *testing.T) {
	_, iam, _ := startIAM(t)
	signer := SignerAuth{AccessKey: "AK1", SecretKey: "SK1"}
	id, err := iam.ProjectID(context.Background(), signer, "cn-east-5")
	if err != nil || id != "eastproject" {
		t.Errorf("ProjectID(cn-east-5) = %q, %v; want eastproject", id, err)
	}
	_, err = iam.ProjectID(context.Background(), signer, "ap-southeast-9")
	if err == nil || !strings.Contains(err.Error(), "no project named ap-southeast-9 (0 found)") {
		t.Errorf("a region without a project gave %v", err)
	}
	_, err = iam.ProjectID(context.Background(), SignerAuth{AccessKey: "AK1", SecretKey: "wrong"}, "cn-east-5")
	if err == nil || !strings.Contains(err.Error(), "APIGW.0301") {
		t.Errorf("a bad signature gave %v, want APIGW.0301", err)
	}
}

func TestSignedListingThroughTheEmulatorsGateway(t *testing.T) {
	_, _, url := startIAM(t)
	c, err := gaussdb.New(gaussdb.Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: url, ProjectID: acctest.ProjectID, Auth: SignerAuth{AccessKey: "AK1", SecretKey: "SK1"}, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	begin, _ := gaussdb.ParseTime("2026-11-01T00:00:00+0800")
	listing, err := c.ListBackups(context.Background(), gaussdb.BackupQuery{BeginTime: begin, Name: "x y+z"})
	if err != nil {
		t.Fatalf("a signed listing with +, : and a space in the query was refused: %v", err)
	}
	if len(listing.Backups) != 0 {
		t.Errorf("got %d backups named %q", len(listing.Backups), "x y+z")
	}
	listing, err = c.ListBackups(context.Background(), gaussdb.BackupQuery{BeginTime: begin})
	if err != nil || len(listing.Backups) == 0 {
		t.Errorf("signed listing: %d backups, %v", len(listing.Backups), err)
	}
}

func TestSeveralProjectsOfOneNameAreAnError(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"projects": [{"id": "p1", "name": "cn-north-4_dev"}, {"id": "p2", "name": "cn-north-4_dev"}]}`))
	}))
	t.Cleanup(server.Close)
	iam, err := NewIAM(server.URL+"/v3", acctest.FastRetries())
	if err != nil {
		t.Fatal(err)
	}
	_, err = iam.ProjectID(context.Background(), transport.TokenAuth{Token: "t"}, "cn-north-4_dev")
	if err == nil || !strings.Contains(err.Error(), "2 projects named cn-north-4_dev (p1, p2)") {
		t.Errorf("error = %v, want one naming the name and the count", err)
	}
}

func TestLoginByUserIDOrDomainIDAndTokenRescoping(t *testing.T) {
	server := emulator.New(emulator.Options{
		ProjectID: acctest.ProjectID, Region: "cn-north-4", Projects: map[string]string{"cn-north-4_dev": "devproject"},
		Token: acctest.Token,
		Users: []emulator.User{{Domain: "acme", DomainID: "acmeid", Name: "ci-bot", ID: "ci-bot-id", Password: "pw"}},
	})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	iam, err := NewIAM(httpServer.URL+"/v3", acctest.FastRetries())
	if err != nil {
		t.Fatal(err)
	}
	for name, creds := range map[string]PasswordCredentials{
		"by user id":   {UserID: "ci-bot-id", Password: "pw"},
		"by domain id": {DomainID: "acmeid", User: "ci-bot", Password: "pw"},
		"by domain":    {Domain: "acme", User: "ci-bot", Password: "pw"},
	} {
		token, err := iam.Login(context.Background(), creds, ProjectScope{Name: "cn-north-4_dev"})
		if err != nil || token.ProjectID != "devproject" {
			t.Errorf("%s: project %q, %v; want devproject", name, token.ProjectID, err)
		}
	}
	if _, err := iam.Login(context.Background(), PasswordCredentials{UserID: "ci-bot-id", Password: "wrong"}, ProjectScope{ID: acctest.ProjectID}); err == nil {
		t.Error("a wrong password by user id was accepted")
	}
	scoped, err := iam.Rescope(context.Background(), acctest.Token, ProjectScope{Name: "cn-north-4_dev", DomainName: "acme"})
	if err != nil || scoped.ProjectID != "devproject" || scoped.Value == acctest.Token {
		t.Errorf("re-scoped token: project %q, same token %v, %v; want a new token for devproject", scoped.ProjectID, scoped.Value == acctest.Token, err)
	}
	if _, err := iam.Rescope(context.Background(), "not-a-token", ProjectScope{Name: "cn-north-4", DomainName: "acme"}); err == nil {
		t.Error("an unknown token was re-scoped")
	}
}
