# Every backup of one instance, newest first.
data "gaussdb_mysql_backups" "orders" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
}

# How many backups a restore could use. To pick one, use gaussdb_mysql_backup
# with most_recent = true: it applies the same rule (restorable) and fails
# when there is none.
output "restorable_backup_count" {
  value = length([for b in data.gaussdb_mysql_backups.orders.backups : b if b.restorable])
}

# Completed automated backups of the first week of July 2020; times may be
# written in RFC 3339 or in the API's form (2020-07-06T10:41:14+0800).
data "gaussdb_mysql_backups" "july" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  backup_type = "auto"
  status      = "COMPLETED"
  begin_time  = "2020-07-01T00:00:00+08:00"
  end_time    = "2020-07-08T00:00:00+08:00"
}

output "july_backup_count" {
  value = data.gaussdb_mysql_backups.july.total_count
}
