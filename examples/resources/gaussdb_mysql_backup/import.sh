# A manual backup by its ID, in the provider's region:
terraform import gaussdb_mysql_backup.before_migration 6e3f1c2a9b8d4e5f8a7b6c5d4e3f2a1bbr01

# In another region:
terraform import gaussdb_mysql_backup.before_migration cn-east-5/6e3f1c2a9b8d4e5f8a7b6c5d4e3f2a1bbr01
