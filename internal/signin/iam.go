package signin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	neturl "net/url"
	"strings"
	"sync"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// tokenRefreshMargin is how long before its expiry a token is replaced, so
// that a token never expires in the middle of a listing.
const tokenRefreshMargin = 10 * time.Minute

// IAM is the identity service, reached at the scheme and host of an auth
// URL such as https://iam.cn-north-4.myhuaweicloud.com/v3 (or of
// endpoints.iam): the paths /v3/... are the service's own.
type IAM struct {
	base  string
	opts  transport.Options
	login *transport.Service
}

// NewIAM returns the IAM service at the scheme and host of url.
func NewIAM(url string, opts transport.Options) (*IAM, error) {
	base, err := transport.BaseURL(url)
	if err != nil {
		return nil, fmt.Errorf("IAM endpoint: %w", err)
	}
	login, err := transport.New(base, nil, opts)
	if err != nil {
		return nil, fmt.Errorf("IAM endpoint: %w", err)
	}
	return &IAM{base: base, opts: opts, login: login}, nil
}

// PasswordCredentials identify an IAM user: by name within an account
// (Domain, the account's name, or DomainID), or by UserID alone.
type PasswordCredentials struct {
	Domain   string
	DomainID string
	User     string
	UserID   string
	Password string
}

// ProjectScope names the project a token is for: by ID, or else by name
// (a sub-project such as cn-north-4_dev, or the region's own project, whose
// name is the region), optionally within an account.
type ProjectScope struct {
	ID   string
	Name string
	// DomainName or DomainID qualify a project name, as IAM asks when a
	// token is re-scoped.
	DomainName string
	DomainID   string
}

// Token is an IAM token and what IAM said of it.
type Token struct {
	Value     string
	ExpiresAt time.Time
	// ProjectID is the project the token is scoped to; empty if IAM did not say.
	ProjectID string
}

// named is an IAM object named by id or by name.
type named struct {
	ID     string `json:"id,omitempty"`
	Name   string `json:"name,omitempty"`
	Domain *named `json:"domain,omitempty"`
}

// scopeJSON is how IAM wants the project of a token.
func (s ProjectScope) scopeJSON() map[string]any {
	project := named{ID: s.ID}
	if s.ID == "" {
		project.Name = s.Name
		if s.DomainID != "" || s.DomainName != "" {
			project.Domain = &named{ID: s.DomainID, Name: s.DomainName}
		}
	}
	return map[string]any{"project": project}
}

// Login exchanges a password for a token scoped to one project.
func (i *IAM) Login(ctx context.Context, creds PasswordCredentials, scope ProjectScope) (Token, error) {
	user := map[string]any{"password": creds.Password}
	if creds.UserID != "" {
		user["id"] = creds.UserID
	} else {
		user["name"] = creds.User
		user["domain"] = named{ID: creds.DomainID, Name: creds.Domain}
	}
	identity := map[string]any{"methods": []string{"password"}, "password": map[string]any{"user": user}}
	token, err := i.issueToken(ctx, identity, scope)
	if err != nil {
		return Token{}, fmt.Errorf("logging in to IAM as %s: %w", creds.who(), err)
	}
	return token, nil
}

// who names the user of creds in an error, never with the password.
func (c PasswordCredentials) who() string {
	if c.UserID != "" {
		return "user id " + c.UserID
	}
	account := c.Domain
	if account == "" {
		account = "account " + c.DomainID
	}
	return account + "/" + c.User
}

// Rescope exchanges a token for one scoped to another project, as the
// official provider does with a token and no project_id.
func (i *IAM) Rescope(ctx context.Context, token string, scope ProjectScope) (Token, error) {
	identity := map[string]any{"methods": []string{"token"}, "token": map[string]string{"id": token}}
	scoped, err := i.issueToken(ctx, identity, scope)
	if err != nil {
		return Token{}, fmt.Errorf("re-scoping the token to project %s: %w", scope.describe(), err)
	}
	return scoped, nil
}

func (s ProjectScope) describe() string {
	if s.ID != "" {
		return s.ID
	}
	return s.Name
}

// issueToken asks IAM for a token: POST /v3/auth/tokens.
func (i *IAM) issueToken(ctx context.Context, identity map[string]any, scope ProjectScope) (Token, error) {
	payload, err := json.Marshal(map[string]any{"auth": map[string]any{"identity": identity, "scope": scope.scopeJSON()}})
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
	respHeader, err := i.login.Call(ctx, http.MethodPost, "/v3/auth/tokens", nil, header, payload, &answer)
	if err != nil {
		return Token{}, err
	}
	token := Token{Value: respHeader.Get("X-Subject-Token"), ProjectID: answer.Token.Project.ID}
	if token.Value == "" {
		return Token{}, errors.New("the answer has no X-Subject-Token header")
	}
	if token.ExpiresAt, err = time.Parse(time.RFC3339Nano, answer.Token.ExpiresAt); err != nil {
		return Token{}, fmt.Errorf("expires_at %q is not a time", answer.Token.ExpiresAt)
	}
	return token, nil
}

// ProjectID looks up the ID of the account's project named name (a region,
// or a sub-project such as cn-north-4_dev), calling IAM with auth. No
// project, or several, is an error naming the name and the count.
func (i *IAM) ProjectID(ctx context.Context, auth transport.Authenticator, name string) (string, error) {
	lookup, err := transport.New(i.base, auth, i.opts)
	if err != nil {
		return "", err
	}
	var answer struct {
		Projects []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"projects"`
	}
	if _, err := lookup.Call(ctx, http.MethodGet, "/v3/projects", neturl.Values{"name": {name}}, nil, nil, &answer); err != nil {
		return "", fmt.Errorf("looking up the project %s: %w", name, err)
	}
	var ids []string
	for _, p := range answer.Projects {
		if p.Name == name && p.ID != "" {
			ids = append(ids, p.ID)
		}
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return "", fmt.Errorf("the account has no project named %s (0 found): set project_id, or check the region "+
			"or project_name", name)
	}
	return "", fmt.Errorf("the account has %d projects named %s (%s): set project_id to the one to read",
		len(ids), name, strings.Join(ids, ", "))
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
