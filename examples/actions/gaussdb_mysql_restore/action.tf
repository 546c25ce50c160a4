# Terraform 1.14 or later. Restore the staging instance from the newest point
# of production, only when invoked:
#
#   terraform apply -invoke=action.gaussdb_mysql_restore.staging_from_production
#
# A plan or an apply without -invoke never restores.
data "gaussdb_mysql_restore_point" "production" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
}

action "gaussdb_mysql_restore" "staging_from_production" {
  config {
    source_instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
    target_instance_id = "7c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5in07"
    restore_time       = data.gaussdb_mysql_restore_point.production.restore_time
    timeout            = "2h"
  }
}

# Restore a chosen backup into the source instance itself: its data is
# replaced, which has to be asked for.
action "gaussdb_mysql_restore" "roll_back_production" {
  config {
    source_instance_id     = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
    target_instance_id     = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
    backup_id              = "6e3f1c2a9b8d4e5f8a7b6c5d4e3f2a1bbr01"
    allow_overwrite_source = true
  }
}
