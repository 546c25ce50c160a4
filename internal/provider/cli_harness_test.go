package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hashicorp/go-version"
)

// cli runs the Terraform CLI the acceptance tests run (TF_ACC_TERRAFORM_PATH,
// or terraform on PATH) with this provider built into a folder of
// dev_overrides, for what terraform-plugin-testing cannot drive: terraform
// query -generate-config-out, and actions invoked with -invoke.
type cli struct {
	t         *testing.T
	terraform string
	rc        string
}

// newCLI builds the provider and returns the CLI, or skips the test when
// the CLI is older than 1.14, which has neither terraform query nor
// actions (make test runs these tests with the newest Terraform).
func newCLI(t *testing.T) *cli {
	const minimum = "1.14.0"
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraform == "" {
		var err error
		if terraform, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("terraform is not on PATH: %v", err)
		}
	}
	out, err := exec.Command(terraform, "version", "-json").Output()
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(out, &v) != nil {
		t.Fatalf("%s version -json: %v\n%s", terraform, err, out)
	}
	if have, want := version.Must(version.NewVersion(v.Version)), version.Must(version.NewVersion(minimum)); have.LessThan(want) {
		t.Skipf("needs Terraform %s or later; this is %s (make test runs it with the newest)", minimum, v.Version)
	}
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-gaussdb"), "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rc := filepath.Join(t.TempDir(), "terraformrc")
	content := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"gaussdb-terraform/gaussdb\" = %q\n  }\n  direct {}\n}\n", bin)
	if err := os.WriteFile(rc, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return &cli{t: t, terraform: terraform, rc: rc}
}

// run runs terraform with args in dir and returns its output; a failure
// is returned, not fatal, for tests that expect one.
func (c *cli) run(dir string, args ...string) (string, error) {
	cmd := exec.Command(c.terraform, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + c.rc, "TF_IN_AUTOMATION=1"}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// must is run that fails the test on an error.
func (c *cli) must(dir string, args ...string) string {
	c.t.Helper()
	out, err := c.run(dir, args...)
	if err != nil {
		c.t.Fatalf("terraform %v: %v\n%s", args, err, out)
	}
	return out
}

// writeFiles writes files into a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// cliProviderConfig is the terraform block and provider block for an
// emulator at url, as a configuration run by the CLI needs them.
func cliProviderConfig(url string) string {
	return `terraform {
  required_providers {
    gaussdb = { source = "gaussdb-terraform/gaussdb" }
  }
}
` + providerBlock(url)
}

// writeFiles2 writes one file into dir, replacing it.
func writeFiles2(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
