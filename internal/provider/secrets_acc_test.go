package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// TestAccSecretsNeverAppearInTraceLogs runs the provider binary under the real
// Terraform CLI with TF_LOG=TRACE, for each authentication method, and looks
// for the secrets in everything Terraform and the provider printed.
func TestAccSecretsNeverAppearInTraceLogs(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraformPath, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is not on PATH: %v", err)
	}
	binDir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(binDir, "terraform-provider-gaussdb"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	cliConfig := filepath.Join(t.TempDir(), "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"gaussdb-terraform/gaussdb\" = %q\n  }\n  direct {}\n}\n", binDir)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}

	_, url := startAccountEmulator(t, 150)
	tokenURL := startEmulator(t, emulator.Options{Backups: emulator.Seed(150)})
	identityURL := startIdentityEmulatorWith(t, 150)
	credentialServer, credentialURL := startCredentialEmulator(t, emulator.Options{Backups: emulator.Seed(150),
		Metadata: &emulator.Metadata{RequireSessionToken: true}})
	tokenFile := writeProfiles(t, testIDToken+"\n")
	issuedToken := regexp.MustCompile(`MII[0-9a-f]{64}`)
	tests := []struct {
		name     string
		endpoint string
		env      map[string]string
		secrets  []string
	}{
		{"token", tokenURL, map[string]string{envToken: testToken, envProjectID: testProject}, []string{testToken}},
		{"temporary AK/SK", url, map[string]string{envAccessKey: testTempAccessKey, envSecretKey: testTempSecretKey,
			envSecurityToken: testSecurityToken}, []string{testTempSecretKey, testSecurityToken}},
		{"password", url, map[string]string{envUserName: testUser.Name, envPassword: testUser.Password,
			envDomainName: testUser.Domain}, []string{testUser.Password}},
		{"AK/SK signed with SM2SM3", url, map[string]string{envAccessKey: testAccessKey, envSecretKey: testSecretKey,
			envSigningAlg: "SM2SM3"}, []string{testSecretKey}},
		{"a token re-scoped by IAM", identityURL, map[string]string{envToken: testToken, envDomainName: testUser.Domain},
			[]string{testToken}},
		{"an hcloud profile", credentialURL, map[string]string{envSharedConfigFile: koocliFile(t), envProfile: "default"},
			[]string{profileSecretKey}},
		{"OIDC with an id token, then an agency", credentialURL, map[string]string{envAssumeRoleIdpID: testIdpID,
			envAssumeRoleIDToken: testIDToken, envAssumeRoleAgency: "reader", envAssumeRoleDomainID: "acmeid"}, []string{testIDToken}},
		{"OIDC with an id token file", credentialURL, map[string]string{envAssumeRoleIdpID: testIdpID,
			envAssumeRoleTokenFile: tokenFile}, []string{testIDToken}},
		{"an agency assumed with AK/SK", credentialURL, map[string]string{envAccessKey: testAccessKey, envSecretKey: testSecretKey,
			envAssumeRoleAgency: "ops", envAssumeRoleDomainName: "acme"}, []string{testSecretKey}},
		{"the ECS metadata service", credentialURL, map[string]string{envMetadataEndpoint: credentialURL}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			config := fmt.Sprintf(`
terraform {
  required_providers {
    gaussdb = { source = "gaussdb-terraform/gaussdb" }
  }
}

provider "gaussdb" {
  region   = "cn-north-4"
  auth_url = "%s/v3"
  endpoints = {
    gaussdb = %q
    sts     = %q
  }
}

data "gaussdb_mysql_backups" "all" {}

output "count" {
  value = data.gaussdb_mysql_backups.all.total_count
}
`, tt.endpoint, tt.endpoint, tt.endpoint)
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
				t.Fatal(err)
			}
			plan := exec.Command(terraformPath, "plan", "-no-color", "-input=false")
			plan.Dir = dir
			plan.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_LOG=TRACE", "TF_CLI_CONFIG_FILE=" + cliConfig}
			for name, value := range tt.env {
				plan.Env = append(plan.Env, name+"="+value)
			}
			out, err := plan.CombinedOutput()
			if err != nil {
				t.Fatalf("terraform plan: %v\n%s", err, tail(out))
			}
			log := string(out)
			// The requests must have been logged with their headers, or the test proves nothing.
			if !strings.Contains(log, "count = 150") || !strings.Contains(log, "GaussDB API request") || !regexp.MustCompile(`X-Auth-Token|Authorization`).MatchString(log) {
				t.Fatalf("the plan did not list the backups with request logging on:\n%s", tail(out))
			}
			for _, secret := range append(tt.secrets, credentialServer.IssuedSecrets()...) {
				if strings.Contains(log, secret) {
					t.Errorf("the secret %q appears in the TRACE output", secret)
				}
			}
			if token := issuedToken.FindString(log); token != "" {
				t.Errorf("an IAM-issued token appears in the TRACE output: %s...", token[:20])
			}
		})
	}
}

// TestAccASecretTheServerEchoesIsNotInTheTraceLog: a server that repeats
// the token in its error message; the plan fails, and neither the error
// nor any log line holds the token.
func TestAccASecretTheServerEchoesIsNotInTheTraceLog(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraformPath, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is not on PATH: %v", err)
	}
	binDir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(binDir, "terraform-provider-gaussdb"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	cliConfig := filepath.Join(t.TempDir(), "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"gaussdb-terraform/gaussdb\" = %q\n  }\n  direct {}\n}\n", binDir)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error_code": "DBS.200001", "error_msg": "token ` + r.Header.Get("X-Auth-Token") + ` is bad"}`))
	}))
	t.Cleanup(echo.Close)
	dir := t.TempDir()
	config := fmt.Sprintf(`
terraform {
  required_providers {
    gaussdb = { source = "gaussdb-terraform/gaussdb" }
  }
}

provider "gaussdb" {
  region    = "cn-north-4"
  endpoints = { gaussdb = %q }
}

data "gaussdb_mysql_backups" "all" {}
`, echo.URL)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	plan := exec.Command(terraformPath, "plan", "-no-color", "-input=false")
	plan.Dir = dir
	plan.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_LOG=TRACE", "TF_CLI_CONFIG_FILE=" + cliConfig,
		envToken + "=" + testToken, envProjectID + "=" + testProject}
	out, err := plan.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "(redacted) is bad") {
		t.Fatalf("terraform plan: %v, want it to fail with the echoed token redacted:\n%s", err, tail(out))
	}
	if strings.Contains(string(out), testToken) {
		t.Errorf("the token appears in the TRACE output")
	}
}

func tail(out []byte) string {
	const keep = 3000
	if len(out) > keep {
		return "..." + string(out[len(out)-keep:])
	}
	return string(out)
}
