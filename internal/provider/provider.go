// Package provider is the Terraform side of the GaussDB provider: the
// provider's schema and configuration, and its data sources.
package provider

import (
	"context"
	"errors"
	"net/http"
	"os"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

// Languages the API answers in, sent as X-Language.
const (
	languageEnglish = "en-us"
	languageChinese = "zh-cn"
)

// Keys of endpoints: the services whose URL may be replaced.
const (
	endpointKeyGaussDB = "gaussdb"
	endpointKeyIAM     = "iam"
	endpointKeySTS     = "sts"
)

var (
	_ provider.Provider                     = (*GaussDBProvider)(nil)
	_ provider.ProviderWithConfigValidators = (*GaussDBProvider)(nil)
)

// GaussDBProvider is the gaussdb provider.
type GaussDBProvider struct {
	// version is the provider's release, set by ldflags; "dev" or "test" otherwise.
	version string
	// getenv reads the environment; tests replace it.
	getenv func(string) string
	// transport replaces the network transport when set (benchmarks).
	transport http.RoundTripper
}

// providerModel is the provider block.
type providerModel struct {
	Region         types.String `tfsdk:"region"`
	ProjectID      types.String `tfsdk:"project_id"`
	Token          types.String `tfsdk:"token"`
	AccessKey      types.String `tfsdk:"access_key"`
	SecretKey      types.String `tfsdk:"secret_key"`
	SecurityToken  types.String `tfsdk:"security_token"`
	SigningAlg     types.String `tfsdk:"signing_algorithm"`
	UserName       types.String `tfsdk:"user_name"`
	Password       types.String `tfsdk:"password"`
	DomainName     types.String `tfsdk:"domain_name"`
	DomainID       types.String `tfsdk:"domain_id"`
	UserID         types.String `tfsdk:"user_id"`
	ProjectName    types.String `tfsdk:"project_name"`
	AuthURL        types.String `tfsdk:"auth_url"`
	Cloud          types.String `tfsdk:"cloud"`
	Endpoints      types.Map    `tfsdk:"endpoints"`
	Language       types.String `tfsdk:"language"`
	MaxRetries     types.Number `tfsdk:"max_retries"`
	MaxConcurrent  types.Number `tfsdk:"max_concurrent_requests"`
	RequestTimeout types.Number `tfsdk:"request_timeout"`
	Insecure       types.Bool   `tfsdk:"insecure"`
	CACertFile     types.String `tfsdk:"cacert_file"`
	Cert           types.String `tfsdk:"cert"`
	Key            types.String `tfsdk:"key"`
	SharedConfig   types.String `tfsdk:"shared_config_file"`
	Profile        types.String `tfsdk:"profile"`

	AssumeRole         []assumeRoleModel         `tfsdk:"assume_role"`
	AssumeRoleWithOIDC []assumeRoleWithOIDCModel `tfsdk:"assume_role_with_oidc"`
}

// New returns a function that creates the provider, as providerserver wants.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &GaussDBProvider{version: version, getenv: os.Getenv}
	}
}

// NewWithTransport is New with every API request sent through transport
// instead of the network. The benchmarks' in-memory build uses it.
func NewWithTransport(version string, transport http.RoundTripper) func() provider.Provider {
	return func() provider.Provider {
		return &GaussDBProvider{version: version, getenv: os.Getenv, transport: transport}
	}
}

// Metadata names the provider "gaussdb".
func (p *GaussDBProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "gaussdb"
	resp.Version = p.version
}

