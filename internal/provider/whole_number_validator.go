package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
