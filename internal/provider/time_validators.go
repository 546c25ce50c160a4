package provider

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// timeFormatsDescription is how the time attributes describe what they take.
const timeFormatsDescription = "the API's form `2020-07-06T10:41:14+0800` or RFC 3339 " +
	"(`2020-07-06T10:41:14+08:00`, `2020-07-06T02:41:14Z`; fractions of a second are dropped, as the API counts seconds)"

// apiTimeValidator accepts a time in the API's layout or in RFC 3339.
type apiTimeValidator struct{}

var _ validator.String = apiTimeValidator{}

func (apiTimeValidator) Description(context.Context) string {
	return "value must be a time in the form 2020-07-06T10:41:14+0800 or RFC 3339"
}

func (v apiTimeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// UTC offsets that exist: from -12:00 to +14:00.
const (
	earliestOffset = -12 * 60 * 60
	latestOffset   = 14 * 60 * 60
)

// ValidateString reports a value that ParseTime rejects, one with spaces
// around it, or one with an offset no place on Earth uses.
func (apiTimeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	invalid := func(detail string) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid time", req.Path.String()+": "+detail+".")
	}
	if value != strings.TrimSpace(value) {
		invalid(strconv.Quote(value) + " has spaces around it")
		return
	}
	t, err := gaussdb.ParseTime(value)
	if err != nil {
		invalid(err.Error())
		return
	}
	if _, offset := t.Zone(); offset < earliestOffset || offset > latestOffset {
		invalid(strconv.Quote(value) + " has a UTC offset outside -12:00 to +14:00")
	}
}

// timeRangeValidator requires end_time to be later than begin_time, as the
// API does, so that the mistake shows at plan time on the right attribute.
// The times count in the API's unit: whole seconds, or milliseconds.
type timeRangeValidator struct {
	milliseconds bool
}

var (
	_ datasource.ConfigValidator = timeRangeValidator{}
	_ list.ConfigValidator       = timeRangeValidator{}
)

func (timeRangeValidator) Description(context.Context) string {
	return "end_time must be later than begin_time"
}

func (v timeRangeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateDataSource compares begin_time and end_time when both are known
// and well formed; apiTimeValidator reports malformed ones.
func (v timeRangeValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	v.validate(ctx, req.Config, &resp.Diagnostics)
}

// ValidateListResourceConfig is ValidateDataSource for a list block.
func (v timeRangeValidator) ValidateListResourceConfig(ctx context.Context, req list.ValidateConfigRequest, resp *list.ValidateConfigResponse) {
	v.validate(ctx, req.Config, &resp.Diagnostics)
}

func (v timeRangeValidator) validate(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var begin, end types.String
	diags.Append(config.GetAttribute(ctx, path.Root("begin_time"), &begin)...)
	diags.Append(config.GetAttribute(ctx, path.Root("end_time"), &end)...)
	if begin.IsNull() || begin.IsUnknown() || end.IsNull() || end.IsUnknown() {
		return
	}
	beginTime, errBegin := gaussdb.ParseTime(begin.ValueString())
	endTime, errEnd := gaussdb.ParseTime(end.ValueString())
	if errBegin != nil || errEnd != nil {
		return
	}
	// An API that counts whole seconds finds 10:00:00.7 no later than
	// 10:00:00.2.
	unit, units := time.Second, "whole seconds"
	if v.milliseconds {
		unit, units = time.Millisecond, "milliseconds"
	}
	if !endTime.Truncate(unit).After(beginTime.Truncate(unit)) {
		diags.AddAttributeError(path.Root("end_time"), "Invalid time range",
			"end_time ("+end.ValueString()+") must be later than begin_time ("+begin.ValueString()+"), counted "+
				"in "+units+" as the API counts them.")
	}
}

// dateValidator accepts a day as the API writes it: 2026-11-20.
type dateValidator struct{}

var _ validator.String = dateValidator{}

func (dateValidator) Description(context.Context) string {
	return "value must be a day in the form 2026-11-20"
}

func (v dateValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString reports a value that is not a day of the calendar.
func (dateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if _, err := time.Parse(gaussdb.DateLayout, value); err != nil || len(value) != len(gaussdb.DateLayout) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date", req.Path.String()+": "+strconv.Quote(value)+
			" is not a day in the form 2026-11-20 (yyyy-mm-dd, a day in UTC).")
	}
}
