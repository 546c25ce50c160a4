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

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// clientFor prepares a data source's read: secrets masked in the logs, the
// read timeout on the context, and the client of its region (the
// provider's when region is null). ok is false after an error; cancel
// must be called when ok.
func (a *apiClients) clientFor(ctx context.Context, region types.String, readTimeout timeouts.Value,
	diags *diag.Diagnostics,
) (_ context.Context, _ *gaussdb.Client, cancel context.CancelFunc, ok bool) {
	ctx = a.maskSecrets(ctx)
	ctx, cancel, timeoutDiags := withReadTimeout(ctx, readTimeout)
	diags.Append(timeoutDiags...)
	if diags.HasError() {
		return ctx, nil, nil, false
	}
	apiClient, err := a.forRegion(ctx, region.ValueString())
	if err != nil {
		cancel()
		addClientError(diags, region, err, a.credentialHint())
		return ctx, nil, nil, false
	}
	return ctx, apiClient, cancel, true
}

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

// regionClient returns the client of a resource's region (the provider's
// when region is null or unknown), with the region's name.
func (a *apiClients) regionClient(ctx context.Context, region types.String, diags *diag.Diagnostics) (*gaussdb.Client, string, bool) {
	name := region.ValueString()
	if name == "" {
		name = a.session.Plan().Region.Text
	}
	c, err := a.forRegion(ctx, name)
	if err != nil {
		addClientError(diags, region, err, a.credentialHint())
		return nil, "", false
	}
	return c, name, true
}

// logBusy logs each time the API answers that the instance is busy with
// another operation, which is waited out.
func logBusy(ctx context.Context) func(error) {
	return func(err error) {
		tflog.Info(ctx, "the instance is busy with another operation; waiting", map[string]any{"answer": err.Error()})
	}
}
