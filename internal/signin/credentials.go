package signin

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Credentials are an access key pair; temporary ones carry a security
// token and expire.
type Credentials struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// Expires is when temporary credentials stop working; zero for
	// permanent ones.
	Expires time.Time
}

// CredentialSource obtains credentials: from the configuration, an ECS
// server's metadata, an agency, or an OIDC identity provider.
type CredentialSource interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

// StaticCredentials are credentials given as they are.
type StaticCredentials Credentials

// Retrieve returns the credentials.
func (s StaticCredentials) Retrieve(context.Context) (Credentials, error) {
	return Credentials(s), nil
}

// CachedCredentials keeps the credentials of a source until shortly before
// they expire, fetching new ones under one lock that every user of the
// source shares. The margin never exceeds half of a credential's lifetime:
// credentials of 15 minutes with a margin of 40 would be fetched anew for
// every request.
type CachedCredentials struct {
	source CredentialSource
	margin time.Duration
	now    func() time.Time

	mu      sync.Mutex
	current Credentials
	valid   bool
	// refreshAt is when the current credentials are replaced.
	refreshAt time.Time
}

// NewCachedCredentials caches source's credentials, refreshing them margin
// before they expire.
func NewCachedCredentials(source CredentialSource, margin time.Duration) *CachedCredentials {
	return &CachedCredentials{source: source, margin: margin, now: time.Now}
}

// Retrieve returns current credentials, fetching them when there are none
// or they expire within the margin.
func (c *CachedCredentials) Retrieve(ctx context.Context) (Credentials, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.valid && (c.current.Expires.IsZero() || c.now().Before(c.refreshAt)) {
		return c.current, nil
	}
	fetched := c.now()
	creds, err := c.source.Retrieve(ctx)
	if err != nil {
		return Credentials{}, err
	}
	c.current, c.valid = creds, true
	if !creds.Expires.IsZero() {
		c.refreshAt = creds.Expires.Add(-min(c.margin, creds.Expires.Sub(fetched)/2))
	}
	return creds, nil
}

// Expire drops temporary credentials (a gateway refused them as expired),
// so that the next Retrieve fetches new ones; it says whether it did.
func (c *CachedCredentials) Expire() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || c.current.SecurityToken == "" {
		return false
	}
	c.valid = false
	return true
}

// CredentialsAuth signs each request with the credentials of a source.
// Temporary credentials refused with a 401 are fetched anew once
// (transport.Expirer).
type CredentialsAuth struct {
	Source CredentialSource
	// Algorithm is the signing algorithm; empty means HmacSHA256.
	Algorithm SigningAlgorithm
}

// Authenticate fetches the credentials first, then dates and signs req, so
// that a refresh never happens inside a dated signature.
func (a CredentialsAuth) Authenticate(ctx context.Context, req *http.Request) error {
	creds, err := a.Source.Retrieve(ctx)
	if err != nil {
		return err
	}
	return SignerAuth{
		AccessKey: creds.AccessKey, SecretKey: creds.SecretKey, SecurityToken: creds.SecurityToken, Algorithm: a.Algorithm,
	}.Authenticate(ctx, req)
}

var _ transport.Expirer = CredentialsAuth{}

// Expire drops the source's temporary credentials, when it caches them.
func (a CredentialsAuth) Expire() bool {
	if cached, ok := a.Source.(*CachedCredentials); ok {
		return cached.Expire()
	}
	return false
}
