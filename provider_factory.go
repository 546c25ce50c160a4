//go:build !inmemory

package main

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"

	gaussdb "github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/provider"
)

// newProvider returns the provider as released.
func newProvider(version string) func() provider.Provider {
	return gaussdb.New(version)
}
