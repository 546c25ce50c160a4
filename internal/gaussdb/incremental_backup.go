package gaussdb

import (
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
)

// Incremental backup types, as the API spells them: a binlog backup kept in
// the instance's region, and its copy in another region.
const (
	IncrementalTypeLog        = "Log"
	IncrementalTypeOffSiteLog = "OffSiteLog"
)

// IncrementalBackup is one incremental (binlog) backup as the API describes
// it. Pointer fields are nil when the API left them out.
type IncrementalBackup struct {
	ID         string  `json:"id"`
	Name       *string `json:"name"`
	InstanceID string  `json:"instance_id"`
	BeginTime  Time    `json:"begin_time"`
	EndTime    Time    `json:"end_time"`
	// Size is in KB, with decimals.
	Size       *Number `json:"size"`
	BackupType string  `json:"backup_type"`
}

// An incremental backup is listed by the lister: these are what it needs.

var _ listing.Record[IncrementalBackup] = IncrementalBackup{}

func (b IncrementalBackup) RecordID() string { return b.ID }

func (b IncrementalBackup) RecordTime() time.Time { return b.BeginTime.Time }

func (b IncrementalBackup) RecordEnd() time.Time { return b.EndTime.Time }

// RecordSize estimates the backup's size in Terraform's state, as
// Backup.RecordSize does.
func (b IncrementalBackup) RecordSize() int {
	size := 192 + len(b.ID) + len(b.InstanceID) + len(b.BackupType) + len(b.BeginTime.Raw) + len(b.EndTime.Raw)
	if b.Name != nil {
		size += len(*b.Name)
	}
	return size
}

// ConflictWith names a field that no incremental backup changes, but that
// differs between b and other.
func (b IncrementalBackup) ConflictWith(other IncrementalBackup) string {
	switch {
	case b.InstanceID != other.InstanceID:
		return "instance_id"
	case !b.BeginTime.Equal(other.BeginTime.Time) || b.BeginTime.Raw != other.BeginTime.Raw:
		return "begin_time"
	case b.BackupType != other.BackupType:
		return "backup_type"
	}
	return ""
}
