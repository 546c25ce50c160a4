package signin

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// credentialEmulator serves an account with a key pair, two agencies, an
// identity provider and the metadata service.
func credentialEmulator(t *testing.T, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	opts.ProjectID = acctest.ProjectID
	opts.Credentials = []emulator.Credential{{AccessKey: faultAK, SecretKey: faultSK}}
	opts.Agencies = []emulator.Agency{{Name: "ops", DomainName: "acme"}, {Name: "reader", DomainID: "acmeid"}}
	opts.IdentityProviders = map[string]string{"github": "id-token-of-the-pipeline"}
	if opts.Backups == nil {
		opts.Backups = emulator.Seed(150)
	}
	server := emulator.New(opts)
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	return server, httpServer.URL
}

// listWith lists the emulator's backups signed with source's credentials.
func listWith(t *testing.T, url string, source CredentialSource) (gaussdb.Listing, error) {
	t.Helper()
	c, err := gaussdb.New(gaussdb.Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: url, ProjectID: acctest.ProjectID, Auth: CredentialsAuth{Source: source}, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	return c.ListBackups(context.Background(), gaussdb.BackupQuery{})
}

func TestEachCredentialSourceSignsTheListing(t *testing.T) {
	base := CredentialsAuth{Source: StaticCredentials{AccessKey: faultAK, SecretKey: faultSK}}
	tests := []struct {
		name   string
		source func(url string) CredentialSource
		signer string
	}{
		{"agency, IAM v3", func(url string) CredentialSource {
			return AssumedAgency{Agency: Agency{Name: "ops", DomainName: "acme"}, Base: base, IAM: url, STS: url, Options: acctest.FastRetries()}
		}, "agency ops"},
		{"agency, STS v5", func(url string) CredentialSource {
			return AssumedAgency{Agency: Agency{Name: "reader", DomainID: "acmeid", Duration: time.Hour}, Base: base, IAM: url, STS: url, Options: acctest.FastRetries()}
		}, "agency reader"},
		{"a chain of two agencies", func(url string) CredentialSource {
			first := AssumedAgency{Agency: Agency{Name: "ops", DomainName: "acme"}, Base: base, IAM: url, STS: url, Options: acctest.FastRetries()}
			return AssumedAgency{Agency: Agency{Name: "reader", DomainID: "acmeid"}, Base: CredentialsAuth{Source: first}, IAM: url, STS: url, Options: acctest.FastRetries()}
		}, "agency reader"},
		{"OIDC", func(url string) CredentialSource {
			return OIDCCredentials{IdentityProvider: "github", IDToken: func() (string, error) { return "id-token-of-the-pipeline", nil },
				IAM: url, STS: url, Options: acctest.FastRetries()}
		}, "oidc"},
		{"OIDC with an agency", func(url string) CredentialSource {
			return OIDCCredentials{IdentityProvider: "github", IDToken: func() (string, error) { return "id-token-of-the-pipeline", nil },
				Agency: Agency{Name: "reader", DomainID: "acmeid"}, IAM: url, STS: url, Options: acctest.FastRetries()}
		}, "agency reader"},
		{"ECS metadata with a session token", func(url string) CredentialSource { return NewMetadataCredentials(url) }, "metadata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server, url := credentialEmulator(t, emulator.Options{Metadata: &emulator.Metadata{RequireSessionToken: true}})
			listing, err := listWith(t, url, NewCachedCredentials(tt.source(url), time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if len(listing.Backups) != 150 || server.SignedBy(tt.signer) != 2 || server.SignedBy("key "+faultAK) != 0 {
				t.Errorf("%d backups, %d requests signed by %s, %d by the base key; want 150, 2 and 0",
					len(listing.Backups), server.SignedBy(tt.signer), tt.signer, server.SignedBy("key "+faultAK))
			}
		})
	}
}

func TestMetadataWithoutSessionTokens(t *testing.T) {
	server, url := credentialEmulator(t, emulator.Options{Metadata: &emulator.Metadata{}})
	if _, err := listWith(t, url, NewMetadataCredentials(url)); err != nil || server.Issued("metadata") == 0 {
		t.Errorf("an older metadata service (404 to the session token): %v", err)
	}
}

func TestMetadataErrorsSayWhy(t *testing.T) {
	_, url := credentialEmulator(t, emulator.Options{Metadata: &emulator.Metadata{NoAgency: true}})
	if _, err := NewMetadataCredentials(url).Retrieve(context.Background()); !errors.Is(err, errNoAgency) {
		t.Errorf("a server without an agency gave %v", err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	address := listener.Addr().String()
	_ = listener.Close()
	start := time.Now()
	_, err = NewMetadataCredentials("http://" + address).Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "ECS metadata service") || time.Since(start) > 4*time.Second {
		t.Errorf("no metadata service gave %v after %v", err, time.Since(start))
	}
}

func TestAnAgencyRefusedSaysWhichAndWhy(t *testing.T) {
	_, url := credentialEmulator(t, emulator.Options{})
	base := CredentialsAuth{Source: StaticCredentials{AccessKey: faultAK, SecretKey: faultSK}}
	_, err := AssumedAgency{Agency: Agency{Name: "admin", DomainName: "acme"}, Base: base, IAM: url, Options: acctest.FastRetries()}.Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "agency admin of account acme") || !strings.Contains(err.Error(), "HTTP 403") ||
		!strings.Contains(err.Error(), "IAM.0003") {
		t.Errorf("error = %v, want one naming the agency, the status and the code", err)
	}
}

// TestCredentialsShorterThanTheMarginAreKeptHalfTheirLife lists slowly
// with credentials that live two seconds, under a margin of ten minutes:
// the listing outlives them and still completes, and they are replaced
// after half their life (one second), not fetched for every request.
func TestCredentialsShorterThanTheMarginAreKeptHalfTheirLife(t *testing.T) {
	server, url := credentialEmulator(t, emulator.Options{
		Backups: emulator.Seed(350), CredentialLifetime: 2 * time.Second, Latency: 400 * time.Millisecond,
	})
	base := CredentialsAuth{Source: StaticCredentials{AccessKey: faultAK, SecretKey: faultSK}}
	source := NewCachedCredentials(AssumedAgency{Agency: Agency{Name: "ops", DomainName: "acme"}, Base: base, IAM: url, Options: acctest.FastRetries()}, 10*time.Minute)
	c, err := gaussdb.New(gaussdb.Options{Endpoint: url, ProjectID: acctest.ProjectID, Auth: CredentialsAuth{Source: source}, MaxConcurrentRequests: 1, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	listing, err := c.ListBackups(context.Background(), gaussdb.BackupQuery{})
	if err != nil || len(listing.Backups) != 350 {
		t.Fatalf("%d backups, %v", len(listing.Backups), err)
	}
	if issued := server.Issued("agency ops"); issued < 2 || issued > 3 {
		t.Errorf("%d credentials issued for 4 requests over about 1.6 s, want 2 or 3: one per second of a 2-second life", issued)
	}
}

func TestA401ToExpiredCredentialsRefreshesOnceAndRetries(t *testing.T) {
	server, url := credentialEmulator(t, emulator.Options{})
	base := CredentialsAuth{Source: StaticCredentials{AccessKey: faultAK, SecretKey: faultSK}}
	source := NewCachedCredentials(AssumedAgency{Agency: Agency{Name: "ops", DomainName: "acme"}, Base: base, IAM: url, Options: acctest.FastRetries()}, time.Minute)
	if _, err := listWith(t, url, source); err != nil {
		t.Fatal(err)
	}
	// The gateway ends the credentials early (revoked, or clocks that
	// disagree): the cache still holds them, the gateway refuses them, and
	// the client fetches new ones and tries once more.
	server.ExpireIssued()
	if _, err := listWith(t, url, source); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if server.Issued("agency ops") != 2 {
		t.Errorf("%d credentials issued, want 2", server.Issued("agency ops"))
	}
}

func TestATokenMayAssumeAnAgencyWithSTS(t *testing.T) {
	server, url := credentialEmulator(t, emulator.Options{Token: acctest.Token})
	source := AssumedAgency{Agency: Agency{Name: "reader", DomainID: "acmeid"}, Base: transport.TokenAuth{Token: acctest.Token}, IAM: url, STS: url, Options: acctest.FastRetries()}
	if _, err := listWith(t, url, NewCachedCredentials(source, time.Minute)); err != nil || server.SignedBy("agency reader") == 0 {
		t.Errorf("a token assuming an agency with STS v5: %v", err)
	}
}

func TestIssuedCredentialsReadOnlyTheirAccount(t *testing.T) {
	const otherProject = "otheraccountproject0000000000000000"
	server := emulator.New(emulator.Options{
		ProjectID: acctest.ProjectID, Credentials: []emulator.Credential{{AccessKey: faultAK, SecretKey: faultSK}},
		Agencies: []emulator.Agency{{Name: "cross", DomainID: "other", Projects: map[string]string{"cn-north-4": otherProject}}},
		Backups:  emulator.Seed(3),
	})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	static := CredentialsAuth{Source: StaticCredentials{AccessKey: faultAK, SecretKey: faultSK}}
	agency := CredentialsAuth{Source: NewCachedCredentials(AssumedAgency{Agency: Agency{Name: "cross", DomainID: "other"},
		Base: static, IAM: httpServer.URL, STS: httpServer.URL, Options: acctest.FastRetries()}, time.Minute)}
	for _, tt := range []struct {
		name    string
		auth    transport.Authenticator
		project string
		allowed bool
	}{
		{"the agency reads its account", agency, otherProject, true},
		{"the agency does not read the caller's account", agency, acctest.ProjectID, false},
		{"the caller's key does not read the agency's account", static, otherProject, false},
	} {
		c, err := gaussdb.New(gaussdb.Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: tt.project, Auth: tt.auth, HTTP: acctest.FastRetries()})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListBackups(context.Background(), gaussdb.BackupQuery{})
		if (err == nil) != tt.allowed {
			t.Errorf("%s: error %v", tt.name, err)
		}
	}
}

func TestAMetadataServiceThatDoesNotAnswerFailsWithinItsTimeout(t *testing.T) {
	stalled := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	t.Cleanup(stalled.Close)
	start := time.Now()
	_, err := NewMetadataCredentials(stalled.URL).Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "ECS metadata service") || time.Since(start) > metadataTimeout+time.Second {
		t.Errorf("a stalled metadata service gave %v after %v, want an error within %v", err, time.Since(start), metadataTimeout)
	}
}

func TestTheMetadataServiceIsNeverFollowedElsewhere(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		elsewhere.Add(1)
		_, _ = w.Write([]byte(`{"credential": {"access": "AK", "secret": "SK", "securitytoken": "ST", "expires_at": "2099-01-01T00:00:00Z"}}`))
	}))
	t.Cleanup(other.Close)
	metadata := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(metadata.Close)
	_, err := NewMetadataCredentials(metadata.URL).Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "a redirect to "+other.URL) || elsewhere.Load() != 0 {
		t.Errorf("error %v, %d requests elsewhere: want the redirect refused and named", err, elsewhere.Load())
	}
}

