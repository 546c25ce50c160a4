package config

import "regexp"

// Environment variables that more than one argument, or the sign-in,
// names. The official huaweicloud provider reads the same ones.
const (
	EnvRegion             = "HW_REGION_NAME"
	EnvProjectID          = "HW_PROJECT_ID"
	EnvToken              = "HW_AUTH_TOKEN"
	EnvAccessKey          = "HW_ACCESS_KEY"
	EnvSecretKey          = "HW_SECRET_KEY"
	EnvSecurityToken      = "HW_SECURITY_TOKEN"
	EnvPassword           = "HW_USER_PASSWORD"
	EnvSharedConfigFile   = "HW_SHARED_CONFIG_FILE"
	EnvProfile            = "HW_PROFILE"
	EnvAssumeRoleAgency   = "HW_ASSUME_ROLE_AGENCY_NAME"
	EnvAssumeRoleDomain   = "HW_ASSUME_ROLE_DOMAIN_NAME"
	EnvAssumeRoleDomainID = "HW_ASSUME_ROLE_DOMAIN_ID"
	EnvAssumeRoleDuration = "HW_ASSUME_ROLE_DURATION"
	EnvAssumeRoleIdpID    = "HW_ASSUME_ROLE_IDP_ID"
	EnvAssumeRoleIDToken  = "HW_ASSUME_ROLE_ID_TOKEN"
	EnvAssumeRoleIDFile   = "HW_ASSUME_ROLE_ID_TOKEN_FILE"
	EnvMaxRetries         = "HW_MAX_RETRIES"
	EnvRequestTimeout     = "HW_REQUEST_TIMEOUT"
	EnvMetadataEndpoint   = "HW_ECS_METADATA_SERVICE_ENDPOINT"
)

// Setting names an argument of the table (nested ones by their block), so
// that a misspelt name does not compile. Each has one line in Arguments,
// which a test checks; the order is the documentation's.
type Setting int

// The arguments of the provider block.
const (
	Region Setting = iota + 1
	ProjectID
	ProjectName
	Token
	AccessKey
	SecretKey
	SecurityToken
	SigningAlgorithm
	UserName
	UserID
	Password
	DomainName
	DomainID
	AuthURL
	Cloud
	Endpoints
	Language
	MaxRetries
	MaxConcurrentRequests
	RequestTimeout
	Insecure
	CACertFile
	Cert
	Key
	SharedConfigFile
	Profile
	AssumeRole
	AssumeRoleAgencyName
	AssumeRoleDomainName
	AssumeRoleDomainID
	AssumeRoleDuration
	AssumeRoleWithOIDC
	OIDCIdpID
	OIDCIDToken
	OIDCIDTokenFile
	OIDCAgencyName
	OIDCDomainID
	OIDCDuration
	// MetadataEndpoint is no argument: a variable only (EnvOnly).
	MetadataEndpoint
	lastSetting = MetadataEndpoint
)

// Bounds of the numeric arguments.
const (
	MaxRetriesLimit     = 100
	RequestTimeoutLimit = 3600
	MaxConcurrentLimit  = 16
	// An agency's credentials last 900 s to 12 h (STS v5); with a caller
	// that holds temporary credentials itself, as after OIDC, at most 1 h.
	MinAgencyDuration          = 900
	MaxAgencyDuration          = 43200
	MaxDurationWithSecurityKey = 3600
)

// Endpoint keys: the services whose URL endpoints may replace.
const (
	EndpointGaussDB = "gaussdb"
	EndpointIAM     = "iam"
	EndpointSTS     = "sts"
)

var (
	// regionPattern is what a region name must look like: it is part of
	// host names, so anything else could point them, and the credentials
	// sent to them, at another host.
	regionPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// cloudPattern is a domain name: the end of every default host name.
	cloudPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)
	// urlPattern is an http:// or https:// URL.
	urlPattern = regexp.MustCompile(`^https?://[^/\s]+(/\S*)?$`)
)

