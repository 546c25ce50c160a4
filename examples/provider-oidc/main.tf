# Sign in from CI with an OIDC id token and no stored keys: IAM exchanges
# the token (from an identity provider that trusts the CI's issuer) for
# temporary credentials, which assume the agency. The file is read again
# at every refresh, as CI systems rewrite it.
provider "gaussdb" {
  region = "cn-north-4"

  assume_role_with_oidc {
    idp_id        = "github-actions"
    id_token_file = "/tmp/oidc-token"
    agency_name   = "ci-backup-reader"
    domain_id     = "0123456789abcdef0123456789abcdef"
  }
}