// Schema describes the provider block.
func (p *GaussDBProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads GaussDB(for MySQL) (TaurusDB) on Huawei Cloud. " +
			"Every argument falls back to the environment variable the official huaweicloud provider uses.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Region of the instances, e.g. `cn-north-4`: lower-case letters, digits and " +
					"dashes. Chooses the default endpoint. Defaults to `HW_REGION_NAME`. Required unless " +
					"`endpoints.gaussdb` is set.",
				Validators: regionValidators(),
			},
			"project_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ID of the project of `region` whose backups are read. Defaults to `HW_PROJECT_ID`. " +
					"Required with `token`; with AK/SK or password authentication it is looked up from the region when unset.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "IAM token, sent as `X-Auth-Token`. Scoped to one project; valid for 24 hours. " +
					"Defaults to `HW_AUTH_TOKEN`. Takes precedence over AK/SK and password from the environment.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"access_key": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Access key (AK) for request signing (SDK-HMAC-SHA256). Requires `secret_key`. " +
					"Defaults to `HW_ACCESS_KEY`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"secret_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Secret key (SK) that signs each request. Requires `access_key`. Defaults to `HW_SECRET_KEY`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"security_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Security token of temporary AK/SK, sent as `X-Security-Token` and signed. " +
					"Requires `access_key` and `secret_key`. Defaults to `HW_SECURITY_TOKEN`.",
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.AlsoRequires(path.MatchRoot("access_key"), path.MatchRoot("secret_key")),
				},
			},
			"signing_algorithm": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Algorithm that signs requests with `access_key` and `secret_key`, spelled as in " +
					"the official provider: `HmacSHA256` (SDK-HMAC-SHA256, the default), `HmacSM3` " +
					"(SDK-HMAC-SM3), `EcdsaP256SHA256` (SDK-ECDSA-P256-SHA256) or `SM2SM3` (SDK-SM2-SM3, the " +
					"Chinese national algorithms). Defaults to `HW_SIGNING_ALGORITHM`, else `HmacSHA256`.",
				Validators: []validator.String{stringvalidator.OneOf(signingAlgorithmNames()...)},
			},
			"user_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "IAM user name for password login. Requires `password` and `domain_name`. " +
					"Defaults to `HW_USER_NAME`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"password": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Password of `user_name`. Defaults to `HW_USER_PASSWORD`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"domain_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Account (domain) name: of `user_name` for password login, or of a `token` without " +
					"`project_id`, which IAM then re-scopes to the project of the region (or `project_name`). " +
					"Conflicts with `domain_id`. Defaults to `HW_DOMAIN_NAME`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"domain_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Account (domain) ID, in place of `domain_name`: of `user_name` for password login, " +
					"or of a `token` without `project_id`. Conflicts with `domain_name`. Defaults to `HW_DOMAIN_ID`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"user_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "IAM user ID for password login, in place of `user_name` (and the account). " +
					"Needs `project_id`: IAM scopes a token to a project name only within a named account. " +
					"Conflicts with `user_name`. Defaults to `HW_USER_ID`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"project_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Name of the project to read when `project_id` is unset, e.g. a sub-project " +
					"`cn-north-4_dev`; defaults to the region's own project (named as the region). It is looked up " +
					"in IAM (or scopes the login); no project of that name, or several, is an error. Applies to the " +
					"provider's region only. Defaults to `HW_PROJECT_NAME`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"auth_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "IAM endpoint, for password login and project look-up. Defaults to `HW_AUTH_URL`, " +
					"else `https://iam.{region}.{cloud}/v3`.",
				Validators: []validator.String{stringvalidator.RegexMatches(endpointPattern(),
					"must be an http:// or https:// URL, e.g. https://iam.cn-north-4.myhuaweicloud.com/v3")},
			},
			"cloud": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Domain of the cloud, a DNS name such as `myhuaweicloud.com`. Defaults to " +
					"`HW_CLOUD`, else `myhuaweicloud.eu` for regions whose name starts with `eu-west-1` (e.g. " +
					"`eu-west-101`) and `myhuaweicloud.com` for all others, `eu-west-0` (Paris) included.",
				Validators: []validator.String{stringvalidator.RegexMatches(cloudPattern(),
					"must be a domain name such as myhuaweicloud.com")},
			},
			"endpoints": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Endpoints that replace the defaults, by service. The key `gaussdb` sets the " +
					"GaussDB(for MySQL) endpoint, e.g. `https://gaussdb.cn-north-4.myhuaweicloud.com`. By default " +
					"the endpoint follows the official SDK's region table: `gaussdbformysql.` in ap-southeast-1, " +
					"ap-southeast-2, cn-north-11, tr-west-1 and me-east-1; `gaussdb-mysql.` in af-south-1, " +
					"cn-east-5, la-north-2 and cn-southwest-3; `gaussdb.` elsewhere.",
				Validators: []validator.Map{
					mapvalidator.KeysAre(stringvalidator.OneOf(endpointKeyGaussDB, endpointKeyIAM, endpointKeySTS)),
					mapvalidator.ValueStringsAre(stringvalidator.RegexMatches(endpointPattern(),
						"must be an http:// or https:// URL, e.g. https://gaussdb.cn-north-4.myhuaweicloud.com")),
				},
			},
			"language": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Language of the API's error messages, sent as `X-Language`: `en-us` (the " +
					"default) or `zh-cn`.",
				Validators: []validator.String{stringvalidator.OneOf(languageEnglish, languageChinese)},
			},
			"max_retries": schema.NumberAttribute{
				Optional: true,
				MarkdownDescription: "How many times a throttled (429), failed (5xx other than 501) or unanswered request " +
					"is retried, with exponential backoff. Defaults to `HW_MAX_RETRIES`, else 5.",
				Validators: []validator.Number{wholeNumberBetween{0, maxRetriesLimit}},
			},
			"max_concurrent_requests": schema.NumberAttribute{
				Optional: true,
				MarkdownDescription: "How many pages of a listing are read at once, from 1 to 16. The first page " +
					"says how many follow; the rest are read concurrently and put back in order. Defaults to 4.",
				Validators: []validator.Number{wholeNumberBetween{1, maxConcurrentLimit}},
			},
			"request_timeout": schema.NumberAttribute{
				Optional: true,
				MarkdownDescription: "Seconds one attempt of a request may take, answer included, before it is " +
					"abandoned (and retried). Defaults to `HW_REQUEST_TIMEOUT`, else 60.",
				Validators: []validator.Number{wholeNumberBetween{1, requestTimeoutLimit}},
			},
			"insecure": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip verification of TLS certificates, and allow plain `http://` endpoints " +
					"on hosts other than loopback. Defaults to `HW_INSECURE`, else false. Only for test environments: " +
					"without it, credentials never cross a network in clear.",
			},
			"cacert_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "PEM bundle of certificate authorities to trust besides the system's, e.g. " +
					"for a private gateway: a path (`~` is the home directory) or the PEM text itself. Defaults to " +
					"`OS_CACERT`, as in the official provider (which, unlike this one, then stops trusting the " +
					"system's authorities).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"shared_config_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "KooCLI's (hcloud's) `config.json`, whose `profile` gives the credentials, and the " +
					"region, project, account id and agency where the provider block does not set them. `~` is the " +
					"home directory. Defaults to `HW_SHARED_CONFIG_FILE`, else `~/.hcloud/config.json` when `profile` " +
					"is set. Conflicts with `access_key`/`secret_key`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("access_key"), path.MatchRoot("secret_key"))},
			},
			"profile": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Profile of `shared_config_file` to use; its modes `AKSK`, `SSO`, `AssumeRole` " +
					"(its agency is assumed with IAM) and `ecsAgency` (the ECS server's credentials) are read; the " +
					"file must not be encrypted. Defaults to `HW_PROFILE`, else the file's `current` profile. From " +
					"the environment, a profile wins over `HW_ACCESS_KEY`/`HW_SECRET_KEY`, as in the official provider.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("access_key"), path.MatchRoot("secret_key"))},
			},
			"cert": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Client certificate presented to every HTTPS endpoint (GaussDB, IAM and STS), for " +
					"gateways that require one: a path or the PEM text itself. Requires `key`. Defaults to `OS_CERT`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"key": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Private key of `cert`: a path or the PEM text itself. Requires `cert`. " +
					"Defaults to `OS_KEY`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
		Blocks: assumeRoleBlocks(),
	}
}

