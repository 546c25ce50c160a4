package provider

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
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
		AccessKey: types.StringNull(), SecretKey: types.StringNull(), SecurityToken: types.StringNull(),
		UserName: types.StringNull(), Password: types.StringNull(), DomainName: types.StringNull(),
		AuthURL: types.StringNull(), Cloud: types.StringNull(), Endpoints: types.MapNull(types.StringType),
		Language: types.StringNull(), MaxRetries: types.NumberNull(), MaxConcurrent: types.NumberNull(), RequestTimeout: types.NumberNull(),
		Insecure: types.BoolNull(), CACertFile: types.StringNull(),
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
				if s.endpointFor(s.region) != "https://gaussdb.cn-north-4.myhuaweicloud.com" {
					t.Errorf("endpoint = %q", s.endpointFor(s.region))
				}
			}},
		{"the provider block wins over the environment", func() providerModel {
			m := nullModel()
			m.Token, m.ProjectID, m.Region = types.StringValue("block-token"), types.StringValue("block-project"), types.StringValue("cn-east-5")
			m.MaxRetries, m.Insecure = types.NumberValue(big.NewFloat(0)), types.BoolValue(false)
			return m
		}(), map[string]string{envToken: "env-token", envProjectID: "env-project", envRegion: "cn-north-4", envMaxRetries: "9", envInsecure: "true"},
			func(t *testing.T, s settings) {
				if s.token != "block-token" || s.projectID != "block-project" || s.maxRetries != 0 || s.insecure {
					t.Errorf("settings = %+v", s)
				}
				if s.endpointFor(s.region) != "https://gaussdb-mysql.cn-east-5.myhuaweicloud.com" {
					t.Errorf("endpoint = %q, want the region table's gaussdb-mysql host", s.endpointFor(s.region))
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
				if s.endpointFor(s.region) != "https://gaussdbformysql.me-east-1.myhuaweicloud.com" {
					t.Errorf("endpoint = %q", s.endpointFor(s.region))
				}
			}},
		{"eu-west regions use myhuaweicloud.eu", nullModel(), map[string]string{envToken: "t", envProjectID: "p", envRegion: "eu-west-101"},
			func(t *testing.T, s settings) {
				if s.endpointFor(s.region) != "https://gaussdb.eu-west-101.myhuaweicloud.eu" {
					t.Errorf("endpoint = %q", s.endpointFor(s.region))
				}
			}},
		{"HW_CLOUD replaces the domain", nullModel(), map[string]string{envToken: "t", envProjectID: "p", envRegion: "cn-north-4", envCloud: "example.cloud"},
			func(t *testing.T, s settings) {
				if s.endpointFor(s.region) != "https://gaussdb.cn-north-4.example.cloud" {
					t.Errorf("endpoint = %q", s.endpointFor(s.region))
				}
			}},
		{"endpoints.gaussdb replaces the default and needs no region", withEndpoint(nullModel(), "http://127.0.0.1:8080/"), credentials,
			func(t *testing.T, s settings) {
				if s.endpointFor(s.region) != "http://127.0.0.1:8080" {
					t.Errorf("endpoint = %q", s.endpointFor(s.region))
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
		{"token without project", map[string]string{envToken: "t", envRegion: "cn-north-4"}, "project_id", envProjectID},
		{"no region and no endpoint", map[string]string{envToken: "t", envProjectID: "p"}, "region", envRegion},
		{"access key without secret key", map[string]string{envAccessKey: "ak", envRegion: "cn-north-4"}, "secret_key", envSecretKey},
		{"secret key without access key", map[string]string{envSecretKey: "sk", envRegion: "cn-north-4"}, "access_key", envAccessKey},
		{"password without user", map[string]string{envPassword: "pw", envDomainName: "d", envRegion: "cn-north-4"}, "user_name", envUserName},
		{"password without domain", map[string]string{envUserName: "u", envPassword: "pw", envRegion: "cn-north-4"}, "domain_name", envDomainName},
		{"AK/SK with neither project nor region", map[string]string{envAccessKey: "ak", envSecretKey: "sk"}, "region", envRegion},
		{"bad HW_MAX_RETRIES", map[string]string{envToken: "t", envProjectID: "p", envRegion: "r", envMaxRetries: "many"}, "max_retries", envMaxRetries},
		{"bad HW_INSECURE", map[string]string{envToken: "t", envProjectID: "p", envRegion: "r", envInsecure: "maybe"}, "insecure", envInsecure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			resolveSettings(context.Background(), withEndpointIfNoRegionTest(tt.name), envOf(tt.env), &diags)
			var found bool
			for _, d := range diags.Errors() {
				if withPath, ok := d.(diag.DiagnosticWithPath); ok && withPath.Path().String() == tt.attribute &&
					strings.Contains(d.Detail(), tt.mentions) {
					found = true
				}
			}
			if !found {
				t.Errorf("no error on %s mentioning %s in %v", tt.attribute, tt.mentions, diags)
			}
		})
	}
}

// withEndpointIfNoRegionTest gives every case but the region ones an
// endpoint, so that a missing region is reported only where it is tested.
func withEndpointIfNoRegionTest(name string) providerModel {
	m := nullModel()
	if !strings.Contains(name, "region") {
		m.Endpoints = types.MapValueMust(types.StringType, map[string]attr.Value{"gaussdb": types.StringValue("https://gaussdb.example")})
	}
	return m
}

func TestNoCredentialsFallsBackToTheECSMetadataService(t *testing.T) {
	var diags diag.Diagnostics
	s := resolveSettings(context.Background(), nullModel(), envOf(map[string]string{envRegion: "cn-north-4"}), &diags)
	if diags.HasError() || s.method != authMetadata {
		t.Fatalf("method %q (%v), want the ECS metadata service", s.method, diags)
	}
	for _, want := range []string{"No credentials are configured", "not an ECS server with an agency", envToken, envAccessKey,
		envSecretKey, envSecurityToken, envProfile, envUserName, envPassword, envDomainName, envAssumeRoleIdpID} {
		if !strings.Contains(noCredentialsMessage(), want) {
			t.Errorf("the message does not mention %s: %s", want, noCredentialsMessage())
		}
	}
}

func TestAuthMethodPrecedence(t *testing.T) {
	all := map[string]string{
		envRegion: "cn-north-4", envProjectID: "p", envToken: "t", envAccessKey: "ak", envSecretKey: "sk",
		envUserName: "u", envPassword: "pw", envDomainName: "d",
	}
	without := func(names ...string) map[string]string {
		env := map[string]string{}
		for k, v := range all {
			env[k] = v
		}
		for _, n := range names {
			delete(env, n)
		}
		return env
	}
	explicitPassword := nullModel()
	explicitPassword.UserName, explicitPassword.Password, explicitPassword.DomainName =
		types.StringValue("u"), types.StringValue("pw"), types.StringValue("d")
	tests := []struct {
		name  string
		model providerModel
		env   map[string]string
		want  authMethod
	}{
		{"token first", nullModel(), all, authToken},
		{"then AK/SK", nullModel(), without(envToken), authAKSK},
		{"then password", nullModel(), without(envToken, envAccessKey, envSecretKey), authPassword},
		{"a method in the block beats the environment", explicitPassword, all, authPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			s := resolveSettings(context.Background(), tt.model, envOf(tt.env), &diags)
			if diags.HasError() || s.method != tt.want {
				t.Errorf("method = %q (%v), want %q", s.method, diags, tt.want)
			}
		})
	}
}

