package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

// apiClients hands data sources an API client per region, building each
// once: a region's project is looked up at most once per run.
type apiClients struct {
	settings settings
	httpOpts client.HTTPOptions

	// mu guards the maps only, never a network call: each region has a
	// lock of its own while its client is built (which may call IAM), so
	// that regions do not wait for each other.
	mu      sync.Mutex
	iam     *client.IAM
	regions map[string]*regionClient
}

// regionClient is the client of one region, once built.
type regionClient struct {
	mu     sync.Mutex
	client *client.Client
}

func newAPIClients(s settings, httpOpts client.HTTPOptions) *apiClients {
	return &apiClients{settings: s, httpOpts: httpOpts, regions: map[string]*regionClient{}}
}

// forRegion returns the client of a region; "" is the provider's region. A
// failure is not kept: the next data source tries again.
func (a *apiClients) forRegion(ctx context.Context, region string) (*client.Client, error) {
	if region == "" {
		region = a.settings.region
	}
	a.mu.Lock()
	entry, ok := a.regions[region]
	if !ok {
		entry = &regionClient{}
		a.regions[region] = entry
	}
	a.mu.Unlock()

	entry.mu.Lock()
	defer entry.mu.Unlock()
	if entry.client != nil {
		return entry.client, nil
	}
	auth, projectID, err := a.credentialsFor(ctx, region)
	if err != nil {
		return nil, err
	}
	c, err := client.New(client.Options{
		Endpoint:              a.settings.endpointFor(region),
		ProjectID:             projectID,
		Auth:                  auth,
		MaxConcurrentRequests: a.settings.maxConcurrent,
		HTTPOptions:           a.httpOpts,
	})
	if err != nil {
		return nil, err
	}
	entry.client = c
	return c, nil
}

// credentialsFor returns the authenticator and project of a region.
func (a *apiClients) credentialsFor(ctx context.Context, region string) (client.Authenticator, string, error) {
	s := a.settings
	// project_id belongs to the provider's region.
	knownProject := ""
	if region == s.region {
		knownProject = s.projectID
	}
	switch s.method {
	case authToken:
		if knownProject == "" {
			return nil, "", fmt.Errorf("region %q differs from the provider's region %q, and a token is scoped to "+
				"one project: the project of %s cannot be known. Use AK/SK or password authentication to read "+
				"other regions, or a provider alias with its own token", region, s.region, region)
		}
		return client.TokenAuth{Token: s.token}, knownProject, nil
	case authAKSK:
		auth := client.SignerAuth{AccessKey: s.accessKey, SecretKey: s.secretKey, SecurityToken: s.securityToken, Algorithm: s.signingAlg}
		if knownProject != "" {
			return auth, knownProject, nil
		}
		iam, err := a.identity()
		if err != nil {
			return nil, "", err
		}
		projectID, err := iam.ProjectID(ctx, auth, region)
		return auth, projectID, err
	case authPassword:
		iam, err := a.identity()
		if err != nil {
			return nil, "", err
		}
		creds := client.PasswordCredentials{Domain: s.domainName, User: s.userName, Password: s.password}
		scope := client.ProjectScope{ID: knownProject, Region: region}
		auth := client.NewPasswordAuth(iam, creds, scope)
		if knownProject != "" {
			return auth, knownProject, nil
		}
		// The login is scoped to the region's project, and IAM names it.
		token, err := auth.Token(ctx)
		if err != nil {
			return nil, "", err
		}
		if token.ProjectID != "" {
			return auth, token.ProjectID, nil
		}
		projectID, err := iam.ProjectID(ctx, auth, region)
		return auth, projectID, err
	}
	return nil, "", fmt.Errorf("no authentication method is configured")
}

// identity returns the IAM client, made on first use (without a request).
func (a *apiClients) identity() (*client.IAM, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.iam == nil {
		iam, err := client.NewIAM(a.settings.authURL, a.httpOpts)
		if err != nil {
			return nil, err
		}
		a.iam = iam
	}
	return a.iam, nil
}

// credentialHint tells a user whose credentials were refused what to check.
func (a *apiClients) credentialHint() string {
	switch a.settings.method {
	case authAKSK:
		hint := "Check that access_key and secret_key (" + envAccessKey + ", " + envSecretKey + ") are a valid pair"
		if a.settings.securityToken != "" {
			hint += " and that the temporary keys and security_token (" + envSecurityToken + ") have not expired"
		}
		return hint + ", and that the machine's clock is right (signatures carry the time)."
	case authPassword:
		return "Check user_name, password and domain_name (" + envUserName + ", " + envPassword + ", " + envDomainName + ")."
	default:
		return "Check that the token (token or " + envToken + ") is current (tokens last 24 hours) and was issued " +
			"for this project and region."
	}
}
