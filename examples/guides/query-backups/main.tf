# The provider the query runs with, signed in as usual (here from the HW_*
# variables).
terraform {
  required_providers {
    gaussdb = {
      source = "gaussdb-terraform/gaussdb"
    }
  }
}

provider "gaussdb" {}
