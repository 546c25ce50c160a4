package signin

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
)

// way is one way of signing in, set in the provider block or in the
// environment, with credentials of an account of its own: the account a
// plan reads is the one whose credentials it holds.
type way struct {
	method Method
	block  map[string]config.Raw
	env    map[string]string
	// account says whose credentials a plan holds, "" when not this way's.
	account func(Plan) string
}

func raw(s string) config.Raw { return config.Raw{Text: s} }

// waysOfSigningIn are every method a configuration selects, each from the
// block and from the environment, each with its own account.
func waysOfSigningIn(t *testing.T) map[string]way {
	profiles := filepath.Join(t.TempDir(), "config.json")
	content := `{"current": "env", "profiles": [
		{"name": "block", "mode": "AKSK", "accessKeyId": "PROFILEBLOCK00000000", "secretAccessKey": "sk-profile-block"},
		{"name": "env", "mode": "AKSK", "accessKeyId": "PROFILEENV0000000000", "secretAccessKey": "sk-profile-env"}]}`
	if err := os.WriteFile(profiles, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	ways := map[string]way{}
	for _, from := range []string{"block", "env"} {
		ways["token in the "+from] = way{method: MethodToken,
			block: map[string]config.Raw{"token": raw("token-block")}, env: map[string]string{config.EnvToken: "token-env"},
			account: func(p Plan) string { return p.Token.Text }}
		ways["AK/SK in the "+from] = way{method: MethodKeyPair,
			block: map[string]config.Raw{"access_key": raw("ak-block"), "secret_key": raw("sk-block")},
			env:   map[string]string{config.EnvAccessKey: "ak-env", config.EnvSecretKey: "sk-env"},
			account: func(p Plan) string {
				if p.Method != MethodKeyPair {
					return ""
				}
				return p.AccessKey.Text + "/" + p.SecretKey.Text
			}}
		ways["password in the "+from] = way{method: MethodPassword,
			block: map[string]config.Raw{"user_name": raw("user-block"), "password": raw("pw-block"), "domain_name": raw("acme")},
			env:   map[string]string{"HW_USER_NAME": "user-env", config.EnvPassword: "pw-env", "HW_DOMAIN_NAME": "acme"},
			account: func(p Plan) string {
				if p.Method != MethodPassword {
					return ""
				}
				return p.UserName.Text + "/" + p.Password.Text
			}}
		ways["OIDC in the "+from] = way{method: MethodOIDC,
			block: map[string]config.Raw{"assume_role_with_oidc": {Blocks: []map[string]config.Raw{{"idp_id": raw("idp-block"),
				"id_token": raw("jwt-block"), "agency_name": raw("reader"), "domain_id": raw("acme-id")}}}},
			env: map[string]string{config.EnvAssumeRoleIdpID: "idp-env", config.EnvAssumeRoleIDToken: "jwt-env"},
			account: func(p Plan) string {
				if p.OIDC == nil || p.Method != MethodOIDC {
					return ""
				}
				return p.OIDC.IdpID.Text + "/" + p.OIDC.IDToken.Text
			}}
		ways["a profile in the "+from] = way{method: MethodProfile,
			block: map[string]config.Raw{"shared_config_file": raw(profiles), "profile": raw("block")},
			env:   map[string]string{config.EnvSharedConfigFile: profiles, config.EnvProfile: "env"},
			account: func(p Plan) string {
				if p.Method != MethodProfile {
					return ""
				}
				return p.AccessKey.Text + "/" + p.SecretKey.Text
			}}
	}
	return ways
}

// decideWith resolves a block and an environment and decides.
func decideWith(block map[string]config.Raw, env map[string]string) (Plan, []config.Problem) {
	env[config.EnvRegion] = "cn-north-4"
	env[config.EnvProjectID] = acctest.ProjectID
	s, problems := config.Resolve(block, func(name string) string { return env[name] })
	plan, more := Decide(s)
	return plan, append(problems, more...)
}

// errorsOf returns the error problems.
func errorsOf(problems []config.Problem) []config.Problem {
	var errors []config.Problem
	for _, p := range problems {
		if !p.Warning {
			errors = append(errors, p)
		}
	}
	return errors
}

// TestEveryPairOfWaysReadsTheAccountOfTheOrder puts every way of signing
// in beside every other (and beside itself from the other source): the
// provider block's beats the environment's, and two from the same source
// are an error naming both, never a silent choice of account.
func TestEveryPairOfWaysReadsTheAccountOfTheOrder(t *testing.T) {
	ways := waysOfSigningIn(t)
	for nameA, a := range ways {
		for nameB, b := range ways {
			if nameA >= nameB {
				continue
			}
			aInBlock, bInBlock := strings.HasSuffix(nameA, "block"), strings.HasSuffix(nameB, "block")
			t.Run(nameA+" and "+nameB, func(t *testing.T) {
				block, env := map[string]config.Raw{}, map[string]string{}
				for _, w := range []struct {
					way
					inBlock bool
				}{{a, aInBlock}, {b, bInBlock}} {
					if w.inBlock {
						maps.Copy(block, w.block)
					} else {
						maps.Copy(env, w.env)
					}
				}
				plan, problems := decideWith(block, env)
				switch {
				case a.method == b.method:
					// The same method from both: the block's value of each
					// setting wins (a pair may be split, but here both halves
					// come from the block).
					winner := a
					if errs := errorsOf(problems); len(errs) > 0 || winner.account(plan) == "" ||
						!strings.Contains(winner.account(plan), "block") {
						t.Errorf("plan %s %s, problems %+v: want the block's credentials", plan.Method, winner.account(plan), errs)
					}
				case aInBlock == bInBlock:
					errs := errorsOf(problems)
					if len(errs) != 1 || errs[0].Summary != "Conflicting authentication methods" ||
						!strings.Contains(errs[0].Detail, string(a.method)) || !strings.Contains(errs[0].Detail, string(b.method)) {
						t.Errorf("problems %+v: want one error naming %s and %s", errs, a.method, b.method)
					}
				default:
					winner := a
					if bInBlock {
						winner = b
					}
					if errs := errorsOf(problems); len(errs) > 0 || winner.account(plan) == "" {
						t.Errorf("plan %s (%s), problems %+v: want %s from the block", plan.Method, plan.ChosenBy, errs, winner.method)
					}
				}
			})
		}
	}
}

func TestEachWayAloneIsUsed(t *testing.T) {
	for name, w := range waysOfSigningIn(t) {
		block, env := map[string]config.Raw{}, map[string]string{}
		if strings.HasSuffix(name, "block") {
			block = w.block
		} else {
			env = w.env
		}
		plan, problems := decideWith(block, env)
		if len(problems) > 0 || w.account(plan) == "" {
			t.Errorf("%s: plan %s, problems %+v", name, plan.Method, problems)
		}
	}
	if plan, problems := decideWith(nil, map[string]string{}); len(problems) > 0 || plan.Method != MethodMetadata {
		t.Errorf("nothing configured: plan %s, problems %+v; want the ECS metadata service", plan.Method, problems)
	}
}

func TestAPairMayBeSplitBetweenTheBlockAndTheEnvironment(t *testing.T) {
	plan, problems := decideWith(map[string]config.Raw{"access_key": raw("ak-block")},
		map[string]string{config.EnvSecretKey: "sk-env", config.EnvToken: "token-env"})
	if len(errorsOf(problems)) > 0 || plan.Method != MethodKeyPair || plan.AccessKey.Text != "ak-block" || plan.SecretKey.Text != "sk-env" {
		t.Errorf("plan %s %s/%s, problems %+v", plan.Method, plan.AccessKey.Text, plan.SecretKey.Text, problems)
	}
	// The token of the environment is not used, and that is said.
	if len(problems) != 1 || !problems[0].Warning || !strings.Contains(problems[0].Detail, "HW_AUTH_TOKEN") {
		t.Errorf("problems %+v, want a warning that HW_AUTH_TOKEN is not used", problems)
	}
}

func TestAProfileFromTheEnvironmentNeverReplacesTheBlocksKeys(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	for mode, entry := range map[string]string{
		"AKSK":      `{"name": "p", "mode": "AKSK", "accessKeyId": "OTHERACCOUNT00000000", "secretAccessKey": "other"}`,
		"ecsAgency": `{"name": "p", "mode": "ecsAgency"}`,
	} {
		if err := os.WriteFile(file, []byte(`{"current": "p", "profiles": [`+entry+`]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		plan, problems := decideWith(map[string]config.Raw{"access_key": raw("ak-block"), "secret_key": raw("sk-block")},
			map[string]string{config.EnvProfile: "p", config.EnvSharedConfigFile: file})
		if len(errorsOf(problems)) > 0 || plan.Method != MethodKeyPair || plan.AccessKey.Text != "ak-block" || plan.SecretKey.Text != "sk-block" {
			t.Errorf("%s profile: plan %s %s, problems %+v; want the block's keys", mode, plan.Method, plan.AccessKey.Text, problems)
		}
	}
}

func TestAChosenProfileGivesCredentialsOrAnErrorNamingIt(t *testing.T) {
	tests := map[string]string{
		"an SSO profile with an empty stsToken": `{"name": "p", "mode": "SSO", "ssoAuth": {"stsToken": {}}}`,
		"an SSO profile without stsToken":       `{"name": "p", "mode": "SSO", "ssoAuth": {}}`,
		"an AKSK profile without keys":          `{"name": "p", "mode": "AKSK"}`,
		"a token profile":                       `{"name": "p", "mode": "token", "xAuthToken": "t"}`,
		"an AssumeRole profile with no account": `{"name": "p", "mode": "AssumeRole", "agencyName": "ops", "accessKeyId": "AK0000000000", "secretAccessKey": "s"}`,
		"a null entry":                          `null`,
	}
	for name, entry := range tests {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "config.json")
			if err := os.WriteFile(file, []byte(`{"current": "p", "profiles": [`+entry+`]}`), 0o600); err != nil {
				t.Fatal(err)
			}
			plan, problems := decideWith(nil, map[string]string{config.EnvSharedConfigFile: file})
			errs := errorsOf(problems)
			if len(errs) != 1 || !strings.Contains(errs[0].Detail, file) || plan.Method == MethodMetadata && len(errs) == 0 {
				t.Errorf("plan %s, problems %+v: want one error naming the file, never the metadata service", plan.Method, problems)
			}
		})
	}
}

func TestAssumeRoleProfilesFollowTheirSourceProfile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	content := `{"current": "top", "profiles": [
		{"name": "base", "mode": "AKSK", "accessKeyId": "BASEKEY0000000000000", "secretAccessKey": "base-sk"},
		{"name": "middle", "mode": "AssumeRole", "sourceProfile": "base", "agencyName": "ops", "agencyDomainName": "acme"},
		{"name": "top", "mode": "AssumeRole", "sourceProfile": "middle", "agencyName": "reader", "agencyDomainId": "acme-id"},
		{"name": "loop1", "mode": "AssumeRole", "sourceProfile": "loop2", "agencyName": "x", "agencyDomainId": "d"},
		{"name": "loop2", "mode": "AssumeRole", "sourceProfile": "loop1", "agencyName": "y", "agencyDomainId": "d"}]}`
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	plan, problems := decideWith(nil, map[string]string{config.EnvSharedConfigFile: file})
	if len(problems) > 0 || plan.AccessKey.Text != "BASEKEY0000000000000" || len(plan.Agencies) != 2 ||
		plan.Agencies[0].Name != "ops" || plan.Agencies[0].DomainName != "acme" ||
		plan.Agencies[1].Name != "reader" || plan.Agencies[1].DomainID != "acme-id" {
		t.Errorf("plan %+v, problems %+v: want base's keys, then ops (IAM), then reader (STS)", plan, problems)
	}
	_, problems = decideWith(nil, map[string]string{config.EnvSharedConfigFile: file, config.EnvProfile: "loop1"})
	if errs := errorsOf(problems); len(errs) != 1 || !strings.Contains(errs[0].Detail, "go round in a circle: loop1 -> loop2 -> loop1") {
		t.Errorf("problems %+v, want the cycle named", problems)
	}
}

func TestTheProfilesProjectIsNotReadWithTheRegionOfAnotherSource(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	content := `{"current": "p", "profiles": [{"name": "p", "mode": "AKSK", "accessKeyId": "PROFILEKEY0000000000",
		"secretAccessKey": "s", "region": "cn-north-4", "projectId": "northproject"}]}`
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ := config.Resolve(map[string]config.Raw{"region": raw("cn-east-5")},
		func(name string) string { return map[string]string{config.EnvSharedConfigFile: file}[name] })
	_, problems := Decide(s)
	if errs := errorsOf(problems); len(errs) != 1 || !strings.Contains(errs[0].Detail, "cn-east-5") ||
		!strings.Contains(errs[0].Detail, "projectId of profile p") {
		t.Errorf("problems %+v, want an error naming the block's region and the profile's project", problems)
	}
}

func TestATokenAndOIDCFromTheEnvironmentAreAnErrorNotATokenRead(t *testing.T) {
	_, problems := decideWith(nil, map[string]string{config.EnvToken: "t", config.EnvAssumeRoleIdpID: "idp",
		config.EnvAssumeRoleIDToken: "jwt", config.EnvAssumeRoleAgency: "reader", config.EnvAssumeRoleDomainID: "acme-id"})
	errs := errorsOf(problems)
	if len(errs) != 1 || !strings.Contains(errs[0].Detail, "HW_AUTH_TOKEN") || !strings.Contains(errs[0].Detail, "HW_ASSUME_ROLE_IDP_ID") {
		t.Errorf("problems %+v, want an error naming both variables", problems)
	}
}

func TestATokenWithAnAgencyNeedsNoProjectOfTheTokensAccount(t *testing.T) {
	env := map[string]string{config.EnvToken: "t", config.EnvAssumeRoleAgency: "reader", config.EnvAssumeRoleDomainID: "acme-id",
		config.EnvRegion: "cn-north-4"}
	s, _ := config.Resolve(nil, func(name string) string { return env[name] })
	plan, problems := Decide(s)
	if len(problems) > 0 || plan.ProjectID.IsSet() || len(plan.Agencies) != 1 {
		t.Errorf("plan %+v, problems %+v: want the agency, and the project left to look up", plan, problems)
	}
}

func TestAnUnreadableIDTokenFileIsNamedNow(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "eyJhbGciOiJSUzI1NiJ9.payload.signature")
	_, problems := decideWith(nil, map[string]string{config.EnvAssumeRoleIdpID: "idp", config.EnvAssumeRoleIDFile: missing})
	errs := errorsOf(problems)
	if len(errs) != 1 || errs[0].Summary != "Unreadable id_token_file" || strings.Contains(errs[0].Detail, "eyJ") {
		t.Errorf("problems %+v, want the file named unreadable without quoting the value", problems)
	}
}

func TestHintsNameTheSettingsOfTheWayUsed(t *testing.T) {
	tests := []struct {
		block map[string]config.Raw
		env   map[string]string
		want  []string
	}{
		{nil, map[string]string{config.EnvToken: "t"}, []string{"token (from the environment variable HW_AUTH_TOKEN)"}},
		{map[string]config.Raw{"access_key": raw("ak")}, map[string]string{config.EnvSecretKey: "sk"},
			[]string{"access key (from the provider block's access_key)", "secret key (from the environment variable HW_SECRET_KEY)"}},
		{nil, map[string]string{"HW_USER_ID": "uid", config.EnvPassword: "pw"}, []string{"user_id (from the environment variable HW_USER_ID)"}},
		{nil, map[string]string{config.EnvAssumeRoleIdpID: "idp", config.EnvAssumeRoleIDToken: "jwt"},
			[]string{"id token (from the environment variable HW_ASSUME_ROLE_ID_TOKEN)", "identity provider idp"}},
		{nil, map[string]string{}, []string{"ECS server's agency"}},
		{map[string]config.Raw{"access_key": raw("ak"), "secret_key": raw("sk"), "assume_role": {Blocks: []map[string]config.Raw{{
			"agency_name": raw("ops"), "domain_name": raw("acme")}}}}, map[string]string{}, []string{"agency ops of account acme"}},
	}
	for _, tt := range tests {
		plan, problems := decideWith(tt.block, tt.env)
		for _, want := range tt.want {
			if !strings.Contains(plan.Hint(), want) {
				t.Errorf("hint %q (problems %+v) does not say %q", plan.Hint(), problems, want)
			}
		}
	}
}

func TestEveryMethodOfTheTableIsNamedByNoCredentialsMessage(t *testing.T) {
	for _, m := range methodTable {
		var selector string
		if m.oidcBlock {
			selector = "assume_role_with_oidc"
		} else {
			selector = m.selectors[0].String()
		}
		if !strings.Contains(NoCredentialsMessage(), selector) {
			t.Errorf("the message names no %s", selector)
		}
	}
	_ = fmt.Sprint()
}

func TestABlankRegionIsAMissingRegion(t *testing.T) {
	env := map[string]string{config.EnvRegion: "   ", config.EnvAccessKey: "ak", config.EnvSecretKey: "sk"}
	s, _ := config.Resolve(nil, func(name string) string { return env[name] })
	_, problems := Decide(s)
	if errs := errorsOf(problems); len(errs) != 1 || errs[0].Summary != "Missing region" {
		t.Errorf("problems %+v, want Missing region", problems)
	}
}
