package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
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
	cliConfig := acctest.BuildProvider(t).CLIConfig

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
		{"token", tokenURL, map[string]string{envToken: testToken, envProjectID: acctest.ProjectID}, []string{testToken}},
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
	cliConfig := acctest.BuildProvider(t).CLIConfig
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
		envToken + "=" + testToken, envProjectID + "=" + acctest.ProjectID}
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

// TestAccSecretsPastedInPlaceOfPathsAreNeverShown: a key without its
// BEGIN line given as key, an id token given as HW_ASSUME_ROLE_ID_TOKEN_FILE
// and a config.json pasted into HW_SHARED_CONFIG_FILE are values that name
// no file; each plan fails, saying so, and neither its output nor the TRACE
// log repeats them. A FIFO as shared_config_file fails at once, unread.
func TestAccSecretsPastedInPlaceOfPathsAreNeverShown(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraformPath, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is not on PATH: %v", err)
	}
	cliConfig := acctest.BuildProvider(t).CLIConfig
	pki := newTestPKI(t)
	keyBody := pemBody(pki.clientKey)
	fifo := filepath.Join(t.TempDir(), "config.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	pastedConfig := `{"current": "p", "profiles": [{"name": "p", "accessKeyId": "PASTEDKEY00000000000", "secretAccessKey": "pasted-secret-0123"}]}`
	tests := []struct {
		name, settings string
		env            map[string]string
		secret, want   string
	}{
		{"a key's PEM body as OS_KEY", fmt.Sprintf("cert = %q", pki.clientCert), map[string]string{envKey: keyBody},
			strings.Split(keyBody, "\n")[1], `Invalid key`},
		// Terraform prints the configuration's line of a diagnostic on an
		// attribute: the key written there must not have one.
		{"a key's PEM body as key in the provider block", fmt.Sprintf("cert = %q\n  key = %q", pki.clientCert, keyBody), nil,
			strings.Split(keyBody, "\n")[1], `Invalid key`},
		{"an id token as HW_ASSUME_ROLE_ID_TOKEN_FILE", "", map[string]string{envAssumeRoleIdpID: "idp",
			envAssumeRoleTokenFile: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXNlY3JldA"}, "eyJzdWIiOiJjaSJ9",
			`Unreadable id_token_file`},
		{"a config.json pasted as HW_SHARED_CONFIG_FILE", "", map[string]string{envSharedConfigFile: pastedConfig},
			"pasted-secret-0123", `Unable to sign in with the profile`},
		{"a FIFO as shared_config_file", fmt.Sprintf("shared_config_file = %q", fifo), nil, "", `not a regular file \(a FIFO\)`},
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
  region    = "cn-north-4"
  endpoints = { gaussdb = "http://127.0.0.1:9" }
  %s
}

data "gaussdb_mysql_backups" "all" {}
`, tt.settings)
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			plan := exec.CommandContext(ctx, terraformPath, "plan", "-no-color", "-input=false")
			plan.Dir = dir
			plan.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_LOG=TRACE", "TF_CLI_CONFIG_FILE=" + cliConfig,
				envMetadataEndpoint + "=" + closedLocalEndpoint}
			for name, value := range tt.env {
				plan.Env = append(plan.Env, name+"="+value)
			}
			out, err := plan.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("terraform plan hung")
			}
			if err == nil || !regexp.MustCompile(tt.want).Match(out) {
				t.Fatalf("terraform plan: %v, want it to fail with %q:\n%s", err, tt.want, tail(out))
			}
			if i := strings.Index(string(out), tt.secret); tt.secret != "" && i >= 0 {
				t.Errorf("the secret appears in the output or the TRACE log: ...%s...", out[max(0, i-300):min(len(out), i+100)])
			}
		})
	}
}
