# Read the backups of another account through its agency. With domain_id,
# STS assumes the agency (a token may too); with domain_name, IAM does.
# Several blocks are a chain: each is assumed with the one before.
provider "gaussdb" {
  region     = "cn-north-4"
  access_key = var.access_key
  secret_key = var.secret_key

  assume_role {
    agency_name = "ci-backup-reader"
    domain_id   = "0123456789abcdef0123456789abcdef"
    duration    = 3600
  }
}

variable "access_key" {
  type = string
}

variable "secret_key" {
  type      = string
  sensitive = true
}
