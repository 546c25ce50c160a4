# A backup that an interrupt (Ctrl-C) stops the change for: the resource,
# not the action. The change depends on the backup, so it runs only once
# the backup is COMPLETED or AVAILABLE; an interrupted or failed backup
# fails the apply before it. A new schema version names a new backup,
# taken before the old one is deleted.
variable "schema_version" {
  type    = string
  default = "2026-11-30"
}

resource "gaussdb_mysql_backup" "before_migration" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  name        = "before-schema-${replace(var.schema_version, ".", "-")}"

  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "schema_migration" {
  input      = var.schema_version
  depends_on = [gaussdb_mysql_backup.before_migration]
}
