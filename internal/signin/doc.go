// Package signin decides how the provider signs in, and signs in.
//
// The decision is one order, in decide.go (Decide, tested as a table): a
// value of the provider block beats the environment's (config.Resolve
// takes each argument so), which beats a KooCLI profile's, which beats the
// ECS server's agency from the metadata service; the method is the one
// whose selecting argument (methods.go) comes from the strongest source,
// and two from one source are an error naming both.
//
// Signing in: AK/SK signatures (signer.go, signing_algorithm.go), IAM
// password login, tokens and projects (iam.go), agencies (agency.go), OIDC
// (oidc.go), the metadata service (metadata.go), KooCLI profiles
// (koocli.go), temporary credentials cached and fetched anew
// (credentials.go), and a Session per provider (session.go). Its
// authenticators are transport.Authenticators.
//
// It imports transport and config only: no API, and nothing of Terraform.
package signin
