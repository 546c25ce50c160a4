package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
)

// Environment variables, named as the official huaweicloud provider names
// them so that existing environments work unchanged.
const (
	envRegion         = "HW_REGION_NAME"
	envProjectID      = "HW_PROJECT_ID"
	envToken          = "HW_AUTH_TOKEN"
	envAccessKey      = "HW_ACCESS_KEY"
	envSecretKey      = "HW_SECRET_KEY"
	envSecurityToken  = "HW_SECURITY_TOKEN"
	envSigningAlg     = "HW_SIGNING_ALGORITHM"
	envUserName       = "HW_USER_NAME"
	envPassword       = "HW_USER_PASSWORD"
	envDomainName     = "HW_DOMAIN_NAME"
	envDomainID       = "HW_DOMAIN_ID"
	envUserID         = "HW_USER_ID"
	envProjectName    = "HW_PROJECT_NAME"
	envAuthURL        = "HW_AUTH_URL"
	envCloud          = "HW_CLOUD"
	envMaxRetries     = "HW_MAX_RETRIES"
	envRequestTimeout = "HW_REQUEST_TIMEOUT"
	envInsecure       = "HW_INSECURE"
	envCACertFile     = "OS_CACERT"
	envCert           = "OS_CERT"
	envKey            = "OS_KEY"
)

// argumentVariables names, for every provider argument, the environment
// variables it falls back to (none for some). The documentation's table of
// arguments is checked against it, so a new argument cannot go undocumented.
func argumentVariables() map[string][]string {
	return map[string][]string{
		"region":             {envRegion, "OS_REGION_NAME"},
		"project_id":         {envProjectID, "OS_PROJECT_ID"},
		"project_name":       {envProjectName, "OS_PROJECT_NAME"},
		"token":              {envToken, "OS_AUTH_TOKEN"},
		"access_key":         {envAccessKey, "OS_ACCESS_KEY"},
		"secret_key":         {envSecretKey, "OS_SECRET_KEY"},
		"security_token":     {envSecurityToken},
		"signing_algorithm":  {envSigningAlg},
		"user_name":          {envUserName, "OS_USERNAME"},
		"user_id":            {envUserID, "OS_USER_ID"},
		"password":           {envPassword, "OS_PASSWORD"},
		"domain_name":        {envDomainName, "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME"},
		"domain_id":          {envDomainID, "OS_DOMAIN_ID", "OS_USER_DOMAIN_ID", "OS_PROJECT_DOMAIN_ID"},
		"auth_url":           {envAuthURL, "OS_AUTH_URL"},
		"cloud":              {envCloud},
		"max_retries":        {envMaxRetries},
		"request_timeout":    {envRequestTimeout},
		"insecure":           {envInsecure, "OS_INSECURE"},
		"cacert_file":        {envCACertFile},
		"cert":               {envCert},
		"key":                {envKey},
		"shared_config_file": {envSharedConfigFile},
		"profile":            {envProfile},
		"assume_role":        {envAssumeRoleAgency, envAssumeRoleDomainName, envAssumeRoleDomainID, envAssumeRoleDuration},
		"assume_role_with_oidc": {envAssumeRoleIdpID, envAssumeRoleIDToken, envAssumeRoleTokenFile, envAssumeRoleAgency,
			envAssumeRoleDomainID, envAssumeRoleDuration},
		"max_concurrent_requests": nil, "language": nil, "endpoints": nil,
	}
}

// fromEnvironment returns the first variable of an argument that is set, and
// its value (trimmed); "" and "" when none is.
func fromEnvironment(getenv func(string) string, argument string) (variable, value string) {
	for _, name := range argumentVariables()[argument] {
		if value := strings.TrimSpace(getenv(name)); value != "" {
			return name, value
		}
	}
	return "", ""
}

// signingAlgorithmNames are the values signing_algorithm takes.
func signingAlgorithmNames() []string {
	var names []string
	for _, algorithm := range signin.SigningAlgorithms() {
		names = append(names, string(algorithm))
	}
	return names
}

// authMethod is how the provider authenticates.
type authMethod string

// The authentication methods, in order of precedence.
const (
	authToken    authMethod = "token"
	authOIDC     authMethod = "OIDC"
	authAKSK     authMethod = "AK/SK"
	authPassword authMethod = "password"
	// authMetadata is the last resort: the ECS server's agency.
	authMetadata authMethod = "ECS metadata"
)

