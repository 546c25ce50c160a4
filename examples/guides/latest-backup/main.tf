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

# The newest backup of the instance that a restore can use: COMPLETED or
# AVAILABLE, never one still BUILDING or one that FAILED. The plan fails,
# rather than restore from nothing, when the instance has none.
data "gaussdb_mysql_backup" "latest" {
  instance_id = var.instance_id
  most_recent = true
}

# check blocks and plantimestamp() need Terraform 1.5 or later.
check "backup_is_recent" {
  assert {
    condition     = timecmp(data.gaussdb_mysql_backup.latest.backup_begin_time, timeadd(plantimestamp(), "-48h")) > 0
    error_message = "The latest restorable backup of ${var.instance_id} is older than 48 hours."
  }
}

output "restore_from_backup_id" {
  value = data.gaussdb_mysql_backup.latest.id
}

output "restore_point" {
  value = data.gaussdb_mysql_backup.latest.backup_end_time
}
