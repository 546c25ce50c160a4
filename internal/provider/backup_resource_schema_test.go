package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestBackupDescriptionsAsTheAPIRules: the description's pattern lost its
// counted repetition (startup cost); the rule it checked stays.
func TestBackupDescriptionsAsTheAPIRules(t *testing.T) {
	tests := []struct {
		description string
		valid       bool
	}{
		{"taken before the schema change", true},
		{strings.Repeat("d", 256), true},
		{"Sicherung vor der Änderung", true},
		{"", false},
		{strings.Repeat("d", 257), false},
		{"a <b> tag", false},
		{"x=1", false},
		{"two\r\nlines", false},
	}
	for _, tt := range tests {
		var diags []string
		for _, v := range backupDescriptionValidators() {
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("description"),
				ConfigValue: types.StringValue(tt.description)}, resp)
			for _, d := range resp.Diagnostics {
				diags = append(diags, d.Detail())
			}
		}
		if valid := len(diags) == 0; valid != tt.valid {
			t.Errorf("%.40q: valid = %v, want %v (%v)", tt.description, valid, tt.valid, diags)
		}
	}
}
