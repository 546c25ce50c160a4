# terraform query (Terraform 1.14 or later) lists the manual backups of one
# instance, newest first, with their identities; with
# -generate-config-out=generated.tf it writes an import block and a resource
# block for each.
list "gaussdb_mysql_backup" "orders" {
  provider         = gaussdb
  include_resource = true
  limit            = 20

  config {
    instance_id = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
    status      = "COMPLETED"
  }
}
