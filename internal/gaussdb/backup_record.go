package gaussdb

import (
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
)

// Backup is listed by the lister: these are what it needs to know.

var _ listing.Record[Backup] = Backup{}

func (b Backup) RecordID() string { return b.ID }

func (b Backup) RecordTime() time.Time { return b.BeginTime.Time }

func (b Backup) RecordEnd() time.Time { return b.EndTime.Time }

// RecordSize estimates the backup's size in Terraform's state: its text,
// and about as much again for the attribute names and encoding.
func (b Backup) RecordSize() int {
	size := 256 + len(b.ID) + len(b.InstanceID) + len(b.Status) + len(b.Type) + len(b.BeginTime.Raw) + len(b.EndTime.Raw)
	for _, s := range []*string{b.Name, b.InstanceName, b.Description} {
		if s != nil {
			size += len(*s)
		}
	}
	if b.Datastore != nil {
		size += len(b.Datastore.Type) + len(b.Datastore.Version)
	}
	return size
}

// ConflictWith names a field that no backup changes, but that differs
// between b and other: they cannot both be the backup with that id.
func (b Backup) ConflictWith(other Backup) string {
	switch {
	case b.InstanceID != other.InstanceID:
		return "instance_id"
	case !b.BeginTime.Equal(other.BeginTime.Time) || b.BeginTime.Raw != other.BeginTime.Raw:
		return "begin_time"
	case b.Type != other.Type:
		return "type"
	}
	return ""
}
