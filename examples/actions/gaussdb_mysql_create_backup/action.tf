# Terraform 1.14 or later. Take a manual backup before every change of the
# schema version, and wait until it is done; a failed backup stops the apply
# before the migration runs.
variable "schema_version" {
  type    = string
  default = "2026-11-30"
}

action "gaussdb_mysql_create_backup" "before_migration" {
  config {
    instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
    name        = "before-schema-${replace(var.schema_version, ".", "-")}"
    description = "Taken before the migration to schema ${var.schema_version}"
  }
}

resource "terraform_data" "schema_migration" {
  input = var.schema_version

  lifecycle {
    action_trigger {
      events  = [before_update]
      actions = [action.gaussdb_mysql_create_backup.before_migration]
    }
  }
}
