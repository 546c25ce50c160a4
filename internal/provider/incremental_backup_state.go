package provider

import (
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// incrementalBackupsWriter writes the backups attribute of
// gaussdb_mysql_incremental_backups as msgpack, straight from the listing,
// each binlog as incrementalBackupsTerraformValue makes it.
func incrementalBackupsWriter(backups []gaussdb.IncrementalBackup) func(*msgpack.Encoder, tftypes.Type) error {
	return func(enc *msgpack.Encoder, listType tftypes.Type) error {
		_, names, err := objectAttributes(listType)
		if err != nil {
			return err
		}
		fields := make([]func(*msgpack.Encoder, *gaussdb.IncrementalBackup) error, len(names))
		for i, name := range names {
			if fields[i] = incrementalBackupFieldWriter(name); fields[i] == nil {
				return unwrittenAttributeError(name)
			}
		}
		if err := enc.EncodeArrayLen(len(backups)); err != nil {
			return err
		}
		for i := range backups {
			if err := enc.EncodeMapLen(len(names)); err != nil {
				return err
			}
			for j, name := range names {
				if err := enc.EncodeString(name); err != nil {
					return err
				}
				if err := fields[j](enc, &backups[i]); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// incrementalBackupFieldWriter returns what writes the attribute name of a
// binlog; nil for an attribute it does not know.
func incrementalBackupFieldWriter(name string) func(*msgpack.Encoder, *gaussdb.IncrementalBackup) error {
	switch name {
	case "id":
		return func(enc *msgpack.Encoder, b *gaussdb.IncrementalBackup) error { return enc.EncodeString(b.ID) }
	case "name":
		return func(enc *msgpack.Encoder, b *gaussdb.IncrementalBackup) error {
			return encodeOptionalString(enc, b.Name)
		}
	case "instance_id":
		return func(enc *msgpack.Encoder, b *gaussdb.IncrementalBackup) error { return enc.EncodeString(b.InstanceID) }
	case "begin_time":
		return func(enc *msgpack.Encoder, b *gaussdb.IncrementalBackup) error {
			begin, _ := storedTimes(b.BeginTime, b.EndTime)
			return encodeTime(enc, begin)
		}
	case "end_time":
		return func(enc *msgpack.Encoder, b *gaussdb.IncrementalBackup) error {
			_, end := storedTimes(b.BeginTime, b.EndTime)
			return encodeTime(enc, end)
		}
	case "backup_type":
		return func(enc *msgpack.Encoder, b *gaussdb.IncrementalBackup) error { return enc.EncodeString(b.BackupType) }
	case "size_kb":
		return func(enc *msgpack.Encoder, b *gaussdb.IncrementalBackup) error {
			if b.Size == nil {
				return enc.EncodeNil()
			}
			return encodeNumber(enc, float64(*b.Size))
		}
	}
	return nil
}
