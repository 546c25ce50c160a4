package provider

import (
	"context"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

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
