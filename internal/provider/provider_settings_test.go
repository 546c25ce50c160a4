package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// nullModel is a provider block with nothing set.
func nullModel() providerModel {
	return providerModel{
		Region: types.StringNull(), ProjectID: types.StringNull(), Token: types.StringNull(),
		Cloud: types.StringNull(), Endpoints: types.MapNull(types.StringType), Language: types.StringNull(),
		MaxRetries: types.Int64Null(), Insecure: types.BoolNull(),
	}
}

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestResolveSettings(t *testing.T) {
	withEndpoint := func(m providerModel, url string) providerModel {
		m.Endpoints = types.MapValueMust(types.StringType, map[string]attr.Value{"gaussdb": types.StringValue(url)})
		return m
	}
	credentials := map[string]string{envToken: "tok", envProjectID: "proj"}
	tests := []struct {
		name  string
		model providerModel
		env   map[string]string
		check func(t *testing.T, s settings)
	}{
		{"everything from the environment", nullModel(),
			map[string]string{envToken: "tok", envProjectID: "proj", envRegion: "cn-north-4", envMaxRetries: "7", envInsecure: "true"},
			func(t *testing.T, s settings) {
				if s.token != "tok" || s.projectID != "proj" || s.region != "cn-north-4" || s.maxRetries != 7 || !s.insecure {
					t.Errorf("settings = %+v", s)
				}
				if s.endpoint != "https://gaussdb.cn-north-4.myhuaweicloud.com" {
					t.Errorf("endpoint = %q", s.endpoint)
				}
			}},
		{"the provider block wins over the environment", func() providerModel {
			m := nullModel()
			m.Token, m.ProjectID, m.Region = types.StringValue("block-token"), types.StringValue("block-project"), types.StringValue("cn-east-5")
			m.MaxRetries, m.Insecure = types.Int64Value(0), types.BoolValue(false)
			return m
		}(), map[string]string{envToken: "env-token", envProjectID: "env-project", envRegion: "cn-north-4", envMaxRetries: "9", envInsecure: "true"},
			func(t *testing.T, s settings) {
				if s.token != "block-token" || s.projectID != "block-project" || s.maxRetries != 0 || s.insecure {
					t.Errorf("settings = %+v", s)
				}
				if s.endpoint != "https://gaussdb-mysql.cn-east-5.myhuaweicloud.com" {
					t.Errorf("endpoint = %q, want the region table's gaussdb-mysql host", s.endpoint)
				}
			}},
		{"max_retries defaults to 5", nullModel(), map[string]string{envToken: "t", envProjectID: "p", envRegion: "cn-north-4"},
			func(t *testing.T, s settings) {
				if s.maxRetries != 5 {
					t.Errorf("maxRetries = %d", s.maxRetries)
				}
			}},
		{"me-east-1 uses gaussdbformysql", nullModel(), map[string]string{envToken: "t", envProjectID: "p", envRegion: "me-east-1"},
			func(t *testing.T, s settings) {
				if s.endpoint != "https://gaussdbformysql.me-east-1.myhuaweicloud.com" {
					t.Errorf("endpoint = %q", s.endpoint)
				}
			}},
		{"eu-west regions use myhuaweicloud.eu", nullModel(), map[string]string{envToken: "t", envProjectID: "p", envRegion: "eu-west-101"},
			func(t *testing.T, s settings) {
				if s.endpoint != "https://gaussdb.eu-west-101.myhuaweicloud.eu" {
					t.Errorf("endpoint = %q", s.endpoint)
				}
			}},
		{"HW_CLOUD replaces the domain", nullModel(), map[string]string{envToken: "t", envProjectID: "p", envRegion: "cn-north-4", envCloud: "example.cloud"},
			func(t *testing.T, s settings) {
				if s.endpoint != "https://gaussdb.cn-north-4.example.cloud" {
					t.Errorf("endpoint = %q", s.endpoint)
				}
			}},
		{"endpoints.gaussdb replaces the default and needs no region", withEndpoint(nullModel(), "http://127.0.0.1:8080/"), credentials,
			func(t *testing.T, s settings) {
				if s.endpoint != "http://127.0.0.1:8080" {
					t.Errorf("endpoint = %q", s.endpoint)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			s := resolveSettings(context.Background(), tt.model, envOf(tt.env), &diags)
			if diags.HasError() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			tt.check(t, s)
		})
	}
}

func TestResolveSettingsErrorsNameTheAttributeAndItsVariable(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		attribute string
		mentions  string
	}{
		{"no token", map[string]string{envProjectID: "p", envRegion: "cn-north-4"}, "token", envToken},
		{"no project", map[string]string{envToken: "t", envRegion: "cn-north-4"}, "project_id", envProjectID},
		{"no region and no endpoint", map[string]string{envToken: "t", envProjectID: "p"}, "region", envRegion},
		{"bad HW_MAX_RETRIES", map[string]string{envToken: "t", envProjectID: "p", envRegion: "r", envMaxRetries: "many"}, "max_retries", envMaxRetries},
		{"bad HW_INSECURE", map[string]string{envToken: "t", envProjectID: "p", envRegion: "r", envInsecure: "maybe"}, "insecure", envInsecure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			resolveSettings(context.Background(), nullModel(), envOf(tt.env), &diags)
			if diags.ErrorsCount() != 1 {
				t.Fatalf("got %d errors, want 1: %v", diags.ErrorsCount(), diags)
			}
			d, ok := diags.Errors()[0].(diag.DiagnosticWithPath)
			if !ok || d.Path().String() != tt.attribute {
				t.Errorf("error %v is not on attribute %s", diags.Errors()[0], tt.attribute)
			}
			if !strings.Contains(diags.Errors()[0].Detail(), tt.mentions) {
				t.Errorf("detail %q does not mention %s", diags.Errors()[0].Detail(), tt.mentions)
			}
		})
	}
}

func TestUnknownProviderSettingsAreErrors(t *testing.T) {
	m := nullModel()
	m.Token = types.StringUnknown()
	var diags diag.Diagnostics
	resolveSettings(context.Background(), m, envOf(nil), &diags)
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "token") {
		t.Errorf("an unknown token gave %v", diags)
	}
}

func TestUserAgentNamesProviderAndTerraform(t *testing.T) {
	if got := userAgent("1.2.3", "1.11.4"); got != "terraform-provider-gaussdb/1.2.3 Terraform/1.11.4" {
		t.Errorf("userAgent = %q", got)
	}
}
