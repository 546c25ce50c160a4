# A manual backup, taken before a schema change. The apply returns once a
# restore can use it (COMPLETED or AVAILABLE); destroy deletes it and waits
# until it is gone.
resource "gaussdb_mysql_backup" "before_migration" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  name        = "before-migration-2026-11"
  description = "Taken before the orders schema migration"

  timeouts {
    create = "90m"
  }
}

output "before_migration_backup_id" {
  value = gaussdb_mysql_backup.before_migration.id
}
