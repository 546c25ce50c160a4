package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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
