package gaussdb

import (
	"fmt"
	"net/url"
	"time"
)

// BackupQuery selects backups. Every field is optional; the zero value
// selects every backup of the project.
type BackupQuery struct {
	// InstanceID, BackupID and BackupType are applied by the API.
	InstanceID string
	BackupID   string
	// BackupType is BackupTypeAuto or BackupTypeManual.
	BackupType string
	// BeginTime and EndTime bound the backups' start times, inclusive, in
	// whole seconds; zero is unbounded. The API does not say which of a
	// backup's times it compares them with, so begin_time is never sent
	// (the listing stops there itself), end_time is sent only while the
	// API is seen to keep every backup that began by it, and both are
	// applied here.
	BeginTime time.Time
	EndTime   time.Time
	// Name and InstanceName are sent to the API and applied again here,
	// because deployments from before 2023 ignore them.
	Name         string
	InstanceName string
}

// selectsNothing says whether q can match no backup at now: one that
// begins after now.
func (q BackupQuery) selectsNothing(now time.Time) bool {
	return !q.BeginTime.IsZero() && q.BeginTime.After(now)
}

// Parameters returns the filters sent to the API with every request of
// q; the listing adds paging, and end_time while it may (see BeginTime).
func (q BackupQuery) Parameters() url.Values {
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
	return values
}

// FilterNotAppliedError is an answer that cannot show whether the API
// applied a filter: a deployment from before 2023 neither returns
// instance_name nor honours the name and instance_name filters, so
// keeping its backups could list every instance's, and dropping them could
// list none.
type FilterNotAppliedError struct {
	// Filter is the query parameter, e.g. instance_name.
	Filter string
	// BackupID is a backup returned without the field.
	BackupID string
}

func (e *FilterNotAppliedError) Error() string {
	return fmt.Sprintf("the API returned backup %s without %s, so it cannot be told whether the API applied the "+
		"%s filter: this deployment of the API is older (before 2023) and ignores that filter. Filter by "+
		"instance_id (and the other filters) instead", e.BackupID, e.Filter, e.Filter)
}

// checkAnswerable fails when a filter that the API may ignore cannot be
// checked here, because the answer lacks the field it compares.
func (q BackupQuery) checkAnswerable(backups []Backup) error {
	for _, b := range backups {
		if q.InstanceName != "" && b.InstanceName == nil {
			return &FilterNotAppliedError{Filter: "instance_name", BackupID: b.ID}
		}
		if q.Name != "" && b.Name == nil {
			return &FilterNotAppliedError{Filter: "name", BackupID: b.ID}
		}
	}
	return nil
}

// matches applies the filters that the API may not apply itself, or may
// apply to another of a backup's times.
func (q BackupQuery) matches(b Backup) bool {
	return (q.Name == "" || b.Name != nil && *b.Name == q.Name) &&
		(q.InstanceName == "" || b.InstanceName != nil && *b.InstanceName == q.InstanceName) &&
		(q.BeginTime.IsZero() || !b.BeginTime.IsZero() && !b.BeginTime.Before(q.BeginTime)) &&
		(q.EndTime.IsZero() || !b.BeginTime.IsZero() && !b.BeginTime.After(q.EndTime))
}
