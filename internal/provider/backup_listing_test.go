package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

func TestRejectedParametersLandOnTheirAttribute(t *testing.T) {
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
		apiErr := &transport.APIError{StatusCode: 400, Code: "DBS.200001", Message: tt.message}
		var diags diag.Diagnostics
		call := apiCall{summary: "summary", sent: gaussdb.BackupQuery{InstanceID: "i1"}.Parameters(),
			attributes: map[string]string{"end_time": "end_time", "name": "name", "instance_name": "instance_name", "instance_id": "instance_id"}}
		addRejectedParameterError(&diags, call, errors.New(apiErr.Error()), apiErr)
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
			t.Errorf("%q: detail %q does not list the parameters sent", tt.message, diags[0].Detail())
		}
	}
}
