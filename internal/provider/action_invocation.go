package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/action"
)

// progressOf sends an invocation's progress messages to Terraform.
func progressOf(resp *action.InvokeResponse) func(message string) {
	return func(message string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: message})
		}
	}
}

// invocationEnd is why an invocation's context ended: "" while it has not,
// "timeout" when the action's timeout ran out, "interrupt" when Terraform
// stopped the provider (Ctrl-C).
func invocationEnd(ctx context.Context) string {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "timeout"
	case ctx.Err() != nil:
		return "interrupt"
	}
	return ""
}
