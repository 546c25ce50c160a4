package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
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
	ctx = a.maskSecrets(ctx)
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
		a.addListingError(ctx, diags, err, q)
		return client.Listing{}, "", false
	}
	for _, warning := range listing.Warnings {
		diags.AddWarning("Unusual answer from the GaussDB(for MySQL) API", warning)
	}
	return listing, apiClient.ProjectID(), true
}

// addClientError reports that no client could be made for a region: its
// project could not be found, or cannot be known.
func addClientError(diags *diag.Diagnostics, region types.String, err error, hint string) {
	const summary = "Unable to reach GaussDB(for MySQL)"
	detail := withCredentialHint(err, hint)
	if plain := (*client.PlainHTTPError)(nil); errors.As(err, &plain) {
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
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized {
		return err.Error() + ". " + hint
	}
	return err.Error()
}

// addListingError reports a failed listing on the setting that caused it:
// the read timeout or request_timeout that ran out, the retries that ran
// out, the filter the API rejected or cannot be trusted to apply, the
// credentials it refused, or the filters to narrow.
func (a *apiClients) addListingError(ctx context.Context, diags *diag.Diagnostics, err error, q client.BackupQuery) {
	const summary = "Unable to list GaussDB(for MySQL) backups"
	var (
		apiErr     *client.APIError
		requestErr *client.RequestError
		notApplied *client.FilterNotAppliedError
		paging     *client.PagingRejectedError
		tooLarge   *client.ListingTooLargeError
		tied       *client.TiedBackupsError
	)
	switch {
	case ctx.Err() != nil && errors.Is(err, context.DeadlineExceeded):
		diags.AddAttributeError(path.Root("timeouts"), summary, readTimeoutMessage(err, requestErr))
	case errors.As(err, &requestErr) && requestErr.AttemptTimedOut:
		diags.AddError(summary, fmt.Sprintf("Each attempt may take request_timeout (%s), and the last one ran out "+
			"of it before the answer was read: %s. Raise request_timeout in the provider block (or %s), or check "+
			"that the endpoint answers.", a.requestTimeout(), err, config.EnvRequestTimeout))
	case errors.As(err, &notApplied):
		diags.AddAttributeError(path.Root(notApplied.Filter), summary, err.Error()+".")
	case errors.As(err, &paging):
		diags.AddError(summary, sentence(err)+" Your filters are not the cause. This is a fault of the API or of "+
			"this provider: please report it, with the request id.")
	case errors.As(err, &tooLarge), errors.As(err, &tied):
		diags.AddError(summary, sentence(err)+" Narrow the query: set instance_id or backup_type, or a shorter "+
			"begin_time and end_time; to find one backup, use gaussdb_mysql_backup with the same filters.")
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized:
		diags.AddError(summary, withCredentialHint(err, a.credentialHint()))
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden:
		diags.AddError(summary, sentence(err)+" The identity the provider signs in as needs the IAM permission "+
			"gaussdbformysql:backup:list in this project; an encoded authorization message, decoded by IAM, "+
			"names the policy that denied it.")
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest:
		addRejectedFilterError(diags, summary, err, apiErr, q)
	case errors.As(err, &apiErr) && apiErr.Attempts > 1:
		diags.AddError(summary, sentence(err)+fmt.Sprintf(" The request was sent %d times, the first and "+
			"max_retries = %d more, and failed each time. Raise max_retries (or %s)%s, or try again later.",
			apiErr.Attempts, a.maxRetries(), config.EnvMaxRetries, throttledAdvice(apiErr.StatusCode)))
	default:
		diags.AddError(summary, err.Error())
	}
}

// readTimeoutMessage says that timeouts.read ran out, and what the API was
// doing when it did.
func readTimeoutMessage(err error, requestErr *client.RequestError) string {
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

// addRejectedFilterError puts the API's refusal of a parameter on the
// filter its message names; a message that names none (DBS.200001
// "Parameter error.") lists the filters sent.
func addRejectedFilterError(diags *diag.Diagnostics, summary string, err error, apiErr *client.APIError, q client.BackupQuery) {
	message := strings.ToLower(apiErr.Message)
	if strings.Contains(message, "later than") {
		// "end_time must be later than begin_time" names both.
		diags.AddAttributeError(path.Root("end_time"), summary, "The API rejected the time range: "+err.Error())
		return
	}
	// The longest name wins: "instance_name" also contains "name".
	rejected := ""
	for name := range backupFilterAttributes() {
		if strings.Contains(message, name) && len(name) > len(rejected) {
			rejected = name
		}
	}
	if rejected != "" {
		diags.AddAttributeError(path.Root(rejected), summary, "The API rejected "+rejected+": "+err.Error())
		return
	}
	diags.AddError(summary, "The API rejected the request without naming the parameter: "+sentence(err)+
		" The filters sent were: "+sentFilters(q)+".")
}

// sentFilters lists the filters of q as sent to the API.
func sentFilters(q client.BackupQuery) string {
	parameters := q.Parameters()
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(parameters)) {
		parts = append(parts, name+" = "+strconv.Quote(parameters.Get(name)))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
