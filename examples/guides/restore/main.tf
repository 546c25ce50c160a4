# Restore an instance from the latest backup of another, once; restore
# again only when asked. Needs Terraform 1.5 or later (check blocks,
# plantimestamp()) or OpenTofu 1.6 or later.
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
  description = "The instance whose backup to restore from."
}

variable "target_instance_id" {
  type        = string
  description = "The instance to restore into."
}

variable "restore_generation" {
  type        = number
  default     = 1
  description = "Raise it to restore again, from the newest backup at that moment."
}

variable "max_backup_age" {
  type        = string
  default     = "48h"
  description = "How old the newest backup may be, as a duration."
}

# Read on every plan: when the next backup completes, its id changes.
data "gaussdb_mysql_backup" "latest" {
  instance_id = var.source_instance_id
  most_recent = true
}

# The restore point in use. It takes the newest backup when it is created,
# then keeps it (ignore_changes), so that a newer backup changes nothing;
# raising restore_generation replaces it, which promotes the newest backup.
resource "terraform_data" "restore_point" {
  input = {
    id         = data.gaussdb_mysql_backup.latest.id
    begin_time = data.gaussdb_mysql_backup.latest.backup_begin_time
  }
  triggers_replace = var.restore_generation

  lifecycle {
    ignore_changes = [input]

    # Stops the plan, on every run: a restore point older than the limit is
    # refused, and backups that stopped do not go unnoticed.
    precondition {
      condition     = timecmp(data.gaussdb_mysql_backup.latest.backup_begin_time, timeadd(plantimestamp(), "-${var.max_backup_age}")) > 0
      error_message = "The newest restorable backup of ${var.source_instance_id} is older than ${var.max_backup_age}."
    }
  }
}

# Only warns.
check "latest_backup_is_recent" {
  assert {
    condition     = timecmp(data.gaussdb_mysql_backup.latest.backup_begin_time, timeadd(plantimestamp(), "-24h")) > 0
    error_message = "The newest restorable backup of ${var.source_instance_id} is more than a day old."
  }
}

# Every argument of the official restore resource forces a new resource:
# fed from the pinned restore point, it restores once, and again only
# after restore_generation is raised.
resource "huaweicloud_taurusdb_restore" "target" {
  source_instance_id = var.source_instance_id
  target_instance_id = var.target_instance_id
  type               = "backup"
  backup_id          = terraform_data.restore_point.output.id
}

output "restored_from" {
  value = terraform_data.restore_point.output
}
