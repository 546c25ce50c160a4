terraform {
  required_providers {
    gaussdb = {
      source = "gaussdb-terraform/gaussdb"
    }
  }
}

# The token, project and region usually come from the environment:
#   export HW_AUTH_TOKEN=...  HW_PROJECT_ID=...  HW_REGION_NAME=cn-north-4
provider "gaussdb" {
  region = "cn-north-4"
}

# Everything spelled out, with the endpoint of a private gateway.
provider "gaussdb" {
  alias       = "explicit"
  region      = "cn-east-5"
  project_id  = "0123456789abcdef0123456789abcdef"
  token       = var.iam_token
  language    = "en-us"
  max_retries = 5

  endpoints = {
    gaussdb = "https://gaussdb-mysql.cn-east-5.myhuaweicloud.com"
  }
}

variable "iam_token" {
  type      = string
  sensitive = true
}
