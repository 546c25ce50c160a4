# On an ECS server with an agency, nothing else is needed: the provider
# asks the metadata service for the agency's credentials.
provider "gaussdb" {
  region = "cn-north-4"
}
