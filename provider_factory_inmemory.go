//go:build inmemory

package main

import (
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	gaussdb "github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/provider"
)

// newProvider returns, in the benchmarks' in-memory build only, a provider
// whose requests are answered by an emulator in the same process: no HTTP,
// no sockets. `make bench` measures Terraform's floor with it. The emulator
// serves GAUSSDB_INMEMORY_BACKUPS seeded backups to the token
// GAUSSDB_INMEMORY_TOKEN of project GAUSSDB_INMEMORY_PROJECT.
func newProvider(version string) func() provider.Provider {
	n, _ := strconv.Atoi(os.Getenv("GAUSSDB_INMEMORY_BACKUPS"))
	server := emulator.New(emulator.Options{
		Token:     os.Getenv("GAUSSDB_INMEMORY_TOKEN"),
		ProjectID: os.Getenv("GAUSSDB_INMEMORY_PROJECT"),
		Backups:   emulator.Seed(n),
	})
	return gaussdb.NewWithTransport(version+"-inmemory", server.InMemoryTransport())
}
