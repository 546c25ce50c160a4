package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// defaultReadTimeout bounds a whole read when the configuration does not:
// enough for every page of a large project with retries, short enough that a
// stalled gateway does not hold a CI job for long.
const defaultReadTimeout = 5 * time.Minute

// readTimeoutBlock is the timeouts block of the data sources.
func readTimeoutBlock(ctx context.Context) schema.Block {
	block, _ := timeouts.BlockWithOpts(ctx, timeouts.Opts{
		ReadDescription: "How long reading may take in all, every page and retry included, as a duration " +
			"such as `90s` or `10m`. Defaults to 5 minutes.",
	}).(schema.SingleNestedBlock)
	block.MarkdownDescription = "Time limits of the read."
	return block
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