// TestAnOIDCListingExchangesTheIDTokenOnce lists 1,000 backups (10 pages)
// signed with OIDC credentials under the SDK's margin of 40 minutes: the
// exchange asks for six hours, so one exchange serves the listing (it
// once asked for none, got 15 minutes, and exchanged before every page).
func TestAnOIDCListingExchangesTheIDTokenOnce(t *testing.T) {
	server, url := credentialEmulator(t, emulator.Options{Backups: emulator.Seed(1000)})
	source := NewCachedCredentials(OIDCCredentials{IdentityProvider: "github",
		IDToken: func() (string, error) { return "id-token-of-the-pipeline", nil },
		IAM:     url, STS: url, Options: acctest.FastRetries()}, sdkRefreshMargin)
	c, err := gaussdb.New(gaussdb.Options{Endpoint: url, ProjectID: acctest.ProjectID, Auth: CredentialsAuth{Source: source},
		MaxConcurrentRequests: 1, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	if listing, err := c.ListBackups(context.Background(), gaussdb.BackupQuery{}); err != nil || len(listing.Backups) != 1000 {
		t.Fatalf("%d backups, %v", len(listing.Backups), err)
	}
	if server.Issued("oidc") != 1 {
		t.Errorf("%d exchanges for a listing of 10 pages, want 1", server.Issued("oidc"))
	}
}

func TestAMarginLongerThanTheCredentialsLifeIsHalved(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var fetches int
	source := sourceFunc(func(context.Context) (Credentials, error) {
		fetches++
		return Credentials{AccessKey: "AK", SecretKey: "SK", SecurityToken: "ST", Expires: now.Add(15 * time.Minute)}, nil
	})
	cached := NewCachedCredentials(source, sdkRefreshMargin)
	cached.now = func() time.Time { return now }
	for _, minutes := range []int{0, 5, 7} {
		now = time.Date(2026, 11, 30, 12, minutes, 0, 0, time.UTC)
		if _, err := cached.Retrieve(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if fetches != 1 {
		t.Errorf("%d fetches within the first half of a 15-minute life, want 1", fetches)
	}
	now = now.Add(time.Minute) // 12:08, past half of the life
	if _, err := cached.Retrieve(context.Background()); err != nil || fetches != 2 {
		t.Errorf("%d fetches after half the life (%v), want 2", fetches, err)
	}
}

// sourceFunc is a CredentialSource of a function.
type sourceFunc func(context.Context) (Credentials, error)

func (f sourceFunc) Retrieve(ctx context.Context) (Credentials, error) { return f(ctx) }
