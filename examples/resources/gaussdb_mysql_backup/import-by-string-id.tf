import {
  to = gaussdb_mysql_backup.before_migration
  id = "6e3f1c2a9b8d4e5f8a7b6c5d4e3f2a1bbr01"
}
