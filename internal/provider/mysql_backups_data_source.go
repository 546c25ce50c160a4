package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*mysqlBackupsDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*mysqlBackupsDataSource)(nil)
)

// mysqlBackupsDataSource is gaussdb_mysql_backups: every backup that matches
// the filters, newest first.
type mysqlBackupsDataSource struct {
	clients *apiClients
}

// mysqlBackupsModel is the data source's configuration and state.
type mysqlBackupsModel struct {
	backupFilters
	ID         types.String   `tfsdk:"id"`
	TotalCount types.Int64    `tfsdk:"total_count"`
	Backups    types.List     `tfsdk:"backups"`
	Timeouts   timeouts.Value `tfsdk:"timeouts"`
}

// NewMySQLBackupsDataSource returns the gaussdb_mysql_backups data source.
func NewMySQLBackupsDataSource() datasource.DataSource {
	return &mysqlBackupsDataSource{}
}

// Metadata names the data source gaussdb_mysql_backups.
func (d *mysqlBackupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_backups"
}

// Schema describes the filters and the list of backups.
func (d *mysqlBackupsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := backupFilterAttributes()
	maps.Copy(attributes, map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "Identifies this listing: derived from the project and the filters, so the same " +
				"configuration has the same id on every plan.",
		},
		"total_count": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "Number of backups in `backups`.",
		},
		"backups": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "Every matching backup, once, newest first by `begin_time` (ties broken by `id`): " +
				"`backups[0]` is the latest. An empty list when nothing matches.",
			NestedObject: schema.NestedAttributeObject{Attributes: backupAttributes()},
		},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the backups of GaussDB(for MySQL) instances in the provider's project, " +
			"reading every page of the API, newest first.",
		Attributes: attributes,
		Blocks:     map[string]schema.Block{"timeouts": readTimeoutBlock(ctx)},
	}
}

// ConfigValidators checks the rules that span attributes.
func (d *mysqlBackupsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{timeRangeValidator{}}
}

// Configure takes the API client the provider built.
func (d *mysqlBackupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	clients, ok := req.ProviderData.(*apiClients)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *apiClients, got %T. This is a bug in the provider; please report it.", req.ProviderData))
		return
	}
	d.clients = clients
}

// Read lists the backups and stores them.
func (d *mysqlBackupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model mysqlBackupsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = d.clients.settings.maskSecrets(ctx)
	ctx, cancel, diags := withReadTimeout(ctx, model.Timeouts)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()

	apiClient, err := d.clients.forRegion(ctx, model.Region.ValueString())
	if err != nil {
		addClientError(&resp.Diagnostics, model.Region, err, d.clients.credentialHint())
		return
	}
	query := model.query()
	listing, err := apiClient.ListBackups(ctx, query)
	if err != nil {
		addListingError(&resp.Diagnostics, err, d.clients.credentialHint())
		return
	}
	for _, warning := range listing.Warnings {
		resp.Diagnostics.AddWarning("GaussDB backups listing may be incomplete", warning)
	}

	model.ID = types.StringValue(listingID(apiClient.ProjectID(), query))
	model.TotalCount = types.Int64Value(int64(len(listing.Backups)))
	model.Backups = backupsValue(listing.Backups)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// addClientError reports that no client could be made for a region: its
// project could not be found, or cannot be known.
func addClientError(diags *diag.Diagnostics, region types.String, err error, hint string) {
	const summary = "Unable to reach GaussDB(for MySQL)"
	detail := withCredentialHint(err, hint)
	if !region.IsNull() {
		diags.AddAttributeError(path.Root("region"), summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// withCredentialHint adds hint to the message of an error that refused the
// credentials.
func withCredentialHint(err error, hint string) string {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized {
		return err.Error() + ". " + hint
	}
	return err.Error()
}

// addListingError reports a failed listing; when the API rejected one of the
// filters, the error is put on that attribute, and when it refused the
// credentials, hint says what to check.
func addListingError(diags *diag.Diagnostics, err error, hint string) {
	const summary = "Unable to list GaussDB(for MySQL) backups"
	if errors.Is(err, context.DeadlineExceeded) {
		diags.AddAttributeError(path.Root("timeouts"), summary, "The listing did not finish within the read "+
			"timeout ("+err.Error()+"). Raise timeouts.read, or check that the endpoint answers.")
		return
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized {
		diags.AddError(summary, withCredentialHint(err, hint))
		return
	}
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest {
		// The longest name wins: "instance_name" also contains "name".
		rejected := ""
		for name := range backupFilterAttributes() {
			if strings.Contains(apiErr.Message, name) && len(name) > len(rejected) {
				rejected = name
			}
		}
		if rejected != "" {
			diags.AddAttributeError(path.Root(rejected), summary, "The API rejected "+rejected+": "+err.Error())
			return
		}
	}
	diags.AddError(summary, err.Error())
}
