package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// tokenRefreshMargin is how long before its expiry a token is replaced, so
// that a token never expires in the middle of a listing.
const tokenRefreshMargin = 10 * time.Minute

// DefaultAuthURL returns the IAM endpoint of a region.
func DefaultAuthURL(region, cloud string) string {
	return "https://iam." + region + "." + cloud + "/v3"
}

// IAM is the identity service at an auth URL such as
// https://iam.cn-north-4.myhuaweicloud.com/v3.
type IAM struct {
	authURL string
	opts    HTTPOptions
	login   *api
}

// NewIAM returns the IAM service at authURL.
func NewIAM(authURL string, opts HTTPOptions) (*IAM, error) {
	login, err := newAPI(authURL, nil, opts)
	if err != nil {
		return nil, fmt.Errorf("auth_url: %w", err)
	}
	return &IAM{authURL: authURL, opts: opts, login: login}, nil
}

// PasswordCredentials identify an IAM user.
type PasswordCredentials struct {
	Domain   string
	User     string
	Password string
}

// ProjectScope names the project a token is for: by ID, or else by the
// region's name.
type ProjectScope struct {
	ID     string
	Region string
}

// Token is an IAM token and what IAM said of it.
type Token struct {
	Value     string
	ExpiresAt time.Time
	// ProjectID is the project the token is scoped to; empty if IAM did not say.
	ProjectID string
}

// Login exchanges a password for a token scoped to one project.
func (i *IAM) Login(ctx context.Context, creds PasswordCredentials, scope ProjectScope) (Token, error) {
	type named struct {
		Name string `json:"name,omitempty"`
		ID   string `json:"id,omitempty"`
	}
	var body struct {
		Auth struct {
			Identity struct {
				Methods  []string `json:"methods"`
				Password struct {
					User struct {
						Name     string `json:"name"`
						Password string `json:"password"`
						Domain   named  `json:"domain"`
					} `json:"user"`
				} `json:"password"`
			} `json:"identity"`
			Scope struct {
				Project named `json:"project"`
			} `json:"scope"`
		} `json:"auth"`
	}
	body.Auth.Identity.Methods = []string{"password"}
	user := &body.Auth.Identity.Password.User
	user.Name, user.Password, user.Domain.Name = creds.User, creds.Password, creds.Domain
	if scope.ID != "" {
		body.Auth.Scope.Project.ID = scope.ID
	} else {
		body.Auth.Scope.Project.Name = scope.Region
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return Token{}, err
	}

	var answer struct {
		Token struct {
			ExpiresAt string `json:"expires_at"`
			Project   struct {
				ID string `json:"id"`
			} `json:"project"`
		} `json:"token"`
	}
	header := http.Header{"Content-Type": {"application/json;charset=utf8"}}
	respHeader, err := i.login.call(ctx, http.MethodPost, "/auth/tokens", nil, header, payload, &answer)
	if err != nil {
		return Token{}, fmt.Errorf("logging in to IAM as %s/%s: %w", creds.Domain, creds.User, err)
	}
	token := Token{Value: respHeader.Get("X-Subject-Token"), ProjectID: answer.Token.Project.ID}
	if token.Value == "" {
		return Token{}, errors.New("logging in to IAM: the answer has no X-Subject-Token header")
	}
	if token.ExpiresAt, err = time.Parse(time.RFC3339Nano, answer.Token.ExpiresAt); err != nil {
		return Token{}, fmt.Errorf("logging in to IAM: expires_at %q is not a time", answer.Token.ExpiresAt)
	}
	return token, nil
}

// ProjectID looks up the ID of the account's project in a region, calling
// IAM with auth.
func (i *IAM) ProjectID(ctx context.Context, auth Authenticator, region string) (string, error) {
	lookup, err := newAPI(i.authURL, auth, i.opts)
	if err != nil {
		return "", err
	}
	var answer struct {
		Projects []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"projects"`
	}
	if _, err := lookup.call(ctx, http.MethodGet, "/projects", url.Values{"name": {region}}, nil, nil, &answer); err != nil {
		return "", fmt.Errorf("looking up the project of region %s: %w", region, err)
	}
	for _, p := range answer.Projects {
		if p.Name == region && p.ID != "" {
			return p.ID, nil
		}
	}
	return "", fmt.Errorf("the account has no project in region %s: set project_id, or check the region", region)
}

// PasswordAuth authenticates with a token from IAM password login, logging
// in again shortly before the token expires.
type PasswordAuth struct {
	iam   *IAM
	creds PasswordCredentials
	scope ProjectScope
	now   func() time.Time

	mu    sync.Mutex
	token Token
}

// NewPasswordAuth returns an authenticator that logs in as creds for scope.
func NewPasswordAuth(iam *IAM, creds PasswordCredentials, scope ProjectScope) *PasswordAuth {
	return &PasswordAuth{iam: iam, creds: creds, scope: scope, now: time.Now}
}

// Token returns a token valid for at least tokenRefreshMargin, logging in
// when there is none.
func (a *PasswordAuth) Token(ctx context.Context) (Token, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token.Value != "" && a.now().Add(tokenRefreshMargin).Before(a.token.ExpiresAt) {
		return a.token, nil
	}
	token, err := a.iam.Login(ctx, a.creds, a.scope)
	if err != nil {
		return Token{}, err
	}
	a.token = token
	return token, nil
}

// Authenticate sets X-Auth-Token to a current token.
func (a *PasswordAuth) Authenticate(ctx context.Context, req *http.Request) error {
	token, err := a.Token(ctx)
	if err != nil {
		return err
	}
	req.Header.Set("X-Auth-Token", token.Value)
	return nil
}