// envMetadataEndpoint replaces the ECS metadata service's address (a base
// URL), as the AWS provider's variable of the same role does.
const envMetadataEndpoint = "HW_ECS_METADATA_SERVICE_ENDPOINT"

// Upper bounds of the numeric settings, shared by the schema and the
// environment.
const (
	maxRetriesLimit     = 100
	requestTimeoutLimit = 3600
	maxConcurrentLimit  = 16
)

// settings is the provider's configuration once the block, the environment
// and the defaults are combined.
type settings struct {
	region      string
	projectID   string
	projectName string
	cloud       string
	// endpointOverride is endpoints.gaussdb; it serves every region.
	endpointOverride string
	authURL          string
	// iamEndpoint and stsEndpoint are endpoints.iam and endpoints.sts, base
	// URLs without a path; empty means from auth_url and the region.
	iamEndpoint string
	stsEndpoint string

	method        authMethod
	token         string
	accessKey     string
	secretKey     string
	securityToken string
	signingAlg    signin.SigningAlgorithm
	userName      string
	userID        string
	password      string
	domainName    string
	domainID      string

	// agencies are assumed in order on top of the credentials; oidc, when
	// set, signs in with an id token; profile names the profile read.
	agencies         []signin.Agency
	oidc             *oidcSettings
	profile          string
	metadataEndpoint string

	language       string
	maxRetries     int
	maxConcurrent  int
	requestTimeout time.Duration
	insecure       bool
	caCertFile     string
	clientCert     string
	clientKey      string
}

// secrets are the settings never to be shown: in logs, and in errors
// should a server echo one.
func (s settings) secrets() []string {
	var secrets []string
	idToken := ""
	if s.oidc != nil {
		idToken = s.oidc.idToken
	}
	for _, secret := range []string{s.token, s.secretKey, s.securityToken, s.password, s.clientKey, idToken} {
		if secret != "" {
			secrets = append(secrets, secret)
		}
	}
	return secrets
}

// maskSecrets returns ctx with every secret masked in log messages and
// fields, wherever a log line might quote one.
func (s settings) maskSecrets(ctx context.Context) context.Context {
	secrets := s.secrets()
	if len(secrets) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	return tflog.MaskMessageStrings(ctx, secrets...)
}

// endpointFor returns the GaussDB endpoint of a region.
func (s settings) endpointFor(region string) string {
	if s.endpointOverride != "" {
		return s.endpointOverride
	}
	return client.DefaultEndpoint(region, s.cloudFor(region))
}

// regionPattern is what a region name must look like. The region is part of
// host names: anything else could point them, and the credentials sent to
// them, at another host.
func regionPattern() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
}

// maxRegionLength bounds a region name; real ones are under 20 characters.
const maxRegionLength = 64

// regionValidators check a region argument at plan time.
func regionValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, maxRegionLength),
		stringvalidator.RegexMatches(regionPattern(), "must be a region name of lower-case letters, digits and "+
			"dashes, e.g. cn-north-4"),
	}
}

// cloudPattern is what the cloud's domain must look like: it is the end of
// every default host name.
func cloudPattern() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)
}

// endpointPattern is what an endpoint or auth URL must look like.
func endpointPattern() *regexp.Regexp {
	return regexp.MustCompile(`^https?://[^/\s]+(/\S*)?$`)
}

// resolveSettings combines the provider block with the environment and the
// defaults. Problems are added to diags on the attribute they concern.
func resolveSettings(ctx context.Context, m providerModel, getenv func(string) string, diags *diag.Diagnostics) settings {
	if reportUnknownSettings(m, diags); diags.HasError() {
		return settings{}
	}
	s := settings{
		region:        stringSetting(m.Region, getenv, "region"),
		projectID:     stringSetting(m.ProjectID, getenv, "project_id"),
		cloud:         stringSetting(m.Cloud, getenv, "cloud"),
		token:         stringSetting(m.Token, getenv, "token"),
		accessKey:     stringSetting(m.AccessKey, getenv, "access_key"),
		secretKey:     stringSetting(m.SecretKey, getenv, "secret_key"),
		securityToken: stringSetting(m.SecurityToken, getenv, "security_token"),
		userName:      stringSetting(m.UserName, getenv, "user_name"),
		password:      stringSetting(m.Password, getenv, "password"),
		domainName:    stringSetting(m.DomainName, getenv, "domain_name"),
		domainID:      stringSetting(m.DomainID, getenv, "domain_id"),
		userID:        stringSetting(m.UserID, getenv, "user_id"),
		projectName:   stringSetting(m.ProjectName, getenv, "project_name"),
		language:      m.Language.ValueString(),
	}
	s.agencies = resolveAgencies(m.AssumeRole, getenv, diags)
	s.oidc = resolveOIDC(m.AssumeRoleWithOIDC, getenv, diags)
	s.metadataEndpoint = strings.TrimRight(strings.TrimSpace(getenv(envMetadataEndpoint)), "/")
	applyProfile(&s, m, getenv, diags)
	s.readConnectionSettings(m, getenv, diags)
	s.readEndpoints(ctx, m, getenv, diags)
	s.method = chooseAuthMethod(m, s)
	checkCredentials(&s, m, getenv, diags)
	return s
}

