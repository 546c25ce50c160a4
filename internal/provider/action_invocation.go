package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

// progressOf sends an invocation's progress messages to Terraform.
func progressOf(resp *action.InvokeResponse) func(message string) {
	return func(message string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: message})
		}
	}
}

// addInvocationError reports a failed invocation: a timeout names the
// action's timeout and says that the operation (what) goes on in the
// cloud; a lost answer says what to check before invoking again; the rest
// as addCallError does.
func (a *apiClients) addInvocationError(ctx context.Context, diags *diag.Diagnostics, call apiCall, what string,
	err error, timeout time.Duration,
) {
	var unknown *client.OutcomeUnknownError
	switch {
	case ctx.Err() != nil:
		diags.AddAttributeError(path.Root("timeout"), call.summary, fmt.Sprintf("%s. The action's timeout (%s) ran "+
			"out; a %s that started goes on in the cloud. Raise timeout to wait longer.", sentence(err), timeout, what))
	case errors.As(err, &unknown):
		diags.AddError(call.summary, fmt.Sprintf("%s The %s may have started: check the instance's tasks before "+
			"invoking the action again.", sentence(err), what))
	default:
		a.addCallError(ctx, diags, call, err)
	}
}
