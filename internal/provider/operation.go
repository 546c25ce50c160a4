package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// start begins every operation of the provider (a read, a create, an
// invocation, ...): its secrets masked in the logs, its time limit on the
// context (none when zero), and the client of its region, named (the
// provider's when region is null). ok is false after an error, reported on
// region when it is set; otherwise cancel must be called.
func (a *apiClients) start(ctx context.Context, region types.String, timeout time.Duration, diags *diag.Diagnostics,
) (_ context.Context, _ *gaussdb.Client, regionName string, cancel context.CancelFunc, ok bool) {
	ctx, cancel = a.maskSecrets(ctx), func() {}
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}
	regionName = region.ValueString()
	if regionName == "" {
		regionName = a.session.Plan().Region.Text
	}
	c, err := a.regionClient(ctx, regionName)
	if err != nil {
		cancel()
		addClientError(diags, region, err, a.credentialHint())
		return ctx, nil, "", nil, false
	}
	return ctx, c, regionName, cancel, true
}

// startRead begins a data source's read as start does, within its
// timeouts.read.
func (a *apiClients) startRead(ctx context.Context, region types.String, readTimeout timeouts.Value,
	diags *diag.Diagnostics,
) (_ context.Context, _ *gaussdb.Client, cancel context.CancelFunc, ok bool) {
	timeout, timeoutDiags := readTimeout.Read(ctx, defaultReadTimeout)
	if diags.Append(timeoutDiags...); diags.HasError() {
		return ctx, nil, nil, false
	}
	ctx, c, _, cancel, ok := a.start(ctx, region, timeout, diags)
	return ctx, c, cancel, ok
}

// logBusy logs each time the API answers that the instance is busy with
// another operation, which is waited out.
func logBusy(ctx context.Context) func(error) {
	return func(err error) {
		tflog.Info(ctx, "the instance is busy with another operation; waiting", map[string]any{"answer": err.Error()})
	}
}
