package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Every diagnostic the provider makes of an error is here: of an API call
// (addCallError), a listing (addPagingError), a region's client
// (addClientError), an invocation, and the configuration's problems
// (addProblems); each lands on the attribute that caused it and says what
// to do.

// apiCall is what a data source asked the API, for its errors to name.
type apiCall struct {
	// summary is the diagnostics' summary: "Unable to ...".
	summary string
	// action is the IAM action the call needs; "" when unpublished.
	action string
	// sent are the query parameters sent, body the fields of the JSON body
	// sent (never a secret); attributes maps each to the attribute it came
	// from.
	sent       url.Values
	body       url.Values
	attributes map[string]string
	// instanceID is the instance in the call's path, if any.
	instanceID string
	// timeout is the timeout the call runs within, when it is not the
	// data sources' timeouts.read.
	timeout namedTimeout
}

// namedTimeout is a timeout and the setting it comes from, e.g.
// timeouts.create.
type namedTimeout struct {
	name  string
	value time.Duration
}

// addCallError reports a failed call on the setting that caused it: the
// read timeout or request_timeout that ran out, the instance or parameter
// the API refused, the credentials or permission it refused, or the
// retries that ran out.
func (a *apiClients) addCallError(ctx context.Context, diags *diag.Diagnostics, call apiCall, err error) {
	var (
		apiErr     *transport.APIError
		requestErr *transport.RequestError
	)
	switch {
	case ctx.Err() != nil && call.timeout.name != "" && errors.Is(ctx.Err(), context.DeadlineExceeded):
		diags.AddAttributeError(path.Root("timeouts"), call.summary, fmt.Sprintf("%s (%s) ran out: %s Raise %s to "+
			"wait longer.", call.timeout.name, call.timeout.value, sentence(err), call.timeout.name))
	case ctx.Err() != nil && call.timeout.name != "":
		diags.AddError(call.summary, "Interrupted: "+sentence(err))
	case ctx.Err() != nil && errors.Is(err, context.DeadlineExceeded):
		diags.AddAttributeError(path.Root("timeouts"), call.summary, readTimeoutMessage(err, requestErr))
	case errors.As(err, &requestErr) && requestErr.AttemptTimedOut:
		diags.AddError(call.summary, fmt.Sprintf("Each attempt may take request_timeout (%s), and the last one ran "+
			"out of it before the answer was read: %s. Raise request_timeout in the provider block (or %s), or "+
			"check that the endpoint answers.", a.requestTimeout(), err, config.EnvRequestTimeout))
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized:
		diags.AddError(call.summary, withCredentialHint(err, a.credentialHint()))
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden:
		permission := "the IAM permission for this API"
		if call.action != "" {
			permission = "the IAM permission " + call.action
		}
		diags.AddError(call.summary, sentence(err)+" The identity the provider signs in as needs "+permission+
			" in this project; an encoded authorization message, decoded by IAM, names the policy that denied it.")
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && call.instanceID != "" &&
		apiErr.Code == noSuchInstanceCode:
		diags.AddAttributeError(path.Root("instance_id"), call.summary, fmt.Sprintf("The API knows no instance %q "+
			"in this project and region: %s Check instance_id, and region when the instance is in another one.",
			call.instanceID, sentence(err)))
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest:
		addRejectedParameterError(diags, call, err, apiErr)
	case errors.As(err, &apiErr) && apiErr.Attempts > 1:
		diags.AddError(call.summary, sentence(err)+fmt.Sprintf(" The request was sent %d times, the first and "+
			"max_retries = %d more, and failed each time. Raise max_retries (or %s)%s, or try again later.",
			apiErr.Attempts, a.maxRetries(), config.EnvMaxRetries, throttledAdvice(apiErr.StatusCode)))
	default:
		diags.AddError(call.summary, err.Error())
	}
}

// noSuchInstanceCode is the service's code, with 400, for an instance id it
// does not know.
const noSuchInstanceCode = "DBS.200823"

// addRejectedParameterError puts the API's refusal of a parameter on the
// attribute it came from; a message that names none (DBS.200001
// "Parameter error.") lists the parameters sent.
func addRejectedParameterError(diags *diag.Diagnostics, call apiCall, err error, apiErr *transport.APIError) {
	message := strings.ToLower(apiErr.Message)
	if strings.Contains(message, "later than") && call.attributes["end_time"] != "" {
		// "end_time must be later than begin_time" names both.
		diags.AddAttributeError(path.Root(call.attributes["end_time"]), call.summary, "The API rejected the time "+
			"range: "+err.Error())
		return
	}
	// The longest name wins: "instance_name" also contains "name".
	rejected := ""
	for parameter := range call.attributes {
		if strings.Contains(message, parameter) && len(parameter) > len(rejected) {
			rejected = parameter
		}
	}
	if rejected != "" {
		attribute := call.attributes[rejected]
		diags.AddAttributeError(path.Root(attribute), call.summary, "The API rejected "+attribute+": "+err.Error())
		return
	}
	if call.body != nil {
		diags.AddError(call.summary, "The API rejected the request without naming the field: "+sentence(err)+
			" The body's fields sent were: "+describeParameters(call.body)+".")
		return
	}
	diags.AddError(call.summary, "The API rejected the request without naming the parameter: "+sentence(err)+
		" The parameters sent were: "+describeParameters(call.sent)+".")
}

