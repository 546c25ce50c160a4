package provider

// The validators of every schema: what the API would refuse, refused at
// plan time on the attribute, saying what is wanted.

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
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

// wholeNumberBetween accepts a whole number from min to max. The integer
// settings are numbers in the schema, not Int64: the framework reports a
// fraction given to an Int64 as an error of the provider's own making.
type wholeNumberBetween struct {
	min, max int64
}

var _ validator.Number = wholeNumberBetween{}

func (v wholeNumberBetween) Description(context.Context) string {
	return fmt.Sprintf("value must be a whole number from %d to %d", v.min, v.max)
}

func (v wholeNumberBetween) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateNumber reports a fraction or a number out of bounds.
func (v wholeNumberBetween) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, ok := wholeNumber(req.ConfigValue, v.min, v.max); !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s is %s; it must be a whole number from %d to %d.",
				req.Path, req.ConfigValue.ValueBigFloat().Text('f', -1), v.min, v.max))
	}
}

// wholeNumber returns n as an int64 when it is a whole number from lowest
// to highest.
func wholeNumber(n types.Number, lowest, highest int64) (int64, bool) {
	f := n.ValueBigFloat()
	if f == nil || !f.IsInt() {
		return 0, false
	}
	i, accuracy := f.Int64()
	if accuracy != big.Exact || i < lowest || i > highest {
		return 0, false
	}
	return i, true
}

// backupNameRule is the API's rule for a manual backup's name, as the
// SDK's request model gives it; the user guide says letters only, and the
// API is what its model accepts.
const backupNameRule = "must be 4 to 64 characters and at most 64 bytes (a Chinese character takes 3), start with a " +
	"letter or a Chinese character, and hold only letters, digits, Chinese characters, - and _ (the API's rule)"

// backupNameProblem says what is wrong with a backup name, or "".
func backupNameProblem(name string) string {
	runes := utf8.RuneCountInString(name)
	switch {
	case runes < 4 || runes > 64:
		return fmt.Sprintf("is %d characters", runes)
	case len(name) > 64:
		return fmt.Sprintf("is %d bytes", len(name))
	}
	for i, r := range name {
		letter := r < utf8.RuneSelf && unicode.IsLetter(r) || unicode.Is(unicode.Han, r)
		other := r >= '0' && r <= '9' || r == '-' || r == '_'
		switch {
		case i == 0 && !letter:
			return fmt.Sprintf("starts with %q", r)
		case !letter && !other:
			return fmt.Sprintf("holds %q", r)
		}
	}
	return ""
}

// backupNameValidator refuses at plan time a name the API would refuse.
type backupNameValidator struct{}

var _ validator.String = backupNameValidator{}

func (backupNameValidator) Description(context.Context) string {
	return "value " + backupNameRule
}

func (v backupNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (backupNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := backupNameProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid backup name", fmt.Sprintf("%s %q %s: it %s.",
			req.Path, req.ConfigValue.ValueString(), problem, backupNameRule))
	}
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

// instanceIDValidators refuse at plan time an id the API cannot have given.
func instanceIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(instanceIDPattern(),
		"must be an instance ID: 1 to 64 letters, digits and dashes, such as 3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07")}
}

// backupIDValidators refuse at plan time a backup id the API cannot have
// given.
func backupIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(instanceIDPattern(),
		"must be a backup ID: 1 to 64 letters, digits and dashes, such as 6e3f1c2a9b8d4e5f8a7b6c5d4e3f2a1bbr01")}
}

// regionValidators check a region argument (a data source's too) as the
// provider's region is checked.
func regionValidators() []validator.String {
	return stringValidators(config.Region.Argument())
}
