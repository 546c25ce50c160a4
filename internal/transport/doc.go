// Package transport is the HTTP stack every call to the cloud goes
// through: retries and their backoff (retry.go), the answer read inside the
// retry loop (body_transport.go), errors that say what the server said
// (errors.go, request_errors.go), redaction and logging (logging.go), TLS
// (tls.go), the services' endpoints (endpoint.go), and the Authenticator
// each attempt is signed with (auth.go). A Service is one API reached
// through it.
//
// It knows nothing of sign-in, of GaussDB's API or of Terraform: it imports
// no package of this project, and logs with terraform-plugin-log only.
package transport
