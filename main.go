// Command terraform-provider-gaussdb is the Terraform provider for
// GaussDB(for MySQL) on Huawei Cloud.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	server, err := provider.NewServer(context.Background(), version)
	if err != nil {
		log.Fatal(err.Error())
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/gaussdb-terraform/gaussdb", server, opts...); err != nil {
		log.Fatal(err.Error())
	}
}
