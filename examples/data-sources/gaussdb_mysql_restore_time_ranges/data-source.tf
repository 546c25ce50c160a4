# The whole restore window of an instance, over its retention period.
data "gaussdb_mysql_restore_time_ranges" "orders" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
}

output "latest_restorable_time" {
  value = data.gaussdb_mysql_restore_time_ranges.orders.latest_restorable_time
}

# Can the instance be restored to a given point? Both ends of a range are
# restorable.
locals {
  wanted = "2026-11-18T10:00:00Z"
}

output "wanted_is_restorable" {
  value = anytrue([
    for r in data.gaussdb_mysql_restore_time_ranges.orders.ranges :
    timecmp(r.begin_time, local.wanted) <= 0 && timecmp(local.wanted, r.end_time) <= 0
  ])
}

# The ranges within one day, in UTC.
data "gaussdb_mysql_restore_time_ranges" "one_day" {
  instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  date        = "2026-11-18"
}

output "ranges_on_2026_11_18" {
  value = data.gaussdb_mysql_restore_time_ranges.one_day.ranges
}
