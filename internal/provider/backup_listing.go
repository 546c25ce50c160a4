package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

// clientsFrom takes the provider's API clients out of a data source's
// ProviderData; nil before the provider is configured.
func clientsFrom(providerData any, diags *diag.Diagnostics) *apiClients {
	if providerData == nil {
		return nil
	}
	clients, ok := providerData.(*apiClients)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *apiClients, got %T. This is a bug in the provider; please report it.", providerData))
	}
	return clients
}

// list runs a data source's query in its region, within its read timeout,
// with secrets masked in the logs. Warnings and errors become diagnostics;
// ok is false after an error. It also returns the project listed.
func (a *apiClients) list(ctx context.Context, filters backupFilters, readTimeout timeouts.Value, q client.BackupQuery,
	diags *diag.Diagnostics,
) (listing client.Listing, projectID string, ok bool) {
	ctx = a.settings.maskSecrets(ctx)
	ctx, cancel, timeoutDiags := withReadTimeout(ctx, readTimeout)
	diags.Append(timeoutDiags...)
	if diags.HasError() {
		return client.Listing{}, "", false
	}
	defer cancel()

	apiClient, err := a.forRegion(ctx, filters.Region.ValueString())
	if err != nil {
		addClientError(diags, filters.Region, err, a.credentialHint())
		return client.Listing{}, "", false
	}
	listing, err = apiClient.ListBackups(ctx, q)
	if err != nil {
		addListingError(diags, err, a.credentialHint())
		return client.Listing{}, "", false
	}
	for _, warning := range listing.Warnings {
		diags.AddWarning("GaussDB backups listing may be incomplete", warning)
	}
	return listing, apiClient.ProjectID(), true
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
