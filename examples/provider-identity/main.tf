# A sub-project by name: the provider looks its id up in IAM.
provider "gaussdb" {
  alias        = "dev"
  region       = "cn-north-4"
  access_key   = var.access_key
  secret_key   = var.secret_key
  project_name = "cn-north-4_dev"
}

# Password login with the account and the user by id.
provider "gaussdb" {
  alias      = "by_id"
  region     = "cn-north-4"
  user_id    = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
  password   = var.password
  project_id = "0123456789abcdef0123456789abcdef"
}

# A token without project_id: with its account named, IAM re-scopes it to
# the region's project (or project_name), once per region.
provider "gaussdb" {
  alias     = "token"
  region    = "cn-north-4"
  token     = var.iam_token
  domain_id = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
}

variable "access_key" {
  type = string
}

variable "secret_key" {
  type      = string
  sensitive = true
}

variable "password" {
  type      = string
  sensitive = true
}

variable "iam_token" {
  type      = string
  sensitive = true
}
