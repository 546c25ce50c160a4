// Package provider is the Terraform side of the GaussDB provider: the
// provider's schema and configuration, and its data sources.
package provider

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
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

// endpointKeyGaussDB is the key of endpoints that overrides the service's URL.
const endpointKeyGaussDB = "gaussdb"

var _ provider.Provider = (*GaussDBProvider)(nil)

// GaussDBProvider is the gaussdb provider.
type GaussDBProvider struct {
	// version is the provider's release, set by ldflags; "dev" or "test" otherwise.
	version string
	// getenv reads the environment; tests replace it.
	getenv func(string) string
}

// providerModel is the provider block.
type providerModel struct {
	Region     types.String `tfsdk:"region"`
	ProjectID  types.String `tfsdk:"project_id"`
	Token      types.String `tfsdk:"token"`
	Cloud      types.String `tfsdk:"cloud"`
	Endpoints  types.Map    `tfsdk:"endpoints"`
	Language   types.String `tfsdk:"language"`
	MaxRetries types.Int64  `tfsdk:"max_retries"`
	Insecure   types.Bool   `tfsdk:"insecure"`
}

// New returns a function that creates the provider, as providerserver wants.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &GaussDBProvider{version: version, getenv: os.Getenv}
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
				MarkdownDescription: "Region of the instances, e.g. `cn-north-4`. Chooses the default endpoint. " +
					"Defaults to `HW_REGION_NAME`. Required unless `endpoints.gaussdb` is set.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ID of the project (one per region) whose backups are read. Defaults to `HW_PROJECT_ID`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "IAM token, sent as `X-Auth-Token`. Scoped to one project; valid for 24 hours. " +
					"Defaults to `HW_AUTH_TOKEN`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"cloud": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Domain of the cloud. Defaults to `HW_CLOUD`, else `myhuaweicloud.eu` for " +
					"`eu-west-*` regions and `myhuaweicloud.com` for all others.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
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
					mapvalidator.KeysAre(stringvalidator.OneOf(endpointKeyGaussDB)),
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
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "How many times a throttled (429), failed (5xx other than 501) or unanswered request " +
					"is retried, with exponential backoff. Defaults to `HW_MAX_RETRIES`, else 5.",
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"insecure": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip verification of the endpoint's TLS certificate. Defaults to " +
					"`HW_INSECURE`, else false. Only for test environments.",
			},
		},
	}
}

// Configure builds the API client from the provider block and environment.
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
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "token")
	tflog.Debug(ctx, "configuring GaussDB client", map[string]any{
		"endpoint": settings.endpoint, "project_id": settings.projectID, "region": settings.region,
	})

	apiClient, err := client.New(client.Options{
		Endpoint:  settings.endpoint,
		ProjectID: settings.projectID,
		Auth:      client.TokenAuth{Token: settings.token},
		HTTPOptions: client.HTTPOptions{
			Language:   settings.language,
			MaxRetries: settings.maxRetries,
			Insecure:   settings.insecure,
			UserAgent:  userAgent(p.version, req.TerraformVersion),
		},
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to create the GaussDB API client", err.Error())
		return
	}
	resp.DataSourceData = apiClient
}

// DataSources lists the provider's data sources.
func (p *GaussDBProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewMySQLBackupsDataSource,
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
