package acctest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
)

// CLI runs the Terraform CLI the acceptance tests run (TF_ACC_TERRAFORM_PATH,
// or terraform on PATH) with this provider built into a folder of
// dev_overrides, for what terraform-plugin-testing cannot drive: terraform
// query -generate-config-out, and actions invoked with -invoke.
type CLI struct {
	t         *testing.T
	terraform string
	rc        string
}

// NewCLI builds the provider and returns the CLI, or skips the test when
// the CLI is older than 1.14, which has neither terraform query nor
// actions (make test runs these tests with the newest Terraform).
func NewCLI(t *testing.T) *CLI {
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
	return &CLI{t: t, terraform: terraform, rc: BuildProvider(t).CLIConfig}
}

// command is terraform with args, run in dir (also its HOME) with the
// provider's dev_overrides.
func (c *CLI) command(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(c.terraform, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + c.rc, "TF_IN_AUTOMATION=1"}
	return cmd
}

// Run runs terraform with args in dir and returns its output; a failure
// is returned, not fatal, for tests that expect one.
func (c *CLI) Run(dir string, args ...string) (string, error) {
	cmd := c.command(dir, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// Must is Run that fails the test on an error.
func (c *CLI) Must(dir string, args ...string) string {
	c.t.Helper()
	out, err := c.Run(dir, args...)
	if err != nil {
		c.t.Fatalf("terraform %v: %v\n%s", args, err, out)
	}
	return out
}

// WriteFiles writes files into a new folder and returns it.
func WriteFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// InterruptWhen runs terraform with args in dir and sends it SIGINT (as
// Ctrl-C does) once a line of its output holds every one of marks; it
// returns the whole output once terraform exits.
func (c *CLI) InterruptWhen(dir string, marks []string, args ...string) string {
	c.t.Helper()
	cmd := c.command(dir, args...)
	reader, writer := io.Pipe()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = writer, writer
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	timer := time.AfterFunc(3*time.Minute, func() { _ = cmd.Process.Kill() })
	defer timer.Stop()
	go func() {
		err := cmd.Wait()
		if err != nil {
			_, _ = writer.Write([]byte("(terraform: " + err.Error() + ")\n"))
		}
		_ = writer.Close()
	}()
	scanner := bufio.NewScanner(reader)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	sent := false
	for scanner.Scan() {
		line := scanner.Text()
		out.WriteString(line + "\n")
		hasAll := true
		for _, mark := range marks {
			hasAll = hasAll && strings.Contains(line, mark)
		}
		if hasAll && !sent {
			sent = true
			_ = cmd.Process.Signal(syscall.SIGINT)
		}
	}
	return out.String()
}
