package provider

import (
	"os"
	"path/filepath"
	"testing"
)

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
