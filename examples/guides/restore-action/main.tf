# Terraform 1.14 or later. Restore an instance from the newest point of
# another, only when asked:
#
#   terraform apply -invoke=action.gaussdb_mysql_restore.staging
#
# Nothing is restored by a plan, by an apply without -invoke, or because a
# newer backup or binlog arrived: an action has no state to drift from.
terraform {
  required_version = ">= 1.14.0"

  required_providers {
    gaussdb = {
      source = "gaussdb-terraform/gaussdb"
    }
  }
}

variable "source_instance_id" {
  type        = string
  description = "The instance whose data to restore."
}

variable "target_instance_id" {
  type        = string
  description = "The instance to restore into: its data is replaced."
}

variable "not_after" {
  type        = string
  default     = null
  description = "Restore the newest point at or before this time (RFC 3339); null for the newest."
}

# Read when the action is invoked: the newest point at that moment.
data "gaussdb_mysql_restore_point" "source" {
  instance_id = var.source_instance_id
  not_after   = var.not_after
}

action "gaussdb_mysql_restore" "staging" {
  config {
    source_instance_id = var.source_instance_id
    target_instance_id = var.target_instance_id
    # A point in time when the binlogs reach past the newest backup, the
    # backup otherwise.
    restore_time = data.gaussdb_mysql_restore_point.source.type == "timestamp" ? data.gaussdb_mysql_restore_point.source.restore_time : null
    backup_id    = data.gaussdb_mysql_restore_point.source.type == "backup" ? data.gaussdb_mysql_restore_point.source.backup_id : null
  }
}
