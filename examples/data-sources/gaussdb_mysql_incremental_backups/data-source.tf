# Every binlog backup of one instance, newest first.
data "gaussdb_mysql_incremental_backups" "orders" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
}

# When the newest binlog ends: how far a point-in-time restore can reach.
output "newest_binlog_end" {
  value = try(data.gaussdb_mysql_incremental_backups.orders.backups[0].end_time, null)
}

# The binlogs that started on one day (UTC), with their copies in another
# region. begin_time and end_time go together, as the API takes them.
data "gaussdb_mysql_incremental_backups" "one_day" {
  instance_id            = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  begin_time             = "2026-11-18T00:00:00Z"
  end_time               = "2026-11-18T23:59:59Z"
  display_offsite_backup = true
}

output "one_day_size_kb" {
  value = sum(concat([0], [for b in data.gaussdb_mysql_incremental_backups.one_day.backups : b.size_kb]))
}