// reportUnknownSettings reports the settings (and endpoints) whose values
// are known only after apply: data sources are read during plan.
func reportUnknownSettings(m providerModel, diags *diag.Diagnostics) {
	for _, setting := range []struct {
		name  string
		value attr.Value
	}{
		{"region", m.Region}, {"project_id", m.ProjectID}, {"token", m.Token}, {"access_key", m.AccessKey},
		{"secret_key", m.SecretKey}, {"security_token", m.SecurityToken}, {"signing_algorithm", m.SigningAlg},
		{"user_name", m.UserName}, {"password", m.Password}, {"domain_name", m.DomainName}, {"domain_id", m.DomainID},
		{"user_id", m.UserID}, {"project_name", m.ProjectName}, {"shared_config_file", m.SharedConfig},
		{"profile", m.Profile}, {"auth_url", m.AuthURL}, {"cloud", m.Cloud}, {"endpoints", m.Endpoints},
		{"language", m.Language}, {"max_retries", m.MaxRetries}, {"max_concurrent_requests", m.MaxConcurrent},
		{"request_timeout", m.RequestTimeout}, {"insecure", m.Insecure}, {"cacert_file", m.CACertFile},
		{"cert", m.Cert}, {"key", m.Key},
	} {
		if setting.value.IsUnknown() {
			diags.AddAttributeError(path.Root(setting.name), "Unknown provider setting",
				"The provider needs "+setting.name+" to read data sources during plan, but its value is only known "+
					"after apply. Set it to a value known at plan time, or use its environment variable.")
		}
	}
	if m.Endpoints.IsUnknown() {
		return
	}
	for key, value := range m.Endpoints.Elements() {
		if value.IsUnknown() {
			diags.AddAttributeError(path.Root("endpoints").AtMapKey(key), "Unknown provider setting",
				"The provider needs endpoints."+key+" to read data sources during plan, but its value is only "+
					"known after apply. Set it to a value known at plan time.")
		}
	}
}

// readConnectionSettings reads retries, timeouts, TLS and signing.
func (s *settings) readConnectionSettings(m providerModel, getenv func(string) string, diags *diag.Diagnostics) {
	s.maxRetries = int(wholeNumberSetting(m.MaxRetries, getenv, client.DefaultMaxRetries, [2]int64{0, maxRetriesLimit}, "max_retries", diags))
	s.maxConcurrent = client.DefaultMaxConcurrentRequests
	if n, ok := wholeNumber(m.MaxConcurrent, 1, maxConcurrentLimit); ok {
		s.maxConcurrent = int(n)
	}
	s.insecure = boolSetting(m.Insecure, getenv, "insecure", diags)
	s.requestTimeout = time.Duration(wholeNumberSetting(m.RequestTimeout, getenv,
		int64(client.DefaultRequestTimeout/time.Second), [2]int64{1, requestTimeoutLimit}, "request_timeout", diags)) * time.Second
	s.caCertFile = stringSetting(m.CACertFile, getenv, "cacert_file")
	s.clientCert, s.clientKey = stringSetting(m.Cert, getenv, "cert"), stringSetting(m.Key, getenv, "key")
	if (s.clientCert == "") != (s.clientKey == "") {
		diags.AddAttributeError(path.Root("cert"), "Incomplete client certificate",
			"A client certificate needs both cert ("+envCert+") and key ("+envKey+"); only one is set. Set both, "+
				"or neither.")
	}
	s.signingAlg = signin.SigningAlgorithm(stringSetting(m.SigningAlg, getenv, "signing_algorithm"))
	if m.SigningAlg.IsNull() && s.signingAlg != "" && !slices.Contains(signingAlgorithmNames(), string(s.signingAlg)) {
		diags.AddAttributeError(path.Root("signing_algorithm"), "Invalid "+envSigningAlg,
			"The environment variable "+envSigningAlg+" is "+strconv.Quote(string(s.signingAlg))+"; it must be one of "+
				strings.Join(signingAlgorithmNames(), ", ")+" (spelled exactly so).")
	}
}

