terraform {
  required_providers {
    gaussdb = {
      source = "gaussdb-terraform/gaussdb"
    }
  }
}

# Credentials usually come from the environment, as for the official
# huaweicloud provider, e.g.:
#   export HW_REGION_NAME=cn-north-4 HW_ACCESS_KEY=... HW_SECRET_KEY=...
provider "gaussdb" {}

# AK/SK: each request is signed. Without project_id, the project of the
# region is looked up in IAM.
provider "gaussdb" {
  alias      = "aksk"
  region     = "cn-north-4"
  access_key = var.access_key
  secret_key = var.secret_key
}

# Temporary AK/SK, as CI systems hand out, with their security token.
provider "gaussdb" {
  alias          = "temporary"
  region         = "cn-north-4"
  access_key     = var.temporary_access_key
  secret_key     = var.temporary_secret_key
  security_token = var.security_token
}

# IAM password login: the provider fetches a token and renews it before it
# expires.
provider "gaussdb" {
  alias       = "password"
  region      = "cn-east-5"
  user_name   = "ci-bot"
  password    = var.password
  domain_name = "acme"
}

# An IAM token, e.g. from `hcloud` or an earlier login. A token is scoped to
# one project, so project_id is required.
provider "gaussdb" {
  alias      = "token"
  region     = "cn-north-4"
  project_id = "0123456789abcdef0123456789abcdef"
  token      = var.iam_token
}

# A private gateway, with Chinese error messages and more retries.
provider "gaussdb" {
  alias       = "private"
  region      = "cn-north-4"
  access_key  = var.access_key
  secret_key  = var.secret_key
  project_id  = "0123456789abcdef0123456789abcdef"
  language    = "zh-cn"
  max_retries = 8
  auth_url    = "https://iam.example.internal/v3"

  endpoints = {
    gaussdb = "https://gaussdb.example.internal"
  }
}

variable "access_key" {
  type = string
}

variable "secret_key" {
  type      = string
  sensitive = true
}

variable "temporary_access_key" {
  type = string
}

variable "temporary_secret_key" {
  type      = string
  sensitive = true
}

variable "security_token" {
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
