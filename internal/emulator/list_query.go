package emulator

import (
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// idPattern is what the API accepts as an instance or backup id: letters,
// digits and dashes (the cloud's own are 32 hex digits and a suffix).
var idPattern = regexp.MustCompile(`^[0-9A-Za-z-]{0,64}$`)

// listQuery is a parsed, validated GET /v3/{project_id}/backups query.
type listQuery struct {
	instanceID, backupID, backupType, name, instanceName string
	begin, end                                           time.Time
	offset, limit                                        int
	// readings say how the window is applied.
	readings Readings
}

// parseListQuery validates the query as the API does at now, returning the
// message of the first problem found.
func parseListQuery(values url.Values, quirks Quirks, now time.Time) (listQuery, *message) {
	q := listQuery{
		instanceID: values.Get("instance_id"),
		backupID:   values.Get("backup_id"),
		backupType: values.Get("backup_type"),
		offset:     0,
		limit:      100,
	}
	if !quirks.Pre2023 {
		q.name, q.instanceName = values.Get("name"), values.Get("instance_name")
	}
	for name, id := range map[string]string{"instance_id": q.instanceID, "backup_id": q.backupID} {
		if !idPattern.MatchString(id) {
			m := msgInvalidParameter(name)
			return q, &m
		}
	}
	if q.backupType != "" && q.backupType != "auto" && q.backupType != "manual" {
		m := msgInvalidParameter("backup_type")
		return q, &m
	}
	if v := values.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			m := msgInvalidParameter("offset")
			return q, &m
		}
		q.offset = n
	}
	if v := values.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			m := msgInvalidParameter("limit")
			return q, &m
		}
		q.limit = n
	}
	for _, bound := range []struct {
		name string
		into *time.Time
	}{{"begin_time", &q.begin}, {"end_time", &q.end}} {
		v := values.Get(bound.name)
		if v == "" {
			continue
		}
		t, err := time.Parse(apiTimeLayout, v)
		if err != nil {
			m := msgInvalidParameter(bound.name)
			return q, &m
		}
		if quirks.RejectFutureTimes && !t.Before(now) {
			m := msgTimeNotBeforeNow(bound.name)
			return q, &m
		}
		*bound.into = t
	}
	if !q.begin.IsZero() && !q.end.IsZero() && !q.end.After(q.begin) {
		m := msgEndNotAfterBegin()
		return q, &m
	}
	return q, nil
}

// filters says whether the query selects anything less than every backup.
func (q listQuery) filters() bool {
	return q.instanceID != "" || q.backupID != "" || q.backupType != "" || q.name != "" ||
		q.instanceName != "" || !q.begin.IsZero() || !q.end.IsZero()
}

// matches says whether a backup is selected by the query's filters, the
// window as the readings apply it.
func (q listQuery) matches(b Backup) bool {
	return (q.instanceID == "" || b.InstanceID == q.instanceID) &&
		(q.backupID == "" || b.ID == q.backupID) &&
		(q.backupType == "" || b.Type == q.backupType) &&
		(q.name == "" || b.Name == q.name) &&
		(q.instanceName == "" || b.InstanceName == q.instanceName) &&
		q.readings.keeps(q.begin, q.end, b.BeginTime, b.EndTime)
}
