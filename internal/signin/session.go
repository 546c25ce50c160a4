package signin

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Refresh margins of temporary credentials: the SDK's 40 minutes for those
// of the metadata service and OIDC; for an agency's, the 10 minutes of a
// password login's token. CachedCredentials never waits less than half a
// credential's lifetime, whatever the margin.
const (
	sdkRefreshMargin    = 40 * time.Minute
	agencyRefreshMargin = 10 * time.Minute
)

// Session signs in as a Plan says, once per provider: the IAM client, the
// signing credentials (and their refreshes) and each region's project are
// shared by every data source.
type Session struct {
	plan      Plan
	endpoints transport.Endpoints
	opts      transport.Options

	// mu guards the fields below, never a network call: each region has a
	// lock of its own while its project is found, so that regions do not
	// wait for each other.
	mu      sync.Mutex
	iam     *IAM
	signing transport.Authenticator
	regions map[string]*regionSignIn
}

// regionSignIn is a region's authenticator and project, once found.
type regionSignIn struct {
	mu        sync.Mutex
	auth      transport.Authenticator
	projectID string
}

// NewSession returns a session for plan; it sends no request.
func NewSession(plan Plan, endpoints transport.Endpoints, opts transport.Options) *Session {
	return &Session{plan: plan, endpoints: endpoints, opts: opts, regions: map[string]*regionSignIn{}}
}

// Plan returns the plan the session signs in by.
func (s *Session) Plan() Plan {
	return s.plan
}

// ForRegion returns the authenticator and the project of a region ("" is
// the provider's). A failure is not kept: the next caller tries again.
func (s *Session) ForRegion(ctx context.Context, region string) (transport.Authenticator, string, error) {
	if region == "" {
		region = s.plan.Region.Text
	}
	if region == "" && !s.plan.ProjectID.IsSet() {
		return nil, "", fmt.Errorf("no region is configured, so no project can be found: set region")
	}
	s.mu.Lock()
	entry, ok := s.regions[region]
	if !ok {
		entry = &regionSignIn{}
		s.regions[region] = entry
	}
	s.mu.Unlock()

	entry.mu.Lock()
	defer entry.mu.Unlock()
	if entry.auth != nil {
		return entry.auth, entry.projectID, nil
	}
	auth, projectID, err := s.signIn(ctx, region)
	if err != nil {
		return nil, "", err
	}
	entry.auth, entry.projectID = auth, projectID
	return auth, projectID, nil
}