// Arguments is the provider's configuration: every argument, in the order
// of the documentation's table.
func Arguments() []Argument {
	return []Argument{
		{Setting: Region, Name: "region", Env: []string{EnvRegion, "OS_REGION_NAME"}, Pattern: regionPattern, MaxLength: 64,
			Want: "a region name of lower-case letters, digits and dashes, e.g. cn-north-4",
			Description: "Region of the instances, e.g. `cn-north-4`. Chooses the default endpoints, and the " +
				"project when `project_id` is unset. Required unless `endpoints.gaussdb` is set."},
		{Setting: ProjectID, Name: "project_id", Env: []string{EnvProjectID, "OS_PROJECT_ID", "OS_TENANT_ID"},
			DefaultDoc: "the project named `project_name` (else the region), looked up in IAM",
			Description: "ID of the project of `region` whose backups are read. When unset, the project is " +
				"looked up with the final credentials, agencies included, so that it is always a project of the " +
				"account read."},
		{Setting: ProjectName, Name: "project_name", Env: []string{"HW_PROJECT_NAME", "OS_PROJECT_NAME", "OS_TENANT_NAME"},
			Description: "Name of the project to read when `project_id` is unset, e.g. a sub-project " +
				"`cn-north-4_dev`. No project of that name, or several, is an error. Applies to the provider's " +
				"region only.", DefaultDoc: "the region's own project (named as the region)"},
		{Setting: Token, Name: "token", Env: []string{EnvToken, "OS_AUTH_TOKEN"}, Sensitive: true,
			Description: "IAM token, sent as `X-Auth-Token`; valid for 24 hours and scoped to one project: give " +
				"`project_id`, or `domain_name`/`domain_id` (the token's account) so that IAM re-scopes it to the " +
				"project of the region. With `assume_role`, the agency is assumed with the token (STS) and no " +
				"project of the token's account is needed."},
		{Setting: AccessKey, Name: "access_key", Env: []string{EnvAccessKey, "OS_ACCESS_KEY"},
			Description: "Access key (AK) that signs each request, with `secret_key`, by `signing_algorithm`. " +
				"The secret may come from the environment while the access key is in the block."},
		{Setting: SecretKey, Name: "secret_key", Env: []string{EnvSecretKey, "OS_SECRET_KEY"}, Sensitive: true,
			Description: "Secret key (SK) of `access_key`."},
		{Setting: SecurityToken, Name: "security_token", Env: []string{EnvSecurityToken}, Sensitive: true,
			Description: "Security token of temporary AK/SK, sent as `X-Security-Token` and signed."},
		{Setting: SigningAlgorithm, Name: "signing_algorithm", Env: []string{"HW_SIGNING_ALGORITHM"},
			OneOf: []string{"HmacSHA256", "HmacSM3", "EcdsaP256SHA256", "SM2SM3"}, DefaultDoc: "`HmacSHA256`",
			Description: "Algorithm that signs requests with an access key pair, spelled as in the official " +
				"provider: `HmacSHA256` (SDK-HMAC-SHA256), `HmacSM3` (SDK-HMAC-SM3), `EcdsaP256SHA256` " +
				"(SDK-ECDSA-P256-SHA256) or `SM2SM3` (SDK-SM2-SM3, the Chinese national algorithms)."},
		{Setting: UserName, Name: "user_name", Env: []string{"HW_USER_NAME", "OS_USERNAME"},
			Description: "IAM user name for password login, with `domain_name` or `domain_id`."},
		{Setting: UserID, Name: "user_id", Env: []string{"HW_USER_ID", "OS_USER_ID"},
			Description: "IAM user ID for password login, in place of `user_name` and the account. Needs " +
				"`project_id`: IAM scopes a token to a project name only within a named account."},
		{Setting: Password, Name: "password", Env: []string{EnvPassword, "OS_PASSWORD"}, Sensitive: true,
			Description: "Password of `user_name` (or `user_id`): IAM password login."},
		{Setting: DomainName, Name: "domain_name", Env: []string{"HW_DOMAIN_NAME", "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME"},
			Description: "Account (domain) name: of `user_name` for password login, or of a `token` without " +
				"`project_id`, which IAM then re-scopes. Conflicts with `domain_id`."},
		{Setting: DomainID, Name: "domain_id", Env: []string{"HW_DOMAIN_ID", "OS_DOMAIN_ID", "OS_USER_DOMAIN_ID", "OS_PROJECT_DOMAIN_ID"},
			Description: "Account (domain) ID, in place of `domain_name`."},
		{Setting: AuthURL, Name: "auth_url", Env: []string{"HW_AUTH_URL", "OS_AUTH_URL"}, Pattern: urlPattern,
			Want:        "an http:// or https:// URL, e.g. https://iam.cn-north-4.myhuaweicloud.com/v3",
			Description: "IAM endpoint, for password login, project look-up and agencies.", DefaultDoc: "`https://iam.{region}.{cloud}/v3`"},
		{Setting: Cloud, Name: "cloud", Env: []string{"HW_CLOUD"}, Pattern: cloudPattern, Want: "a domain name such as myhuaweicloud.com",
			Description: "Domain of the cloud, a DNS name such as `myhuaweicloud.com`.",
			DefaultDoc: "`myhuaweicloud.eu` for regions whose name starts with `eu-west-1` (e.g. `eu-west-101`) and " +
				"`myhuaweicloud.com` for all others, `eu-west-0` (Paris) included"},
		{Setting: Endpoints, Name: "endpoints", Kind: TextMap, Keys: []string{EndpointGaussDB, EndpointIAM, EndpointSTS}, Pattern: urlPattern,
			Want: "an http:// or https:// URL",
			Description: "Endpoints that replace the defaults, by service: `gaussdb` (e.g. " +
				"`https://gaussdb.cn-north-4.myhuaweicloud.com`), `iam` and `sts` (base URLs, scheme and host " +
				"only). By default `gaussdb` follows the official SDK's region table: `gaussdbformysql.` in " +
				"ap-southeast-1, ap-southeast-2, cn-north-11, tr-west-1 and me-east-1; `gaussdb-mysql.` in " +
				"af-south-1, cn-east-5, la-north-2 and cn-southwest-3; `gaussdb.` elsewhere."},
		{Setting: Language, Name: "language", OneOf: []string{"en-us", "zh-cn"}, DefaultDoc: "`en-us`",
			Description: "Language of the API's error messages, sent as `X-Language`: `en-us` or `zh-cn`."},
		{Setting: MaxRetries, Name: "max_retries", Kind: WholeNumber, Env: []string{EnvMaxRetries}, Min: 0, Max: MaxRetriesLimit, Default: "5",
			Description: "How many times a throttled (429), failed (5xx other than 501) or unanswered request " +
				"is retried, with exponential backoff."},
		{Setting: MaxConcurrentRequests, Name: "max_concurrent_requests", Kind: WholeNumber, Min: 1, Max: MaxConcurrentLimit, Default: "4",
			Description: "How many pages of a listing are read at once, from 1 to 16."},
		{Setting: RequestTimeout, Name: "request_timeout", Kind: WholeNumber, Env: []string{EnvRequestTimeout}, Min: 1, Max: RequestTimeoutLimit,
			Default: "60", DefaultDoc: "(seconds per attempt)", Description: "Seconds one attempt of a request may take, answer included, before it " +
				"is abandoned (and retried)."},
		{Setting: Insecure, Name: "insecure", Kind: Flag, Env: []string{"HW_INSECURE", "OS_INSECURE"}, Default: "false",
			Description: "Skip verification of TLS certificates, and allow plain `http://` endpoints on hosts " +
				"other than loopback. Only for test environments: without it, credentials never cross a network " +
				"in clear."},
		{Setting: CACertFile, Name: "cacert_file", Env: []string{"OS_CACERT"}, File: PathOrContent, DefaultDoc: "the system's CAs only",
			Description: "PEM bundle of certificate authorities to trust besides the system's, e.g. for a " +
				"private gateway: a path (`~` is the home directory) or the PEM text itself. (The official " +
				"provider then stops trusting the system's authorities; this one does not.)"},
		{Setting: Cert, Name: "cert", Env: []string{"OS_CERT"}, File: PathOrContent,
			Description: "Client certificate presented to every HTTPS endpoint (GaussDB, IAM, STS), for " +
				"gateways that require one: a path or the PEM text itself. Needs `key`."},
		{Setting: Key, Name: "key", Env: []string{"OS_KEY"}, File: PathOrContent, Sensitive: true,
			Description: "Private key of `cert`: a path or the PEM text itself."},
		{Setting: SharedConfigFile, Name: "shared_config_file", Env: []string{EnvSharedConfigFile}, File: PathOnly,
			DefaultDoc: "`~/.hcloud/config.json` when `profile` is set",
			Description: "KooCLI's (hcloud's) `config.json`. Setting it, or `profile`, signs in with the " +
				"profile: its modes `AKSK`, `SSO`, `AssumeRole` (with `sourceProfile`) and `ecsAgency` are " +
				"read, and a profile that gives no credentials is an error, never a silent fall-back. The " +
				"file must not be encrypted."},
		{Setting: Profile, Name: "profile", Env: []string{EnvProfile}, DefaultDoc: "the file's `current` profile",
			Description: "Profile of `shared_config_file` to sign in with."},
		{Setting: AssumeRole, Name: "assume_role", Kind: Blocks,
			Description: "An agency to assume with the credentials signed in with; several blocks are a chain, " +
				"each assumed with the credentials of the one before. Without a block, " +
				"`HW_ASSUME_ROLE_AGENCY_NAME` (with its siblings) configures one, unless `HW_ASSUME_ROLE_IDP_ID` " +
				"makes them configure OIDC.",
			EnvBlock: struct{ Trigger, Unless string }{EnvAssumeRoleAgency, EnvAssumeRoleIdpID},
			Nested: []Argument{
				{Setting: AssumeRoleAgencyName, Name: "agency_name", Env: []string{EnvAssumeRoleAgency}, Required: true, MinLength: 2, MaxLength: 128,
					Description: "Name of the agency."},
				{Setting: AssumeRoleDomainName, Name: "domain_name", Env: []string{EnvAssumeRoleDomain},
					Description: "Name of the account that delegates: the agency is assumed with IAM " +
						"(`POST /v3.0/OS-CREDENTIAL/securitytokens`), which needs an access key pair."},
				{Setting: AssumeRoleDomainID, Name: "domain_id", Env: []string{EnvAssumeRoleDomainID},
					Description: "ID of the account that delegates: when set, the agency is assumed with STS " +
						"(`POST /v5/agencies/assume`), which also accepts a token."},
				{Setting: AssumeRoleDuration, Name: "duration", Kind: WholeNumber, Env: []string{EnvAssumeRoleDuration}, Min: MinAgencyDuration,
					Max: MaxAgencyDuration, Description: "Seconds the agency's credentials last, from 900 to 43200 " +
						"(at most 3600 when the credentials that assume it are temporary themselves). Unset " +
						"leaves it to the service. They are refreshed before they expire either way."},
			}},
		{Setting: AssumeRoleWithOIDC, Name: "assume_role_with_oidc", Kind: Blocks, MaxBlocks: 1,
			Description: "Sign in with an OpenID Connect id token, e.g. from a CI system, with no stored keys: " +
				"the id token is exchanged at IAM for temporary credentials, which then assume the agency. At " +
				"most one block. Without one, `HW_ASSUME_ROLE_IDP_ID` (with the `HW_ASSUME_ROLE_*` variables) " +
				"configures it, and may leave out the agency.",
			EnvBlock: struct{ Trigger, Unless string }{EnvAssumeRoleIdpID, ""},
			Nested: []Argument{
				{Setting: OIDCIdpID, Name: "idp_id", Env: []string{EnvAssumeRoleIdpID}, Required: true,
					Description: "ID of the IAM identity provider that trusts the id token's issuer."},
				{Setting: OIDCIDToken, Name: "id_token", Env: []string{EnvAssumeRoleIDToken}, Sensitive: true,
					Description: "The id token. Exactly one of `id_token` and `id_token_file`."},
				{Setting: OIDCIDTokenFile, Name: "id_token_file", Env: []string{EnvAssumeRoleIDFile}, File: PathOnly,
					Description: "A file holding the id token, read again at every refresh (CI systems rewrite " +
						"it); surrounding newlines are trimmed."},
				{Setting: OIDCAgencyName, Name: "agency_name", Env: []string{EnvAssumeRoleAgency}, Required: true, MinLength: 2, MaxLength: 128,
					Description: "Name of the agency to assume (from the environment, it may be left out: the " +
						"federated credentials are then used as they are)."},
				{Setting: OIDCDomainID, Name: "domain_id", Env: []string{EnvAssumeRoleDomainID}, Required: true,
					Description: "ID of the account that delegates the agency."},
				{Setting: OIDCDuration, Name: "duration", Kind: WholeNumber, Env: []string{EnvAssumeRoleDuration}, Min: MinAgencyDuration,
					Max: MaxDurationWithSecurityKey, Description: "Seconds the agency's credentials last, from 900 " +
						"to 3600: STS grants no more to a caller that holds temporary credentials, as the OIDC " +
						"exchange gives."},
			}},
		{Setting: MetadataEndpoint, Name: "metadata_endpoint", Env: []string{EnvMetadataEndpoint}, EnvOnly: true,
			Description: "Moves the ECS metadata service (a base URL), as the AWS provider's variable of the " +
				"same role does; tests point it at the emulator."},
	}
}

// Variables returns, for every argument (nested ones as "block.name"), the
// environment variables it falls back to.
func Variables() map[string][]string {
	variables := map[string][]string{}
	for _, a := range Arguments() {
		if a.EnvOnly {
			continue
		}
		variables[a.Name] = a.Env
		for _, n := range a.Nested {
			variables[a.Name+"."+n.Name] = n.Env
		}
	}
	return variables
}