// ConfigValidators rejects incomplete or conflicting credentials at plan time.
func (p *GaussDBProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{
		providervalidator.RequiredTogether(path.MatchRoot("access_key"), path.MatchRoot("secret_key")),
		providervalidator.Conflicting(path.MatchRoot("user_name"), path.MatchRoot("user_id")),
		providervalidator.Conflicting(path.MatchRoot("domain_name"), path.MatchRoot("domain_id")),
		providervalidator.RequiredTogether(path.MatchRoot("cert"), path.MatchRoot("key")),
		authMethodsValidator{},
	}
}

// Configure checks the provider block and environment and prepares the API
// clients; it makes no request.
func (p *GaussDBProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings := resolveSettings(ctx, model, p.getenv, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = settings.maskSecrets(ctx)
	tflog.Debug(ctx, "configured GaussDB provider", map[string]any{
		"auth_method": string(settings.method), "region": settings.region, "project_id": settings.projectID,
	})
	httpOpts := client.HTTPOptions{
		Language:       settings.language,
		MaxRetries:     settings.maxRetries,
		RequestTimeout: settings.requestTimeout,
		Insecure:       settings.insecure,
		CACertFile:     settings.caCertFile,
		ClientCert:     settings.clientCert,
		ClientKey:      settings.clientKey,
		UserAgent:      userAgent(p.version, req.TerraformVersion),
		Transport:      p.transport,
		Secrets:        settings.secrets(),
	}
	checkEndpoints(settings, &resp.Diagnostics)
	if httpOpts.Transport == nil {
		// One transport, so one connection pool, for GaussDB and IAM in every
		// region; the CA file is read once, here.
		transport, err := client.NewTransport(httpOpts)
		var tlsErr *client.TLSFileError
		switch {
		case errors.As(err, &tlsErr):
			resp.Diagnostics.AddAttributeError(path.Root(tlsErr.Setting), "Invalid "+tlsErr.Setting,
				err.Error()+". Set "+tlsErr.Setting+" (or "+argumentVariables()[tlsErr.Setting][0]+") to a readable "+
					"path, or to the PEM text itself.")
		case err != nil:
			resp.Diagnostics.AddError("Unable to set up TLS", err.Error())
		}
		httpOpts.Transport = transport
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.DataSourceData = newAPIClients(settings, httpOpts)
}

// checkEndpoints reports, on their attributes, configured endpoints that the
// client would refuse, before any data source reads.
func checkEndpoints(s settings, diags *diag.Diagnostics) {
	if s.endpointOverride != "" {
		if err := client.CheckEndpoint(s.endpointOverride, s.insecure); err != nil {
			diags.AddAttributeError(path.Root("endpoints").AtMapKey(endpointKeyGaussDB), "Invalid endpoints.gaussdb", err.Error()+".")
		}
	}
	if s.authURL != "" {
		if err := client.CheckEndpoint(s.authURL, s.insecure); err != nil {
			diags.AddAttributeError(path.Root("auth_url"), "Invalid auth_url", err.Error()+".")
		}
	}
}

// DataSources lists the provider's data sources.
func (p *GaussDBProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewMySQLBackupsDataSource,
		NewMySQLBackupDataSource,
	}
}

// Resources lists the provider's resources: none yet.
func (p *GaussDBProvider) Resources(_ context.Context) []func() resource.Resource {
	return nil
}

// userAgent names the provider and Terraform, so that the cloud's logs show
// which tool sent a request.
func userAgent(providerVersion, terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return "terraform-provider-gaussdb/" + providerVersion + " Terraform/" + terraformVersion
}
