# The backup to restore from: the newest completed or available automated
# backup of an instance. Backups still BUILDING, and those that FAILED, are
# skipped by default (statuses).
data "gaussdb_mysql_backup" "restore_point" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  backup_type = "auto"
  most_recent = true
}

output "restore_from_backup_id" {
  value = data.gaussdb_mysql_backup.restore_point.id
}

output "restore_point_time" {
  value = data.gaussdb_mysql_backup.restore_point.backup_end_time
}

# One backup by ID: an error, not an empty result, if it does not exist or
# cannot be restored from.
data "gaussdb_mysql_backup" "pinned" {
  backup_id = "c0c9f155c7b7423a9d30f0175998b63bbr01"
}

# The newest manual backup taken before a date, whatever its status.
data "gaussdb_mysql_backup" "before_migration" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  backup_type = "manual"
  end_time    = "2026-06-01T00:00:00+08:00"
  statuses    = ["COMPLETED", "AVAILABLE", "FAILED"]
  most_recent = true
}
