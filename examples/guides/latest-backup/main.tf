terraform {
  required_providers {
    gaussdb = {
      source = "gaussdb-terraform/gaussdb"
    }
  }
}

variable "instance_id" {
  type        = string
  description = "The instance whose backup to restore from."
}

# Only backups a restore can use, of one instance, newest first.
data "gaussdb_mysql_backups" "restorable" {
  instance_id = var.instance_id
  status      = "COMPLETED"
}

locals {
  # backups[0] is the latest; fail the plan, rather than restore from
  # nothing, when the instance has no completed backup.
  latest = data.gaussdb_mysql_backups.restorable.backups[0]
}

check "backup_is_recent" {
  assert {
    condition     = timecmp(local.latest.begin_time, timeadd(plantimestamp(), "-48h")) > 0
    error_message = "The latest completed backup of ${var.instance_id} is older than 48 hours."
  }
}

output "restore_from_backup_id" {
  value = local.latest.id
}

output "restore_point" {
  value = local.latest.end_time
}
