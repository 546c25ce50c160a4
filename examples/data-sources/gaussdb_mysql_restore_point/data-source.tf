# The newest state the instance can be restored to, and how.
data "gaussdb_mysql_restore_point" "latest" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
}

output "latest" {
  value = {
    type            = data.gaussdb_mysql_restore_point.latest.type
    restore_time    = data.gaussdb_mysql_restore_point.latest.restore_time
    restore_time_ms = data.gaussdb_mysql_restore_point.latest.restore_time_ms
    backup_id       = data.gaussdb_mysql_restore_point.latest.backup_id
  }
}

# The newest state before a migration that went wrong started.
data "gaussdb_mysql_restore_point" "before_migration" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  not_after   = "2026-11-18T12:00:00+08:00"
}

output "before_migration" {
  value = data.gaussdb_mysql_restore_point.before_migration.restore_time
}