// readEndpoints reads endpoints and checks the region and cloud that the
// default host names are made of.
func (s *settings) readEndpoints(ctx context.Context, m providerModel, getenv func(string) string, diags *diag.Diagnostics) {
	endpoints := map[string]string{}
	if !m.Endpoints.IsNull() {
		diags.Append(m.Endpoints.ElementsAs(ctx, &endpoints, false)...)
	}
	s.endpointOverride = strings.TrimRight(endpoints[endpointKeyGaussDB], "/")
	s.iamEndpoint = baseEndpoint(endpoints, endpointKeyIAM, diags)
	s.stsEndpoint = baseEndpoint(endpoints, endpointKeySTS, diags)
	checkFromEnvironment(s.region, m.Region, getenv, "region", regionPattern(),
		"a region name of lower-case letters, digits and dashes, e.g. cn-north-4", diags)
	checkFromEnvironment(s.cloud, m.Cloud, getenv, "cloud", cloudPattern(), "a domain name such as myhuaweicloud.com", diags)
	if s.endpointOverride == "" && s.region == "" {
		diags.AddAttributeError(path.Root("region"), "Missing region",
			"The provider needs a region to choose the GaussDB endpoint. Set region in the provider block, "+
				"or the environment variable "+envRegion+", or set endpoints.gaussdb.")
	}
}

// chooseAuthMethod picks the method set in the provider block or, when the
// block sets none, the first the configuration provides: token, OIDC,
// AK/SK (a profile's included), password; and, with none, the ECS server's
// agency through its metadata service, as the official provider does.
func chooseAuthMethod(m providerModel, s settings) authMethod {
	if explicit := explicitAuthMethods(m); len(explicit) > 0 {
		// Two methods in the block are reported at plan time by authMethodsValidator.
		return explicit[0]
	}
	switch {
	case s.token != "":
		return authToken
	case s.oidc != nil:
		return authOIDC
	case s.accessKey != "" || s.secretKey != "":
		return authAKSK
	case s.userName != "" || s.userID != "" || s.password != "":
		return authPassword
	}
	return authMetadata
}

// noCredentialsMessage says, with the metadata service's error, what can be
// configured: it is the error when nothing is.
func noCredentialsMessage() string {
	return "No credentials are configured, and this is not an ECS server with an agency (its metadata service " +
		"gave none). Set one of:\n" +
		"  - token (" + envToken + "), an IAM token;\n" +
		"  - access_key and secret_key (" + envAccessKey + " and " + envSecretKey + "), plus security_token (" +
		envSecurityToken + ") for temporary keys, or a profile (" + envProfile + ");\n" +
		"  - password (" + envPassword + ") with user_name and domain_name or domain_id (" + envUserName + ", " +
		envDomainName + ", " + envDomainID + "), or with user_id (" + envUserID + "), for IAM password login;\n" +
		"  - assume_role_with_oidc (" + envAssumeRoleIdpID + "), to sign in with an OIDC id token;\n" +
		"or run on an ECS server whose agency gives it credentials."
}

// explicitAuthMethods lists the methods the provider block sets arguments of.
func explicitAuthMethods(m providerModel) []authMethod {
	var methods []authMethod
	if !m.Token.IsNull() {
		methods = append(methods, authToken)
	}
	if !m.AccessKey.IsNull() || !m.SecretKey.IsNull() || !m.SecurityToken.IsNull() {
		methods = append(methods, authAKSK)
	}
	// domain_name and domain_id are not among them: they also scope a token.
	if !m.UserName.IsNull() || !m.UserID.IsNull() || !m.Password.IsNull() {
		methods = append(methods, authPassword)
	}
	if len(m.AssumeRoleWithOIDC) > 0 {
		methods = append(methods, authOIDC)
	}
	return methods
}

