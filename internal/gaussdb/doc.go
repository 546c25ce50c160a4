// Package gaussdb is the GaussDB(for MySQL) backups API: its calls (list,
// get, create and delete backups, restore, jobs, the task center, the
// restore window), its types, and the waits for what it does slowly. Every
// call goes through internal/transport; the listings read their pages
// through internal/gaussdb/listing, which proves them complete.
//
// It knows nothing of sign-in (it takes a transport.Authenticator) nor of
// Terraform: it logs with terraform-plugin-log only.
package gaussdb
