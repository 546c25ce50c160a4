// Package acctest is what the tests of several packages share: the test
// project and token (ids.go), HTTP options that retry fast and the
// provider's default concurrency (options.go), the listing's promise as an
// assertion (listing.go), the provider built with dev_overrides
// (provider_build.go) and the Terraform CLI run on it (cli.go). The
// signing vectors of the official SDK are its subpackage signingvectors.
//
// Only tests import it (a depguard rule); it may import any package of
// the project but those whose tests use it (gaussdb, signin, provider),
// which would be a cycle.
package acctest
