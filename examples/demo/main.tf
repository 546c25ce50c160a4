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

variable "instance_id" {
  type        = string
  description = "The instance to find a restore point of."
}

provider "gaussdb" {
  endpoints = {
    gaussdb = var.gaussdb_endpoint
  }
}

# Every backup of the project, newest first.
data "gaussdb_mysql_backups" "all" {}

# The restore point: the newest backup of the instance that a restore can use
# (COMPLETED or AVAILABLE). gaussdb_mysql_backup fails when there is none, so
# it is read only when the list holds one; `restorable` is the provider's own
# definition, the same one gaussdb_mysql_backup applies.
data "gaussdb_mysql_backup" "restore_point" {
  count = anytrue([
    for b in data.gaussdb_mysql_backups.all.backups : b.restorable && b.instance_id == var.instance_id
  ]) ? 1 : 0

  instance_id = var.instance_id
  most_recent = true
}

output "backup_count" {
  value = data.gaussdb_mysql_backups.all.total_count
}

output "restore_point" {
  value = length(data.gaussdb_mysql_backup.restore_point) == 0 ? null : {
    instance_id   = data.gaussdb_mysql_backup.restore_point[0].instance_id
    instance_name = data.gaussdb_mysql_backup.restore_point[0].instance_name
    id            = data.gaussdb_mysql_backup.restore_point[0].id
    status        = data.gaussdb_mysql_backup.restore_point[0].status
    begin_time    = data.gaussdb_mysql_backup.restore_point[0].backup_begin_time
  }
}

output "restore_point_summary" {
  value = length(data.gaussdb_mysql_backup.restore_point) == 0 ? "none for instance ${var.instance_id} (no COMPLETED or AVAILABLE backup yet)" : format(
    "instance %s (%s): backup %s, %s, started %s",
    data.gaussdb_mysql_backup.restore_point[0].instance_id,
    coalesce(data.gaussdb_mysql_backup.restore_point[0].instance_name, "no name"),
    data.gaussdb_mysql_backup.restore_point[0].id,
    data.gaussdb_mysql_backup.restore_point[0].status,
    data.gaussdb_mysql_backup.restore_point[0].backup_begin_time,
  )
}

# The newest point the instance can be restored to: a point in time when its
# binlogs reach past the newest restorable backup, the backup otherwise.
data "gaussdb_mysql_restore_point" "newest" {
  count = length(data.gaussdb_mysql_backup.restore_point)

  instance_id = var.instance_id
}

output "newest_restore_point_summary" {
  value = length(data.gaussdb_mysql_restore_point.newest) == 0 ? "none" : format(
    "%s at %s (from backup %s)",
    data.gaussdb_mysql_restore_point.newest[0].type,
    data.gaussdb_mysql_restore_point.newest[0].restore_time,
    data.gaussdb_mysql_restore_point.newest[0].backup_id,
  )
}