// describeParameters lists parameters as sent to the API.
func describeParameters(parameters url.Values) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(parameters)) {
		parts = append(parts, name+" = "+strconv.Quote(parameters.Get(name)))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
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

// addStoppedError reports an invocation that stopped waiting, on the
// timeout when it ran out, saying what goes on in the cloud. An interrupt
// is logged too: terraform-plugin-go v0.31.0 does not send the outcome of
// an invocation whose context was stopped, so the log may be the only
// place that says it.
func addStoppedError(ctx context.Context, diags *diag.Diagnostics, summary string, err error, timeout time.Duration,
	goesOn string,
) {
	if invocationEnd(ctx) == "timeout" {
		diags.AddAttributeError(path.Root("timeout"), summary, fmt.Sprintf("The action's timeout (%s) ran out: %s %s "+
			"Raise timeout to wait longer.", timeout, sentence(err), goesOn))
		return
	}
	detail := fmt.Sprintf("Interrupted: %s %s", sentence(err), goesOn)
	tflog.Warn(ctx, summary+": "+detail)
	diags.AddError(summary, detail)
}

// notedError is an error with a sentence added, still unwrapping to it.
type notedError struct {
	err  error
	note string
}

func (e *notedError) Error() string { return sentence(e.err) + " " + e.note }

func (e *notedError) Unwrap() error { return e.err }

// addBackupInvocationError reports a failed backup invocation: a timeout
// or an interrupt says which, and that the backup (id, when known) goes on
// in the cloud; a lost answer says what to check before invoking again;
// the rest as addCallError does.
func (a *apiClients) addBackupInvocationError(ctx context.Context, diags *diag.Diagnostics, call apiCall, err error,
	timeout time.Duration, backupID string,
) {
	goesOn := "A backup that started goes on in the cloud."
	if backupID != "" {
		goesOn = "Backup " + backupID + " goes on in the cloud; the gaussdb_mysql_backup data source reads it."
	}
	var (
		unknown *transport.OutcomeUnknownError
		outcome *gaussdb.BackupOutcomeError
	)
	switch {
	case invocationEnd(ctx) != "":
		addStoppedError(ctx, diags, call.summary, err, timeout, goesOn)
	case errors.As(err, &outcome):
		diags.AddError(call.summary, sentence(err))
	case errors.As(err, &unknown):
		diags.AddError(call.summary, sentence(err)+" The backup may have started: list the instance's manual "+
			"backups (the gaussdb_mysql_backups data source) before invoking the action again.")
	default:
		a.addCallError(ctx, diags, call, err)
	}
}

// addProblems reports configuration problems as diagnostics on the
// arguments they concern.
func addProblems(diags *diag.Diagnostics, problems []config.Problem) {
	for _, p := range problems {
		at, ok := attributePath(p.Path)
		// Terraform prints the configuration's line of a diagnostic's
		// attribute: a secret written there would be shown.
		ok = ok && !secretArgument(p.Path)
		switch {
		case p.Warning && ok:
			diags.AddAttributeWarning(at, p.Summary, p.Detail)
		case p.Warning:
			diags.AddWarning(p.Summary, p.Detail)
		case ok:
			diags.AddAttributeError(at, p.Summary, p.Detail)
		default:
			diags.AddError(p.Summary, p.Detail)
		}
	}
}

// secretArgument says whether a path names a sensitive argument.
func secretArgument(steps []config.PathStep) bool {
	if len(steps) == 0 {
		return false
	}
	name := steps[0].Name
	for _, s := range steps[1:] {
		if s.Name != "" {
			name += "." + s.Name
		}
	}
	a, ok := config.Find(name)
	return ok && a.Sensitive
}

// attributePath turns a problem's path into the framework's.
func attributePath(steps []config.PathStep) (path.Path, bool) {
	if len(steps) == 0 {
		return path.Empty(), false
	}
	at := path.Root(steps[0].Name)
	for _, s := range steps[1:] {
		switch {
		case s.Name != "":
			at = at.AtName(s.Name)
		case s.Key != "":
			at = at.AtMapKey(s.Key)
		default:
			at = at.AtListIndex(s.Index)
		}
	}
	return at, true
}

// taintedNote is what happens to a backup whose creation failed after the
// API accepted it.
const taintedNote = "It is recorded in the state as tainted, with its id and name, so that the next apply deletes it " +
	"and takes a new one."

// addCreateWaitError reports a backup that the API accepted as id but that
// did not become restorable: failed, not listed, out of time, interrupted
// or unreadable; each says what becomes of the backup.
func addCreateWaitError(ctx context.Context, diags *diag.Diagnostics, summary, id string, err error, timeout time.Duration) {
	var (
		failed   *gaussdb.BackupFailedError
		notFound *gaussdb.BackupNotFoundError
	)
	switch {
	case errors.As(err, &failed):
		diags.AddError(summary, sentence(err)+" "+taintedNote)
	case errors.As(err, &notFound):
		diags.AddError(summary, fmt.Sprintf("The API accepted the backup as %s, but its listing did not show it within %s "+
			"(a listing may lag behind a creation). %s", id, gaussdb.ListedWithin, taintedNote))
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		diags.AddAttributeError(path.Root("timeouts"), summary, fmt.Sprintf("timeouts.create (%s) ran out: %s Backup %s "+
			"goes on in the cloud. %s Raise timeouts.create if backups need longer.", timeout, sentence(err), id, taintedNote))
	case ctx.Err() != nil:
		diags.AddError(summary, fmt.Sprintf("Interrupted: %s Backup %s goes on in the cloud. %s", sentence(err), id, taintedNote))
	default:
		diags.AddError(summary, fmt.Sprintf("%s Backup %s exists. %s", sentence(err), id, taintedNote))
	}
}
