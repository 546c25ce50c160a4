package client

import (
	"net/url"
	"slices"
	"time"
)

// BackupQuery selects backups. Every field is optional; the zero value
// selects every backup of the project.
type BackupQuery struct {
	InstanceID string
	BackupID   string
	// BackupType is BackupTypeAuto or BackupTypeManual.
	BackupType string
	// BeginTime and EndTime bound the backups' start times; zero is unbounded.
	BeginTime time.Time
	EndTime   time.Time
	// Name and InstanceName are sent to the API and applied again here,
	// because older versions of the API ignore them.
	Name         string
	InstanceName string
	// Statuses keeps only backups in one of these statuses; empty keeps all.
	// The API has no such parameter: it is applied here only.
	Statuses []string
}

// values returns the query parameters the API understands.
func (q BackupQuery) values() url.Values {
	values := url.Values{}
	set := func(key, value string) {
		if value != "" {
			values.Set(key, value)
		}
	}
	set("instance_id", q.InstanceID)
	set("backup_id", q.BackupID)
	set("backup_type", q.BackupType)
	set("name", q.Name)
	set("instance_name", q.InstanceName)
	if !q.BeginTime.IsZero() {
		values.Set("begin_time", FormatAPITime(q.BeginTime))
	}
	if !q.EndTime.IsZero() {
		values.Set("end_time", FormatAPITime(q.EndTime))
	}
	return values
}

// matches applies the filters that the API may not apply itself.
func (q BackupQuery) matches(b Backup) bool {
	instanceName := ""
	if b.InstanceName != nil {
		instanceName = *b.InstanceName
	}
	return (q.Name == "" || b.Name == q.Name) &&
		(q.InstanceName == "" || instanceName == q.InstanceName) &&
		(len(q.Statuses) == 0 || slices.Contains(q.Statuses, b.Status))
}
