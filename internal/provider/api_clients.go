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
	// project_id and project_name belong to the provider's region; another
	// region is read in its own project, named as the region.
	knownProject, projectName := "", region
	if region == s.region {
		knownProject = s.projectID
		if s.projectName != "" {
			projectName = s.projectName
		}
	}
	switch s.method {
	case authToken:
		return a.tokenCredentials(ctx, region, knownProject, projectName)
	case authAKSK:
		auth := client.SignerAuth{AccessKey: s.accessKey, SecretKey: s.secretKey, SecurityToken: s.securityToken, Algorithm: s.signingAlg}
		if knownProject != "" {
			return auth, knownProject, nil
		}
		iam, err := a.identity()
		if err != nil {
			return nil, "", err
		}
		projectID, err := iam.ProjectID(ctx, auth, projectName)
		return auth, projectID, err
	case authPassword:
		iam, err := a.identity()
		if err != nil {
			return nil, "", err
		}
		creds := client.PasswordCredentials{Domain: s.domainName, DomainID: s.domainID, User: s.userName, UserID: s.userID, Password: s.password}
		scope := client.ProjectScope{ID: knownProject, Name: projectName}
		auth := client.NewPasswordAuth(iam, creds, scope)
		if knownProject != "" {
			return auth, knownProject, nil
		}
		// The login is scoped to the project, and IAM names it.
		token, err := auth.Token(ctx)
		if err != nil {
			return nil, "", err
		}
		if token.ProjectID != "" {
			return auth, token.ProjectID, nil
		}
		projectID, err := iam.ProjectID(ctx, auth, projectName)
		return auth, projectID, err
	}
	return nil, "", fmt.Errorf("no authentication method is configured")
}

// tokenCredentials uses the token as it is for the project it is known to
// be scoped to; otherwise, with the token's account named, IAM re-scopes it
// once to the project of the region (or project_name), as the official
// provider does.
func (a *apiClients) tokenCredentials(ctx context.Context, region, knownProject, projectName string) (client.Authenticator, string, error) {
	s := a.settings
	if knownProject != "" {
		return client.TokenAuth{Token: s.token}, knownProject, nil
	}
	if s.domainName == "" && s.domainID == "" {
		return nil, "", fmt.Errorf("region %q differs from the provider's region %q, and a token is scoped to "+
			"one project: the project of %s cannot be known. Set domain_name or domain_id (the token's account) so "+
			"that IAM re-scopes the token, use AK/SK or password authentication, or a provider alias with its own "+
			"token", region, s.region, region)
	}
	iam, err := a.identity()
	if err != nil {
		return nil, "", err
	}
	scoped, err := iam.Rescope(ctx, s.token, client.ProjectScope{Name: projectName, DomainName: s.domainName, DomainID: s.domainID})
	if err != nil {
		return nil, "", err
	}
	if scoped.ProjectID == "" {
		return nil, "", fmt.Errorf("re-scoping the token to project %s: IAM did not name the project", projectName)
	}
	// Like every token IAM issues, it is sent as X-Auth-Token, which the
	// request log redacts.
	return client.TokenAuth{Token: scoped.Value}, scoped.ProjectID, nil
}

// identity returns the IAM client, made on first use (without a request).
func (a *apiClients) identity() (*client.IAM, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.iam == nil {
		iam, err := client.NewIAM(a.settings.iamURL(), a.httpOpts)
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
