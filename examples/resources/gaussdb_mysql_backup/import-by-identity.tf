# Terraform 1.12 or later. region and project_id may be left out: the
# provider's region, and its project there.
import {
  to = gaussdb_mysql_backup.before_migration
  identity = {
    backup_id = "6e3f1c2a9b8d4e5f8a7b6c5d4e3f2a1bbr01"
    region    = "cn-north-4"
  }
}
