package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

func TestRejectedParametersLandOnTheirFilter(t *testing.T) {
	tests := []struct {
		message string
		want    path.Path // empty: no attribute
	}{
		{"Invalid parameter: end_time must be later than begin_time", path.Root("end_time")},
		{"begin_time must be later than 2020-01-01", path.Root("end_time")},
		{"Invalid parameter: instance_name", path.Root("instance_name")},
		{"Invalid parameter: name", path.Root("name")},
		{"Parameter error.", path.Empty()},
	}
	for _, tt := range tests {
		apiErr := &client.APIError{StatusCode: 400, Code: "DBS.200001", Message: tt.message}
		var diags diag.Diagnostics
		addRejectedFilterError(&diags, "summary", errors.New(apiErr.Error()), apiErr, client.BackupQuery{InstanceID: "i1"})
		if len(diags) != 1 {
			t.Fatalf("%q gave %d diagnostics", tt.message, len(diags))
		}
		got := path.Empty()
		if withPath, ok := diags[0].(diag.DiagnosticWithPath); ok {
			got = withPath.Path()
		}
		if !got.Equal(tt.want) {
			t.Errorf("%q landed on %q, want %q", tt.message, got, tt.want)
		}
		if tt.want.Equal(path.Empty()) && !strings.Contains(diags[0].Detail(), `instance_id = "i1"`) {
			t.Errorf("%q: detail %q does not list the filters sent", tt.message, diags[0].Detail())
		}
	}
}
