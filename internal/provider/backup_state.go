package provider

import (
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// backupsWriter writes the backups attribute of gaussdb_mysql_backups as
// msgpack, straight from the listing: the backups keep selects, in their
// order, each as backupTerraformAttributes makes it.
func backupsWriter(backups []gaussdb.Backup, keep func(gaussdb.Backup) bool, kept int) func(*msgpack.Encoder, tftypes.Type) error {
	return func(enc *msgpack.Encoder, listType tftypes.Type) error {
		objectType, names, err := objectAttributes(listType)
		if err != nil {
			return err
		}
		fields := make([]func(*msgpack.Encoder, *gaussdb.Backup) error, len(names))
		for i, name := range names {
			if fields[i] = backupFieldWriter(name, objectType.AttributeTypes[name]); fields[i] == nil {
				return unwrittenAttributeError(name)
			}
		}
		if err := enc.EncodeArrayLen(kept); err != nil {
			return err
		}
		for i := range backups {
			b := &backups[i]
			if !keep(*b) {
				continue
			}
			if err := enc.EncodeMapLen(len(names)); err != nil {
				return err
			}
			for j, name := range names {
				if err := enc.EncodeString(name); err != nil {
					return err
				}
				if err := fields[j](enc, b); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// backupFieldWriter returns what writes the attribute name of a backup, of
// type t; nil for an attribute it does not know.
func backupFieldWriter(name string, t tftypes.Type) func(*msgpack.Encoder, *gaussdb.Backup) error {
	switch name {
	case "id":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return enc.EncodeString(b.ID) }
	case "name":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return encodeOptionalString(enc, b.Name) }
	case "instance_id":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return enc.EncodeString(b.InstanceID) }
	case "instance_name":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return encodeOptionalString(enc, b.InstanceName) }
	case "begin_time":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error {
			begin, _ := storedTimes(b.BeginTime, b.EndTime)
			return encodeTime(enc, begin)
		}
	case "end_time":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error {
			_, end := storedTimes(b.BeginTime, b.EndTime)
			return encodeTime(enc, end)
		}
	case "status":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return enc.EncodeString(b.Status) }
	case "restorable":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return enc.EncodeBool(restorable(b.Status)) }
	case "take_up_time":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error {
			minutes, ok := takeUpMinutes(*b)
			if !ok {
				return enc.EncodeNil()
			}
			return enc.EncodeInt(minutes)
		}
	case "type":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return enc.EncodeString(b.Type) }
	case "size":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error {
			if b.Size == nil {
				return enc.EncodeNil()
			}
			return encodeNumber(enc, float64(*b.Size))
		}
	case "datastore":
		return datastoreWriter(t)
	case "backup_level":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error {
			if b.BackupLevel == nil {
				return enc.EncodeNil()
			}
			return enc.EncodeString(string(*b.BackupLevel))
		}
	case "description":
		return func(enc *msgpack.Encoder, b *gaussdb.Backup) error { return encodeOptionalString(enc, b.Description) }
	}
	return nil
}

// datastoreWriter writes a backup's datastore, an object of type t with
// type and version, or null; nil when t is not that object.
func datastoreWriter(t tftypes.Type) func(*msgpack.Encoder, *gaussdb.Backup) error {
	object, ok := t.(tftypes.Object)
	if !ok || len(object.AttributeTypes) != 2 || object.AttributeTypes["type"] == nil || object.AttributeTypes["version"] == nil {
		return nil
	}
	return func(enc *msgpack.Encoder, b *gaussdb.Backup) error {
		if b.Datastore == nil {
			return enc.EncodeNil()
		}
		// In the order of the attributes' names, as every object.
		for _, err := range []error{enc.EncodeMapLen(2),
			enc.EncodeString("type"), enc.EncodeString(b.Datastore.Type),
			enc.EncodeString("version"), enc.EncodeString(b.Datastore.Version)} {
			if err != nil {
				return err
			}
		}
		return nil
	}
}
