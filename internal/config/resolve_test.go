package config

import (
	"strconv"
	"strings"
	"testing"
)

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func text(s string) Raw { return Raw{Text: s} }

func TestTheBlockBeatsTheEnvironmentAndEachValueKnowsItsSource(t *testing.T) {
	s, problems := Resolve(map[string]Raw{"access_key": text("block-ak"), "max_retries": text("0")},
		envOf(map[string]string{EnvAccessKey: "env-ak", EnvSecretKey: "env-sk", "OS_REGION_NAME": "cn-north-4",
			EnvMaxRetries: "9", "OS_TENANT_ID": "tenant", "OS_TENANT_NAME": "cn-north-4_dev"}))
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	for name, want := range map[Setting]Value{
		AccessKey:   {Text: "block-ak", Source: Source{FromBlock, "access_key"}},
		SecretKey:   {Text: "env-sk", Source: Source{FromEnvironment, EnvSecretKey}},
		Region:      {Text: "cn-north-4", Source: Source{FromEnvironment, "OS_REGION_NAME"}},
		MaxRetries:  {Text: "0", Source: Source{FromBlock, "max_retries"}},
		ProjectID:   {Text: "tenant", Source: Source{FromEnvironment, "OS_TENANT_ID"}},
		ProjectName: {Text: "cn-north-4_dev", Source: Source{FromEnvironment, "OS_TENANT_NAME"}},
		Token:       {},
	} {
		if got := s.Get(name); got != want {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
	if got := s.Get(SecretKey).Source.String(); got != "the environment variable HW_SECRET_KEY" {
		t.Errorf("the secret's source reads %q", got)
	}
}

func TestEnvironmentValuesAreCheckedNamingTheVariableAndNeverQuotingASecret(t *testing.T) {
	tests := []struct {
		env      map[string]string
		mentions string
		hidden   string
	}{
		{map[string]string{EnvRegion: "cn-north-4.evil.com/x?"}, "HW_REGION_NAME", ""},
		{map[string]string{"HW_CLOUD": "evil.com/x?"}, "HW_CLOUD", ""},
		{map[string]string{EnvMaxRetries: "many"}, "a whole number from 0 to 100", ""},
		{map[string]string{"HW_INSECURE": "maybe"}, "true or false", ""},
		{map[string]string{"HW_SIGNING_ALGORITHM": "hmacsha256"}, "HmacSHA256, HmacSM3", ""},
		{map[string]string{EnvAssumeRoleIdpID: "idp", EnvAssumeRoleDuration: "7200"}, "from 900 to 3600", ""},
		{map[string]string{EnvAssumeRoleAgency: "a", EnvAssumeRoleDomain: "d"}, "at least 2 characters", ""},
	}
	for _, tt := range tests {
		_, problems := Resolve(nil, envOf(tt.env))
		if len(problems) != 1 || !strings.Contains(problems[0].Detail, tt.mentions) {
			t.Errorf("%v gave %+v, want one problem mentioning %q", tt.env, problems, tt.mentions)
		}
	}
}

func TestAnAgencyDurationFromTheEnvironmentMayBeLongWithoutOIDC(t *testing.T) {
	s, problems := Resolve(nil, envOf(map[string]string{EnvAssumeRoleAgency: "ops", EnvAssumeRoleDomain: "acme",
		EnvAssumeRoleDuration: "7200"}))
	blocks := s.Blocks(AssumeRole)
	if len(problems) > 0 || len(blocks) != 1 || !blocks[0].FromEnvironment || blocks[0].Get(AssumeRoleDuration).Int() != 7200 {
		t.Errorf("blocks %+v, problems %+v: want one assume_role from the environment, 7200 s", blocks, problems)
	}
	if len(s.Blocks(AssumeRoleWithOIDC)) != 0 {
		t.Errorf("an OIDC block appeared without HW_ASSUME_ROLE_IDP_ID")
	}
}

func TestTheOIDCVariablesMakeTheEnvironmentsBlockOIDCNotAnAgency(t *testing.T) {
	s, _ := Resolve(nil, envOf(map[string]string{EnvAssumeRoleIdpID: "idp", EnvAssumeRoleIDToken: "jwt",
		EnvAssumeRoleAgency: "reader"}))
	if len(s.Blocks(AssumeRole)) != 0 || len(s.Blocks(AssumeRoleWithOIDC)) != 1 ||
		s.Blocks(AssumeRoleWithOIDC)[0].Get(OIDCAgencyName).Text != "reader" {
		t.Errorf("assume_role %+v, assume_role_with_oidc %+v", s.Blocks(AssumeRole), s.Blocks(AssumeRoleWithOIDC))
	}
}

func TestAWrittenBlockTakesNothingFromTheEnvironment(t *testing.T) {
	s, _ := Resolve(map[string]Raw{"assume_role": {Blocks: []map[string]Raw{{"agency_name": text("ops"),
		"domain_id": text("acme-id")}}}}, envOf(map[string]string{EnvAssumeRoleDomain: "acme", EnvAssumeRoleAgency: "other"}))
	b := s.Blocks(AssumeRole)
	if len(b) != 1 || b[0].FromEnvironment || b[0].Get(AssumeRoleDomainName).IsSet() || b[0].Get(AssumeRoleAgencyName).Text != "ops" {
		t.Errorf("blocks = %+v, want the written block alone", b)
	}
}

func TestValuesUnknownAtPlanTimeAreReportedWhereverTheyAre(t *testing.T) {
	tests := []struct {
		name  string
		block map[string]Raw
		path  string
	}{
		{"an argument", map[string]Raw{"token": {Unknown: true}}, "token"},
		{"an endpoint", map[string]Raw{"endpoints": {Map: map[string]Raw{"gaussdb": {Unknown: true}}}}, "endpoints.gaussdb"},
		{"all endpoints", map[string]Raw{"endpoints": {Unknown: true}}, "endpoints"},
		{"an agency's name", map[string]Raw{"assume_role": {Blocks: []map[string]Raw{{"agency_name": {Unknown: true}}}}},
			"assume_role.0.agency_name"},
		{"an agency's account id", map[string]Raw{"assume_role": {Blocks: []map[string]Raw{{"agency_name": text("ops"),
			"domain_id": {Unknown: true}}}}}, "assume_role.0.domain_id"},
		{"a dynamic block's for_each", map[string]Raw{"assume_role_with_oidc": {Unknown: true}}, "assume_role_with_oidc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Resolve(tt.block, envOf(nil))
			if len(problems) != 1 || problems[0].Summary != "Unknown provider setting" || pathString(problems[0].Path) != tt.path {
				t.Errorf("problems = %+v, want one unknown setting at %s", problems, tt.path)
			}
		})
	}
}

func pathString(steps []PathStep) string {
	var parts []string
	for _, s := range steps {
		switch {
		case s.Name != "":
			parts = append(parts, s.Name)
		case s.Key != "":
			parts = append(parts, s.Key)
		default:
			parts = append(parts, strconv.Itoa(s.Index))
		}
	}
	return strings.Join(parts, ".")
}

func TestTheDocsTableNamesEveryArgumentAndVariable(t *testing.T) {
	table := DocsTable()
	for name, variables := range Variables() {
		argument, _, _ := strings.Cut(name, ".")
		row := ""
		for _, line := range strings.Split(table, "\n") {
			if strings.HasPrefix(line, "| `"+argument+"` |") {
				row = line
			}
		}
		if row == "" {
			t.Errorf("no row for %s", argument)
		}
		for _, v := range variables {
			if !strings.Contains(row, "`"+v+"`") {
				t.Errorf("the row of %s does not name %s", argument, v)
			}
		}
	}
}
