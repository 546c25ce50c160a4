// Command inmemory is the provider with every API request answered by an
// emulator in the same process: no HTTP, no sockets. `make bench` runs it
// under Terraform to measure the floor Terraform itself sets. The emulator
// serves GAUSSDB_INMEMORY_BACKUPS seeded backups to the token
// GAUSSDB_INMEMORY_TOKEN of project GAUSSDB_INMEMORY_PROJECT.
package main

import (
	"context"
	"log"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/provider"
)

func main() {
	n, err := strconv.Atoi(os.Getenv("GAUSSDB_INMEMORY_BACKUPS"))
	if err != nil {
		log.Fatalf("GAUSSDB_INMEMORY_BACKUPS: %v", err)
	}
	server := emulator.New(emulator.Options{
		Token:     os.Getenv("GAUSSDB_INMEMORY_TOKEN"),
		ProjectID: os.Getenv("GAUSSDB_INMEMORY_PROJECT"),
		Backups:   emulator.Seed(n),
	})
	providerServer, err := provider.NewServerWithTransport(context.Background(), "bench-inmemory", server.InMemoryTransport())
	if err != nil {
		log.Fatal(err)
	}
	if err := tf6server.Serve("registry.terraform.io/gaussdb-terraform/gaussdb", providerServer); err != nil {
		log.Fatal(err)
	}
}
