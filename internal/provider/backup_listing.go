package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
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
func (a *apiClients) list(ctx context.Context, filters backupFilters, readTimeout timeouts.Value, q gaussdb.BackupQuery,
	diags *diag.Diagnostics,
) (listing gaussdb.Listing, projectID string, ok bool) {
	ctx, apiClient, cancel, ok := a.startRead(ctx, filters.Region, readTimeout, diags)
	if !ok {
		return gaussdb.Listing{}, "", false
	}
	defer cancel()
	listing, err := apiClient.ListBackups(ctx, q)
	if err != nil {
		a.addListingError(ctx, diags, err, q)
		return gaussdb.Listing{}, "", false
	}
	addWarnings(diags, listing.Warnings)
	return listing, apiClient.ProjectID(), true
}