// checkCredentials reports what the chosen method still lacks, and sets the
// auth URL the method needs.
func checkCredentials(s *settings, m providerModel, getenv func(string) string, diags *diag.Diagnostics) {
	require := func(value, attribute, env, why string) {
		if value == "" {
			diags.AddAttributeError(path.Root(attribute), "Missing "+attribute,
				why+" Set "+attribute+" in the provider block, or the environment variable "+env+".")
		}
	}
	switch s.method {
	case authToken:
		if s.projectID == "" && s.domainName == "" && s.domainID == "" {
			diags.AddAttributeError(path.Root("project_id"), "Missing project_id",
				"A token is scoped to one project, whose ID the provider needs. Set project_id (or "+envProjectID+
					"), or domain_name or domain_id (of the token's account) so that IAM re-scopes the token to the "+
					"project of the region (or project_name).")
			return
		}
	case authAKSK:
		require(s.accessKey, "access_key", envAccessKey, "AK/SK authentication needs the access key.")
		require(s.secretKey, "secret_key", envSecretKey, "AK/SK authentication needs the secret key.")
	case authPassword:
		checkPasswordLogin(s, diags, require)
	case authOIDC, authMetadata:
	default:
		return
	}
	s.authURL = strings.TrimRight(stringSetting(m.AuthURL, getenv, "auth_url"), "/")
	if s.authURL == "" && s.region != "" {
		s.authURL = client.DefaultAuthURL(s.region, s.cloudFor(s.region))
	}
	needsIAM := s.method == authPassword || s.projectID == ""
	if needsIAM && s.authURL == "" {
		diags.AddAttributeError(path.Root("region"), "Missing region",
			"With "+string(s.method)+" authentication and no project_id, the provider finds the project and IAM "+
				"from the region. Set region ("+envRegion+"), or project_id ("+envProjectID+") and auth_url ("+envAuthURL+").")
	}
}

// baseEndpoint is endpoints[key], which must be a base URL: scheme and host
// (and port), no path, since the provider appends the service's paths.
func baseEndpoint(endpoints map[string]string, key string, diags *diag.Diagnostics) string {
	value := strings.TrimRight(endpoints[key], "/")
	if value != "" && !regexp.MustCompile(`^https?://[^/\s?#]+$`).MatchString(value) {
		diags.AddAttributeError(path.Root("endpoints").AtMapKey(key), "Invalid endpoints."+key,
			"endpoints."+key+" is "+strconv.Quote(value)+"; it must be a base URL, scheme and host only, e.g. "+
				"https://"+key+".cn-north-4.myhuaweicloud.com: the provider appends the paths (/v3/..., /v5/...).")
	}
	return value
}

// projectNameOr is project_name, else fallback.
func (s settings) projectNameOr(fallback string) string {
	if s.projectName != "" {
		return s.projectName
	}
	return fallback
}

// iamURL is where IAM is reached: endpoints.iam, else the scheme and host of
// auth_url.
func (s settings) iamURL() string {
	if s.iamEndpoint != "" {
		return s.iamEndpoint
	}
	return s.authURL
}

// stsURL is where STS is reached: endpoints.sts, else the region's.
func (s settings) stsURL() string {
	if s.stsEndpoint != "" {
		return s.stsEndpoint
	}
	return "https://sts." + s.region + "." + s.cloudFor(s.region)
}

// cloudFor is the domain of a region: cloud, else the region's default.
func (s settings) cloudFor(region string) string {
	if s.cloud != "" {
		return s.cloud
	}
	return client.DefaultCloudForRegion(region)
}

// applyProfile reads the shared config's profile, when one is configured:
// its credentials replace those of the environment (not the block's, which
// the schema refuses beside a profile), and its region, project, account id
// and agency apply where the block sets none.
func applyProfile(s *settings, m providerModel, getenv func(string) string, diags *diag.Diagnostics) {
	file, name := stringSetting(m.SharedConfig, getenv, "shared_config_file"), stringSetting(m.Profile, getenv, "profile")
	if file == "" && name == "" {
		return
	}
	p, err := readProfile(file, name)
	if err != nil {
		attribute := "profile"
		if strings.Contains(err.Error(), "shared config file") && !strings.Contains(err.Error(), "profile") {
			attribute = "shared_config_file"
		}
		diags.AddAttributeError(path.Root(attribute), "Unable to read the shared config", err.Error()+".")
		return
	}
	s.profile = p.name
	s.accessKey, s.secretKey, s.securityToken = p.credentials.AccessKey, p.credentials.SecretKey, p.credentials.SecurityToken
	if m.Region.IsNull() && p.region != "" {
		s.region = p.region
	}
	if m.ProjectID.IsNull() && p.projectID != "" {
		s.projectID = p.projectID
	}
	if m.DomainID.IsNull() && p.domainID != "" {
		s.domainID = p.domainID
	}
	if len(m.AssumeRole) == 0 && p.agency.Name != "" {
		s.agencies = []signin.Agency{p.agency}
	}
}

