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

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
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
	ctx, apiClient, cancel, ok := a.clientFor(ctx, filters.Region, readTimeout, diags)
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

// addWarnings reports what was odd about the API's answers.
func addWarnings(diags *diag.Diagnostics, warnings []string) {
	for _, warning := range warnings {
		diags.AddWarning("Unusual answer from the GaussDB(for MySQL) API", warning)
	}
}

// addClientError reports that no client could be made for a region: its
// project could not be found, or cannot be known.
func addClientError(diags *diag.Diagnostics, region types.String, err error, hint string) {
	const summary = "Unable to reach GaussDB(for MySQL)"
	detail := withCredentialHint(err, hint)
	if plain := (*transport.PlainHTTPError)(nil); errors.As(err, &plain) {
		detail = sentence(err) + " Use https://, or set insecure = true (HW_INSECURE)."
	}
	if !region.IsNull() {
		diags.AddAttributeError(path.Root("region"), summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// withCredentialHint adds hint to the message of an error that refused the
// credentials.
func withCredentialHint(err error, hint string) string {
	var apiErr *transport.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized {
		return sentence(err) + " " + hint
	}
	return err.Error()
}

// addListingError reports a failed listing on the setting that caused it:
// the filter the API rejected or cannot be trusted to apply, the filters
// to narrow, or what addCallError names.
func (a *apiClients) addListingError(ctx context.Context, diags *diag.Diagnostics, err error, q gaussdb.BackupQuery) {
	call := apiCall{summary: "Unable to list GaussDB(for MySQL) backups", action: "gaussdbformysql:backup:list",
		sent: q.Parameters(), attributes: map[string]string{}}
	for name := range backupFilterAttributes() {
		call.attributes[name] = name
	}
	a.addPagingError(ctx, diags, call, err, "Narrow the query: set instance_id or backup_type, or a shorter "+
		"begin_time and end_time; to find one backup, use gaussdb_mysql_backup with the same filters.")
}

// addPagingError reports a failed listing of any listing API: the errors
// of paging, with narrow saying how to narrow a listing too large to read,
// and the rest as addCallError does.
func (a *apiClients) addPagingError(ctx context.Context, diags *diag.Diagnostics, call apiCall, err error, narrow string) {
	var (
		notApplied *gaussdb.FilterNotAppliedError
		paging     *listing.PagingRejectedError
		tooLarge   *listing.TooLargeError
		tied       *listing.TiedBackupsError
	)
	switch {
	case ctx.Err() != nil:
		a.addCallError(ctx, diags, call, err)
	case errors.As(err, &notApplied):
		diags.AddAttributeError(path.Root(notApplied.Filter), call.summary, sentence(err))
	case errors.As(err, &paging):
		diags.AddError(call.summary, sentence(err)+" Your filters are not the cause. This is a fault of the API or "+
			"of this provider: please report it, with the request id.")
	case errors.As(err, &tooLarge), errors.As(err, &tied):
		diags.AddError(call.summary, sentence(err)+" "+narrow)
	default:
		a.addCallError(ctx, diags, call, err)
	}
}

// readTimeoutMessage says that timeouts.read ran out, and what the API was
// doing when it did.
func readTimeoutMessage(err error, requestErr *transport.RequestError) string {
	message := "The listing did not finish within the read timeout, timeouts.read (" + err.Error() + ")."
	if errors.As(err, &requestErr) && strings.HasPrefix(requestErr.LastFailure, "429") {
		return message + " The API was throttling the requests (" + requestErr.LastFailure + "), and the " +
			"retries' waits used the time. Raise timeouts.read, or lower max_concurrent_requests."
	}
	return message + " Raise timeouts.read, or check that the endpoint answers."
}

// throttledAdvice is what else helps when the API throttled.
func throttledAdvice(status int) string {
	if status == http.StatusTooManyRequests {
		return " or lower max_concurrent_requests"
	}
	return ""
}

// sentence writes an error as a sentence: with one full stop at its end.
func sentence(err error) string {
	return strings.TrimSuffix(err.Error(), ".") + "."
}