func TestEndpointAndAuthURLDefaultToTheRegionsDomain(t *testing.T) {
	for region, want := range map[string][2]string{
		"eu-west-101": {"https://gaussdb.eu-west-101.myhuaweicloud.eu", "https://iam.eu-west-101.myhuaweicloud.eu/v3"},
		"eu-west-0":   {"https://gaussdb.eu-west-0.myhuaweicloud.com", "https://iam.eu-west-0.myhuaweicloud.com/v3"},
	} {
		var diags diag.Diagnostics
		s := resolveSettings(context.Background(), nullModel(), envOf(map[string]string{envRegion: region, envAccessKey: "ak", envSecretKey: "sk"}), &diags)
		if diags.HasError() || s.endpointFor(region) != want[0] || s.authURL != want[1] {
			t.Errorf("%s: endpoint %q, authURL %q (%v); want %q", region, s.endpointFor(region), s.authURL, diags, want)
		}
	}
}

func TestUnknownEndpointsAreErrorsOnTheirKey(t *testing.T) {
	m := nullModel()
	m.Endpoints = types.MapValueMust(types.StringType, map[string]attr.Value{endpointKeyGaussDB: types.StringUnknown()})
	var diags diag.Diagnostics
	resolveSettings(context.Background(), m, envOf(map[string]string{envToken: "t", envProjectID: "p", envRegion: "cn-north-4"}), &diags)
	if len(diags.Errors()) != 1 || !strings.Contains(diags.Errors()[0].Detail(), "endpoints.gaussdb") {
		t.Errorf("diagnostics = %v, want one error naming endpoints.gaussdb", diags)
	}
}