// checkPasswordLogin reports what password login lacks: the password, and
// the user by name within an account (domain_name or domain_id) or by
// user_id, which IAM accepts only with a project id.
func checkPasswordLogin(s *settings, diags *diag.Diagnostics, require func(value, attribute, env, why string)) {
	require(s.password, "password", envPassword, "Password login needs the password.")
	switch {
	case s.userID != "" && s.userName != "":
		diags.AddAttributeError(path.Root("user_id"), "Conflicting user_id and user_name",
			"Password login names the user by user_name (with domain_name or domain_id) or by user_id, not both.")
	case s.userID != "":
		require(s.projectID, "project_id", envProjectID, "Password login by user_id needs the project's id: IAM "+
			"scopes a token to a project name only within an account, which user_id does not name.")
	case s.domainName != "" && s.domainID != "":
		diags.AddAttributeError(path.Root("domain_id"), "Conflicting domain_id and domain_name",
			"Password login names the account by domain_name or by domain_id, not both.")
	default:
		require(s.userName, "user_name", envUserName, "Password login needs the IAM user name (or user_id).")
		if s.domainName == "" && s.domainID == "" {
			require("", "domain_name", envDomainName, "Password login by user_name needs the account: domain_name "+
				"(or domain_id, "+envDomainID+").")
		}
	}
}

// checkFromEnvironment reports a value of argument name taken from the
// environment that does not match pattern, naming the variable it came
// from; the schema checks configured values.
func checkFromEnvironment(value string, configured types.String, getenv func(string) string, name string,
	pattern *regexp.Regexp, want string, diags *diag.Diagnostics,
) {
	if !configured.IsNull() || value == "" || pattern.MatchString(value) {
		return
	}
	source := "The " + name + " of the shared config's profile"
	if env, fromEnv := fromEnvironment(getenv, name); fromEnv == value {
		source = "The environment variable " + env
	}
	diags.AddAttributeError(path.Root(name), "Invalid "+name,
		source+" is "+strconv.Quote(value)+"; it must be "+want+".")
}

// stringSetting is the configured value, else the environment's.
func stringSetting(configured types.String, getenv func(string) string, argument string) string {
	if !configured.IsNull() {
		return configured.ValueString()
	}
	_, value := fromEnvironment(getenv, argument)
	return value
}

// wholeNumberSetting is the configured value (which the schema checked),
// else the environment's (which must lie in bounds), else fallback.
func wholeNumberSetting(configured types.Number, getenv func(string) string, fallback int64, bounds [2]int64,
	name string, diags *diag.Diagnostics,
) int64 {
	if n, ok := wholeNumber(configured, bounds[0], bounds[1]); ok {
		return n
	}
	if !configured.IsNull() {
		return fallback
	}
	env, fromEnv := fromEnvironment(getenv, name)
	if fromEnv == "" {
		return fallback
	}
	value, err := strconv.ParseInt(fromEnv, 10, 64)
	if err != nil || value < bounds[0] || value > bounds[1] {
		diags.AddAttributeError(path.Root(name), "Invalid "+env,
			fmt.Sprintf("The environment variable %s is %q; it must be a whole number from %d to %d.", env, fromEnv, bounds[0], bounds[1]))
		return fallback
	}
	return value
}

// boolSetting is the configured value, else the environment's, else false.
func boolSetting(configured types.Bool, getenv func(string) string, name string, diags *diag.Diagnostics) bool {
	if !configured.IsNull() {
		return configured.ValueBool()
	}
	env, fromEnv := fromEnvironment(getenv, name)
	if fromEnv == "" {
		return false
	}
	value, err := strconv.ParseBool(fromEnv)
	if err != nil {
		diags.AddAttributeError(path.Root(name), "Invalid "+env,
			"The environment variable "+env+" is "+strconv.Quote(fromEnv)+"; it must be true or false.")
		return false
	}
	return value
}
