// Package emulator serves the GaussDB(for MySQL) backups API the way the
// cloud does, from backups held in memory, so that the provider can be run
// and tested with no cloud account: the listings under every reading the
// API's pages leave open (readings.go, quirks.go), faults (faults.go),
// operations and their jobs (operations.go, jobs.go, task_center.go), the
// restore window, and IAM, STS, OIDC and the metadata service with their
// signature checks.
//
// It imports no package of the project, so that it cannot agree with the
// provider by sharing its code: what both must read alike (the signing
// vectors) is checked by both packages' tests.
package emulator