func TestRegionAndCloudFromTheEnvironmentAreChecked(t *testing.T) {
	for env, value := range map[string]string{envRegion: "cn-north-4.evil.com/x?", envCloud: "evil.com/x?"} {
		vars := map[string]string{envToken: "t", envProjectID: "p", envRegion: "cn-north-4", env: value}
		var diags diag.Diagnostics
		resolveSettings(context.Background(), nullModel(), envOf(vars), &diags)
		if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), env) {
			t.Errorf("%s=%q gave %v, want an error naming %s", env, value, diags, env)
		}
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

func TestIAMAndSTSEndpointsFollowTheRegionUnlessSet(t *testing.T) {
	vars := map[string]string{envAccessKey: "ak", envSecretKey: "sk", envRegion: "eu-west-101"}
	var diags diag.Diagnostics
	s := resolveSettings(context.Background(), nullModel(), envOf(vars), &diags)
	if diags.HasError() || s.iamURL() != "https://iam.eu-west-101.myhuaweicloud.eu/v3" || s.stsURL() != "https://sts.eu-west-101.myhuaweicloud.eu" {
		t.Errorf("IAM %q, STS %q (%v)", s.iamURL(), s.stsURL(), diags)
	}
	m := nullModel()
	m.Endpoints = types.MapValueMust(types.StringType, map[string]attr.Value{
		endpointKeyIAM: types.StringValue("https://iam.example.com"), endpointKeySTS: types.StringValue("https://sts.example.com/"),
	})
	s = resolveSettings(context.Background(), m, envOf(vars), &diags)
	if diags.HasError() || s.iamURL() != "https://iam.example.com" || s.stsURL() != "https://sts.example.com" {
		t.Errorf("with endpoints: IAM %q, STS %q (%v)", s.iamURL(), s.stsURL(), diags)
	}
}

func TestOSVariablesAreFallbacks(t *testing.T) {
	var diags diag.Diagnostics
	s := resolveSettings(context.Background(), nullModel(), envOf(map[string]string{
		"OS_REGION_NAME": "cn-north-4", "OS_ACCESS_KEY": "ak", "OS_SECRET_KEY": "sk", envSecretKey: "hw-sk",
		"OS_PROJECT_DOMAIN_ID": "d",
	}), &diags)
	if diags.HasError() || s.region != "cn-north-4" || s.accessKey != "ak" || s.secretKey != "hw-sk" || s.domainID != "d" {
		t.Errorf("region %q, ak %q, sk %q, domain id %q (%v); want the OS_ values where no HW_ one is set", s.region, s.accessKey, s.secretKey, s.domainID, diags)
	}
}

func TestAProfilesRegionIsCheckedLikeTheEnvironments(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	profile := `{"current": "p", "profiles": [{"name": "p", "accessKeyId": "PROFILEKEY0123456789", "secretAccessKey": "s", "region": "cn-north-4.evil.com/x?"}]}`
	if err := os.WriteFile(file, []byte(profile), 0o600); err != nil {
		t.Fatal(err)
	}
	var diags diag.Diagnostics
	resolveSettings(context.Background(), nullModel(), envOf(map[string]string{envSharedConfigFile: file}), &diags)
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "shared config's profile") {
		t.Errorf("a profile's region that is not a region name gave %v", diags)
	}
}