// signIn finds a region's authenticator and project.
func (s *Session) signIn(ctx context.Context, region string) (transport.Authenticator, string, error) {
	p := s.plan
	// project_id and project_name belong to the provider's region; another
	// region is read in its own project, named as the region.
	knownProject, projectName := "", region
	if region == p.Region.Text {
		knownProject = p.ProjectID.Text
		if p.ProjectName.IsSet() {
			projectName = p.ProjectName.Text
		}
	}
	if p.signs() {
		auth, err := s.signer(ctx)
		if err != nil || knownProject != "" {
			return auth, knownProject, err
		}
		// Looked up with the final credentials: after an agency of another
		// account, that account's project.
		iam, err := s.identity()
		if err != nil {
			return nil, "", err
		}
		projectID, err := iam.ProjectID(ctx, auth, projectName)
		return auth, projectID, err
	}
	switch p.Method {
	case MethodToken:
		return s.tokenSignIn(ctx, region, knownProject, projectName)
	case MethodPassword:
		iam, err := s.identity()
		if err != nil {
			return nil, "", err
		}
		auth := NewPasswordAuth(iam, p.passwordCredentials(), ProjectScope{ID: knownProject, Name: projectName})
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
	return nil, "", fmt.Errorf("no way of signing in is configured")
}

// signs says whether requests are signed with an access key pair: static or
// a profile's, from OIDC or the metadata service, or an agency's.
func (p Plan) signs() bool {
	return p.Method == MethodKeyPair || p.Method == MethodProfile || p.Method == MethodOIDC ||
		p.Method == MethodMetadata || len(p.Agencies) > 0
}

// passwordCredentials are the user of password login.
func (p Plan) passwordCredentials() PasswordCredentials {
	return PasswordCredentials{Domain: p.DomainName.Text, DomainID: p.DomainID.Text, User: p.UserName.Text,
		UserID: p.UserID.Text, Password: p.Password.Text}
}

// signer returns the authenticator that signs with the plan's credentials,
// agencies assumed, made on first use (without a request).
func (s *Session) signer(_ context.Context) (transport.Authenticator, error) {
	p := s.plan
	var iam *IAM
	if p.Method == MethodPassword {
		var err error
		if iam, err = s.identity(); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.signing != nil {
		return s.signing, nil
	}
	cached := func(source CredentialSource, margin time.Duration) transport.Authenticator {
		return CredentialsAuth{Source: NewCachedCredentials(source, margin), Algorithm: p.Algorithm}
	}
	var auth transport.Authenticator
	switch p.Method {
	case MethodToken:
		auth = transport.TokenAuth{Token: p.Token.Text}
	case MethodPassword:
		auth = NewPasswordAuth(iam, p.passwordCredentials(), ProjectScope{ID: p.ProjectID.Text,
			Name: projectNameOr(p.ProjectName.Text, p.Region.Text)})
	case MethodKeyPair, MethodProfile:
		auth = CredentialsAuth{Source: StaticCredentials{AccessKey: p.AccessKey.Text, SecretKey: p.SecretKey.Text,
			SecurityToken: p.SecurityToken.Text}, Algorithm: p.Algorithm}
	case MethodOIDC:
		auth = cached(OIDCCredentials{IdentityProvider: p.OIDC.IdpID.Text, IDToken: p.OIDC.idTokenReader(),
			Agency: p.OIDC.Agency, Algorithm: p.Algorithm, IAM: s.endpoints.IAMBase(), STS: s.endpoints.STSBase(),
			Options: s.opts}, sdkRefreshMargin)
	case MethodMetadata:
		auth = cached(lastResort{NewMetadataCredentials(p.MetadataEndpoint), p.Profile}, sdkRefreshMargin)
	}
	for _, agency := range p.Agencies {
		auth = cached(AssumedAgency{Agency: agency.Agency, Base: auth, IAM: s.endpoints.IAMBase(),
			STS: s.endpoints.STSBase(), Options: s.opts}, agencyRefreshMargin)
	}
	s.signing = auth
	return auth, nil
}

// idTokenReader returns the id token; a file is read again at each call,
// trimmed of surrounding newlines, as CI systems rewrite it.
func (o OIDCPlan) idTokenReader() func() (string, error) {
	if o.IDToken.IsSet() {
		token := o.IDToken.Text
		return func() (string, error) { return token, nil }
	}
	file := o.IDTokenFile.Text
	return func() (string, error) {
		data, err := transport.ReadSettingFile(file)
		if err != nil {
			return "", fmt.Errorf("id_token_file: %w", err)
		}
		return trimNewlines(string(data)), nil
	}
}

func projectNameOr(name, fallback string) string {
	if name != "" {
		return name
	}
	return fallback
}

// lastResort is the metadata service, as the last resort or as a profile
// of mode ecsAgency: its failure says which.
type lastResort struct {
	metadata *MetadataCredentials
	profile  *KooCLIProfile
}

func (m lastResort) Retrieve(ctx context.Context) (Credentials, error) {
	creds, err := m.metadata.Retrieve(ctx)
	if err == nil {
		return creds, nil
	}
	if m.profile != nil {
		return Credentials{}, fmt.Errorf("%s signs in as the ECS server it runs on, and the metadata service "+
			"gave no credentials: %w", m.profile.Describe(), err)
	}
	return Credentials{}, fmt.Errorf("%s\nThe metadata service: %w", NoCredentialsMessage(), err)
}

// tokenSignIn uses the token as it is for the project it is known to be
// scoped to; otherwise, with the token's account named, IAM re-scopes it
// once to the project of the region (or project_name), as the official
// provider does.
func (s *Session) tokenSignIn(ctx context.Context, region, knownProject, projectName string) (transport.Authenticator, string, error) {
	p := s.plan
	if knownProject != "" {
		return transport.TokenAuth{Token: p.Token.Text}, knownProject, nil
	}
	if !p.DomainName.IsSet() && !p.DomainID.IsSet() {
		return nil, "", fmt.Errorf("region %q differs from the provider's region %q, and a token is scoped to "+
			"one project: the project of %s cannot be known. Set domain_name or domain_id (the token's account) so "+
			"that IAM re-scopes the token, use AK/SK or password authentication, or a provider alias with its own "+
			"token", region, p.Region.Text, region)
	}
	iam, err := s.identity()
	if err != nil {
		return nil, "", err
	}
	scoped, err := iam.Rescope(ctx, p.Token.Text, ProjectScope{Name: projectName, DomainName: p.DomainName.Text,
		DomainID: p.DomainID.Text})
	if err != nil {
		return nil, "", err
	}
	if scoped.ProjectID == "" {
		return nil, "", fmt.Errorf("re-scoping the token to project %s: IAM did not name the project", projectName)
	}
	// Like every token IAM issues, it is sent as X-Auth-Token, which the
	// request log redacts.
	return transport.TokenAuth{Token: scoped.Value}, scoped.ProjectID, nil
}

// identity returns the IAM client, made on first use (without a request).
func (s *Session) identity() (*IAM, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.iam == nil {
		iam, err := NewIAM(s.endpoints.IAMBase(), s.opts)
		if err != nil {
			return nil, err
		}
		s.iam = iam
	}
	return s.iam, nil
}

// seconds is a duration argument (whole seconds, bounds checked).
func seconds(v config.Value) time.Duration {
	return time.Duration(v.Int()) * time.Second
}
