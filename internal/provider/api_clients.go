package provider

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
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
	iam     *signin.IAM
	regions map[string]*regionClient
	// signing signs requests with the configured credentials, agencies
	// assumed; built once, so that every region shares its refreshes.
	signing client.Authenticator
}

// Refresh margins of temporary credentials: the SDK's 40 minutes for those
// of the metadata service and OIDC; for an agency's, the 10 minutes of a
// password login's token, since their lifetime may be as short as 15
// minutes. Credentials that live less than the margin are fetched at each use.
const (
	sdkRefreshMargin    = 40 * time.Minute
	agencyRefreshMargin = 10 * time.Minute
)

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
	if s.signsRequests() {
		auth, err := a.signer()
		if err != nil || knownProject != "" {
			return auth, knownProject, err
		}
		// Looked up with the final credentials: after an agency of another
		// account, that account's project.
		iam, err := a.identity()
		if err != nil {
			return nil, "", err
		}
		projectID, err := iam.ProjectID(ctx, auth, projectName)
		return auth, projectID, err
	}
	switch s.method {
	case authToken:
		return a.tokenCredentials(ctx, region, knownProject, projectName)
	case authPassword:
		iam, err := a.identity()
		if err != nil {
			return nil, "", err
		}
		auth := signin.NewPasswordAuth(iam, s.passwordCredentials(), signin.ProjectScope{ID: knownProject, Name: projectName})
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

// passwordCredentials are the user of password login.
func (s settings) passwordCredentials() signin.PasswordCredentials {
	return signin.PasswordCredentials{Domain: s.domainName, DomainID: s.domainID, User: s.userName, UserID: s.userID, Password: s.password}
}

// signsRequests says whether requests are signed with an access key pair:
// static or a profile's, from OIDC or the metadata service, or an agency's.
func (s settings) signsRequests() bool {
	return s.method == authAKSK || s.method == authOIDC || s.method == authMetadata || len(s.agencies) > 0
}

// signer returns the authenticator that signs with the configured
// credentials, made on first use (without a request).
func (a *apiClients) signer() (client.Authenticator, error) {
	s := a.settings
	var iam *signin.IAM
	if s.method == authPassword {
		var err error
		if iam, err = a.identity(); err != nil {
			return nil, err
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.signing != nil {
		return a.signing, nil
	}
	cached := func(source signin.CredentialSource, margin time.Duration) client.Authenticator {
		return signin.CredentialsAuth{Source: signin.NewCachedCredentials(source, margin), Algorithm: s.signingAlg}
	}
	var auth client.Authenticator
	switch s.method {
	case authToken:
		auth = signin.TokenAuth{Token: s.token}
	case authPassword:
		auth = signin.NewPasswordAuth(iam, s.passwordCredentials(), signin.ProjectScope{ID: s.projectID, Name: s.projectNameOr(s.region)})
	case authAKSK:
		auth = signin.CredentialsAuth{Source: signin.StaticCredentials{AccessKey: s.accessKey, SecretKey: s.secretKey,
			SecurityToken: s.securityToken}, Algorithm: s.signingAlg}
	case authOIDC:
		auth = cached(signin.OIDCCredentials{IdentityProvider: s.oidc.idpID, IDToken: s.oidc.idTokenReader(), Agency: s.oidc.agency,
			Algorithm: s.signingAlg, IAM: s.iamURL(), STS: s.stsURL(), Options: a.httpOpts}, sdkRefreshMargin)
	case authMetadata:
		auth = cached(metadataSource{signin.NewMetadataCredentials(s.metadataEndpoint)}, sdkRefreshMargin)
	}
	for _, agency := range s.agencies {
		auth = cached(signin.AssumedAgency{Agency: agency, Base: auth, IAM: s.iamURL(), STS: s.stsURL(), Options: a.httpOpts},
			agencyRefreshMargin)
	}
	a.signing = auth
	return auth, nil
}

// metadataSource is the metadata service as the last resort: its failure
// says that nothing else was configured either.
type metadataSource struct {
	metadata *signin.MetadataCredentials
}

func (m metadataSource) Retrieve(ctx context.Context) (signin.Credentials, error) {
	creds, err := m.metadata.Retrieve(ctx)
	if err != nil {
		return signin.Credentials{}, fmt.Errorf("%s\nThe metadata service: %w", noCredentialsMessage(), err)
	}
	return creds, nil
}

// tokenCredentials uses the token as it is for the project it is known to
// be scoped to; otherwise, with the token's account named, IAM re-scopes it
// once to the project of the region (or project_name), as the official
// provider does.
func (a *apiClients) tokenCredentials(ctx context.Context, region, knownProject, projectName string) (client.Authenticator, string, error) {
	s := a.settings
	if knownProject != "" {
		return signin.TokenAuth{Token: s.token}, knownProject, nil
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
	scoped, err := iam.Rescope(ctx, s.token, signin.ProjectScope{Name: projectName, DomainName: s.domainName, DomainID: s.domainID})
	if err != nil {
		return nil, "", err
	}
	if scoped.ProjectID == "" {
		return nil, "", fmt.Errorf("re-scoping the token to project %s: IAM did not name the project", projectName)
	}
	// Like every token IAM issues, it is sent as X-Auth-Token, which the
	// request log redacts.
	return signin.TokenAuth{Token: scoped.Value}, scoped.ProjectID, nil
}

// identity returns the IAM client, made on first use (without a request).
func (a *apiClients) identity() (*signin.IAM, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.iam == nil {
		iam, err := signin.NewIAM(a.settings.iamURL(), a.httpOpts)
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
