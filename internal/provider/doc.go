// Package provider is the Terraform side of the GaussDB provider, and the
// only package that knows Terraform:
//
//   - provider.go: the provider; Configure resolves the block with config,
//     decides how to sign in with signin, and prepares an API client per
//     region (api_clients.go), making no request.
//   - the data sources, the resource gaussdb_mysql_backup, its list
//     resource and the actions, one file each (mysql_*.go); the two large
//     listings are also served by a plain protocol 6 server
//     (listing_server.go), combined with the framework's provider through
//     terraform-plugin-mux (provider_server.go).
//   - operation.go: how every operation starts (apiClients.start: secrets
//     masked, its time limit, its region's client); diagnostics.go: every
//     diagnostic made of an error; validators.go: every validator.
//
// It imports config, signin, transport, gaussdb and gaussdb/listing.
package provider
