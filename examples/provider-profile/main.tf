# The credentials of an hcloud (KooCLI) profile, as the official provider
# reads them; the file must not be encrypted
# (hcloud configure set --cli-auth-encrypt=false).
provider "gaussdb" {
  shared_config_file = "~/.hcloud/config.json"
  profile            = "prod-readonly"
}
