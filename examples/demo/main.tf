# The demo that `make demo` runs against the local emulator. The token,
# project and region come from HW_AUTH_TOKEN, HW_PROJECT_ID and
# HW_REGION_NAME, as they would in CI.

terraform {
  required_providers {
    gaussdb = {
      source = "gaussdb-terraform/gaussdb"
    }
  }
}

variable "gaussdb_endpoint" {
  type        = string
  description = "URL of the GaussDB API; make demo points it at the emulator."
}

provider "gaussdb" {
  endpoints = {
    gaussdb = var.gaussdb_endpoint
  }
}

data "gaussdb_mysql_backups" "all" {}

locals {
  # backups are newest first, so the first completed one is the latest.
  completed = [for b in data.gaussdb_mysql_backups.all.backups : b if b.status == "COMPLETED"]
}

output "backup_count" {
  value = data.gaussdb_mysql_backups.all.total_count
}

output "latest_completed_backup" {
  value = length(local.completed) == 0 ? null : {
    id         = local.completed[0].id
    name       = local.completed[0].name
    begin_time = local.completed[0].begin_time
  }
}
