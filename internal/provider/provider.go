package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

var (
	_ provider.Provider                  = (*GaussDBProvider)(nil)
	_ provider.ProviderWithListResources = (*GaussDBProvider)(nil)
	_ provider.ProviderWithActions       = (*GaussDBProvider)(nil)
)

// GaussDBProvider is the gaussdb provider.
type GaussDBProvider struct {
	// version is the provider's release, set by ldflags; "dev" or "test" otherwise.
	version string
	// getenv reads the environment; tests replace it.
	getenv func(string) string
	// transport replaces the network transport when set (benchmarks).
	transport http.RoundTripper
	// listings, when set, receives the API clients on Configure for the
	// plain server of the large listings, which then serves them instead
	// (provider_server.go); nil when the framework serves every data source.
	listings *configuredClients
	// waits shortens the API clients' waits for what the API shows late, when
	// set (tests); zero values are gaussdb's defaults.
	waits apiWaits
}

// Metadata names the provider "gaussdb".
func (p *GaussDBProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "gaussdb"
	resp.Version = p.version
}

// Schema describes the provider block, from the table of arguments.
func (p *GaussDBProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

// Configure resolves the provider block and the environment (config),
// decides how to sign in (signin) and prepares the API clients; it makes
// no request. Every problem lands on the argument it concerns.
func (p *GaussDBProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	block, err := rawBlock(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Unable to read the provider block", err.Error())
		return
	}
	settings, problems := config.Resolve(block, p.getenv)
	if addProblems(&resp.Diagnostics, problems); resp.Diagnostics.HasError() {
		return
	}
	plan, problems := signin.Decide(settings)
	if addProblems(&resp.Diagnostics, problems); resp.Diagnostics.HasError() {
		return
	}
	endpoints := endpointsOf(settings, plan, &resp.Diagnostics)
	httpOpts := httpOptionsOf(settings, plan, userAgent(p.version, req.TerraformVersion), p.transport)
	ctx = maskSecrets(ctx, httpOpts.Secrets)
	tflog.Debug(ctx, "configured GaussDB provider", map[string]any{
		"auth_method": string(plan.Method), "chosen_by": plan.ChosenBy.String(), "region": plan.Region.Text,
		"project_id": plan.ProjectID.Text,
	})
	checkEndpoints(endpoints, httpOpts.Insecure, &resp.Diagnostics)
	if httpOpts.Transport == nil {
		// One transport, so one connection pool, for GaussDB and IAM in every
		// region; the CA file is read once, here.
		pool, err := transport.NewTransport(httpOpts)
		var tlsErr *transport.TLSFileError
		switch {
		case errors.As(err, &tlsErr):
			setting := tlsSetting(tlsErr.File)
			name := setting.Argument().Name
			detail := fmt.Sprintf("%s: %s, set by %s. Set it to the path of a readable file, or to the PEM text itself.",
				name, tlsErr.Err, settings.Get(setting).Source)
			if secretArgument(config.At(setting)) && settings.Get(setting).Source.Kind == config.FromBlock {
				// On the attribute, Terraform would print the
				// configuration's line, and the key written there.
				resp.Diagnostics.AddError("Invalid "+name, detail)
			} else {
				resp.Diagnostics.AddAttributeError(path.Root(name), "Invalid "+name, detail)
			}
		case err != nil:
			resp.Diagnostics.AddError("Unable to set up TLS", err.Error())
		}
		httpOpts.Transport = pool
	}
	if resp.Diagnostics.HasError() {
		return
	}
	maxConcurrent := int(settings.Get(config.MaxConcurrentRequests).Int())
	clients := newAPIClients(signin.NewSession(plan, endpoints, httpOpts), endpoints, httpOpts, maxConcurrent)
	clients.waits = p.waits
	if p.listings != nil {
		p.listings.set(clients)
	}
	resp.DataSourceData, resp.ResourceData, resp.ListResourceData, resp.ActionData = clients, clients, clients, clients
}

// tlsSetting is the argument a TLS file of the HTTP stack comes from.
func tlsSetting(file transport.TLSFile) config.Setting {
	switch file {
	case transport.ClientCert:
		return config.Cert
	case transport.ClientKey:
		return config.Key
	}
	return config.CACertFile
}

// checkEndpoints reports, on their attributes, configured endpoints that the
// client would refuse, before any data source reads.
func checkEndpoints(e transport.Endpoints, insecure bool, diags *diag.Diagnostics) {
	for _, endpoint := range []struct {
		url  string
		path path.Path
		name string
	}{
		{e.GaussDB, path.Root("endpoints").AtMapKey(config.EndpointGaussDB), "endpoints.gaussdb"},
		{e.AuthURL, path.Root("auth_url"), "auth_url"},
	} {
		if endpoint.url == "" {
			continue
		}
		err := transport.CheckEndpoint(endpoint.url, insecure)
		var plain *transport.PlainHTTPError
		switch {
		case errors.As(err, &plain):
			diags.AddAttributeError(endpoint.path, "Invalid "+endpoint.name, sentence(err)+" Use https://, or set "+
				"insecure = true (HW_INSECURE).")
		case err != nil:
			diags.AddAttributeError(endpoint.path, "Invalid "+endpoint.name, sentence(err))
		}
	}
}

// DataSources lists the provider's data sources: all of them, or all but
// the large listings when the plain server serves those.
func (p *GaussDBProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	others := []func() datasource.DataSource{
		NewMySQLBackupDataSource,
		NewMySQLRestoreTimeRangesDataSource,
		NewMySQLRestorePointDataSource,
	}
	if p.listings != nil {
		return others
	}
	return append(others, NewMySQLBackupsDataSource, NewMySQLIncrementalBackupsDataSource)
}

// Actions lists the provider's actions.
func (p *GaussDBProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{NewMySQLRestoreAction, NewMySQLCreateBackupAction}
}

// ListResources lists the provider's list resources, for terraform query.
func (p *GaussDBProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{NewMySQLBackupListResource}
}

// Resources lists the provider's resources.
func (p *GaussDBProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewMySQLBackupResource}
}

// userAgent names the provider and Terraform, so that the cloud's logs show
// which tool sent a request.
func userAgent(providerVersion, terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return "terraform-provider-gaussdb/" + providerVersion + " Terraform/" + terraformVersion
}
