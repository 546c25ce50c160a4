# Terraform 1.14 or later:
#
#   terraform query                                     # list them
#   terraform query -generate-config-out=generated.tf   # and write config
#
# The manual backups of the account's project in the provider's region that
# a restore can use, newest first; each result carries its identity.
list "gaussdb_mysql_backup" "restorable" {
  provider         = gaussdb
  include_resource = true
  limit            = 50

  config {
    status = "COMPLETED"
  }
}

# Those of one instance, in another region.
list "gaussdb_mysql_backup" "orders_east" {
  provider = gaussdb
  limit    = 10

  config {
    region      = "cn-east-5"
    instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
  }
}
