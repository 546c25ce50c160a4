package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// ProviderBuild is the provider built into Dir, and a Terraform CLI
// configuration (CLIConfig) whose dev_overrides point at it: Terraform runs
// it with no terraform init and no registry.
type ProviderBuild struct {
	Dir, CLIConfig string
}

// BuildProvider builds the provider from this working tree.
func BuildProvider(t *testing.T) ProviderBuild {
	t.Helper()
	dir := t.TempDir()
	Build(t, ".", filepath.Join(dir, "terraform-provider-gaussdb"))
	rc := filepath.Join(t.TempDir(), "terraformrc")
	content := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"gaussdb-terraform/gaussdb\" = %q\n  }\n  direct {}\n}\n", dir)
	if err := os.WriteFile(rc, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return ProviderBuild{Dir: dir, CLIConfig: rc}
}

// Build builds the module's package at pkg (a path from the module's root,
// "." for the provider) into the file out.
func Build(t *testing.T, pkg, out string) {
	t.Helper()
	build := exec.Command("go", "build", "-o", out, "./"+filepath.ToSlash(pkg))
	build.Dir = moduleRoot(t)
	if output, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, output)
	}
}

// moduleRoot is the folder of go.mod: two above this file's.
func moduleRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot tell where internal/acctest is")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}
