package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// defaultReadTimeout bounds a whole read when the configuration does not:
// enough for every page of a large project with retries, short enough that a
// stalled gateway does not hold a CI job for long.
const defaultReadTimeout = 5 * time.Minute

// readTimeoutBlock is the timeouts block of the data sources.
func readTimeoutBlock(ctx context.Context) schema.Block {
	general := timeouts.BlockWithOpts(ctx, timeouts.Opts{
		ReadDescription: "How long reading may take in all, every page and retry included, as a duration " +
			"such as `90s` or `10m`. Defaults to 5 minutes.",
	})
	block, ok := general.(schema.SingleNestedBlock)
	if !ok {
		// Another shape in a later timeouts package: keep its block as it
		// is (the acceptance tests of timeouts.read would fail).
		return general
	}
	block.MarkdownDescription = "Time limits of the read."
	if read, ok := block.Attributes["read"].(schema.StringAttribute); ok {
		read.Validators = append(read.Validators, positiveDurationValidator{})
		block.Attributes["read"] = read
	}
	return block
}

// positiveDurationValidator refuses a duration of zero or less, which would
// fail every read before its first request.
type positiveDurationValidator struct{}

var _ validator.String = positiveDurationValidator{}

func (positiveDurationValidator) Description(context.Context) string {
	return "value must be a duration longer than zero"
}

func (v positiveDurationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString reports a well-formed duration that is zero or negative;
// the timeouts package reports malformed ones.
func (positiveDurationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err == nil && d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid read timeout",
			req.Path.String()+" is "+req.ConfigValue.ValueString()+"; it must be longer than zero, e.g. 90s or 10m.")
	}
}

// withReadTimeout bounds ctx by the configured read timeout.
func withReadTimeout(ctx context.Context, configured timeouts.Value) (context.Context, context.CancelFunc, diag.Diagnostics) {
	timeout, diags := configured.Read(ctx, defaultReadTimeout)
	if diags.HasError() {
		return ctx, func() {}, diags
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, diags
}
