# Restore an instance to the newest point another can be restored to (a
# point in time, or its newest backup when the binlogs do not reach past
# it), once; restore again only when asked. Needs Terraform 1.5 or later
# (plantimestamp()) or OpenTofu 1.6 or later.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    gaussdb = {
      source = "gaussdb-terraform/gaussdb"
    }
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
    }
  }
}

variable "source_instance_id" {
  type        = string
  description = "The instance whose data to restore."
}

variable "target_instance_id" {
  type        = string
  description = "The instance to restore into."
}

variable "restore_generation" {
  type        = number
  default     = 1
  description = "Raise it to restore again, to the newest point at that moment."
}

variable "not_after" {
  type        = string
  default     = null
  description = "Restore to the newest point at or before this time (RFC 3339), e.g. just before a bad migration; null for the newest."
}

# Read on every plan: the point moves as binlogs arrive.
data "gaussdb_mysql_restore_point" "newest" {
  instance_id = var.source_instance_id
  not_after   = var.not_after
}

# The point in use: taken when created, then kept (ignore_changes), so that
# newer binlogs change nothing; raising restore_generation replaces it.
resource "terraform_data" "restore_point" {
  input = {
    type            = data.gaussdb_mysql_restore_point.newest.type
    restore_time    = data.gaussdb_mysql_restore_point.newest.restore_time
    restore_time_ms = data.gaussdb_mysql_restore_point.newest.restore_time_ms
    backup_id       = data.gaussdb_mysql_restore_point.newest.backup_id
  }
  triggers_replace = [var.restore_generation, var.not_after]

  lifecycle {
    ignore_changes = [input]

    # A point more than a day old means the binlogs and backups stopped.
    precondition {
      condition     = var.not_after != null || timecmp(data.gaussdb_mysql_restore_point.newest.restore_time, timeadd(plantimestamp(), "-24h")) > 0
      error_message = "The newest restorable point of ${var.source_instance_id} is more than a day old."
    }
  }
}

# Every argument of the official restore resource forces a new resource:
# fed from the pinned point, it restores once, and again only after
# restore_generation (or not_after) changes.
resource "huaweicloud_taurusdb_restore" "target" {
  source_instance_id = var.source_instance_id
  target_instance_id = var.target_instance_id
  type               = terraform_data.restore_point.output.type
  backup_id          = terraform_data.restore_point.output.type == "backup" ? terraform_data.restore_point.output.backup_id : null
  restore_time       = terraform_data.restore_point.output.type == "timestamp" ? terraform_data.restore_point.output.restore_time_ms : null
}

output "restored_to" {
  value = terraform_data.restore_point.output
}
