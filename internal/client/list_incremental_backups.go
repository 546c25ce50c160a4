package client

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"
)

// incrementalPageLimit is the largest page GET .../incremental-backups
// serves: it takes a limit of 10, 20 or 50 only.
const incrementalPageLimit = 50

// incrementalFloor is the begin_time sent with an end_time of the lister's
// when the query has none: the API takes the two only together. No
// GaussDB(for MySQL) backup began before it (the service dates from 2019).
var incrementalFloor = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// IncrementalBackupQuery selects the incremental backups of one instance.
type IncrementalBackupQuery struct {
	// InstanceID is required.
	InstanceID string
	// BeginTime and EndTime bound the backups' start times, inclusive, in
	// whole seconds; both or neither. They are sent to the API and applied
	// again here, since the API does not say which of a backup's times it
	// compares them with.
	BeginTime time.Time
	EndTime   time.Time
	// IncludeOffsite also lists the copies kept in another region
	// (display_offsite_backup).
	IncludeOffsite bool
}

// IncrementalListing is the result of ListIncrementalBackups.
type IncrementalListing struct {
	// Backups holds each matching backup once, newest first by begin_time,
	// ties broken by id; backups whose begin_time cannot be read come last.
	Backups []IncrementalBackup
	// Warnings say what was odd about the answers.
	Warnings []string
}

// ListIncrementalBackups returns every incremental backup that matches q,
// reading every page, with the same promise and proof as ListBackups.
func (c *Client) ListIncrementalBackups(ctx context.Context, q IncrementalBackupQuery) (IncrementalListing, error) {
	if q.InstanceID == "" {
		return IncrementalListing{}, errors.New("listing incremental backups: an instance ID is required")
	}
	if q.BeginTime.IsZero() != q.EndTime.IsZero() {
		return IncrementalListing{}, errors.New("listing incremental backups: begin_time and end_time go together")
	}
	q.BeginTime, q.EndTime = q.BeginTime.Truncate(time.Second), q.EndTime.Truncate(time.Second)
	now := c.now()
	if !q.BeginTime.IsZero() && q.BeginTime.After(now) {
		return IncrementalListing{Backups: []IncrementalBackup{}}, nil
	}
	sent := q
	if !q.EndTime.IsZero() && !q.EndTime.Before(now) {
		// The API may refuse an end_time later than its clock, and takes
		// begin_time only with one: the window is applied here only, and the
		// lister stops at its begin_time.
		sent.BeginTime, sent.EndTime = time.Time{}, time.Time{}
	}
	l := &lister[IncrementalBackup]{
		fetch: c.incrementalFetcher(sent), limit: incrementalPageLimit, concurrency: c.concurrency,
		floor: q.BeginTime, ceiling: sent.EndTime, now: c.now, maxBytes: c.maxListingBytes,
	}
	backups, err := l.list(ctx)
	if err != nil {
		return IncrementalListing{}, fmt.Errorf("listing incremental backups: %w", err)
	}
	backups = slices.DeleteFunc(backups, func(b IncrementalBackup) bool { return !q.matches(b) })
	slices.SortFunc(backups, func(a, b IncrementalBackup) int {
		if c := b.BeginTime.Compare(a.BeginTime.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	warnings := l.warnings
	for _, b := range backups {
		warnings = append(warnings, unreadableTimes("Incremental backup "+b.ID, b.BeginTime, b.EndTime,
			"it is listed with both times null")...)
	}
	if backups == nil {
		backups = []IncrementalBackup{}
	}
	return IncrementalListing{Backups: backups, Warnings: warnings}, nil
}

// Parameters returns the query parameters sent to the API for q (paging
// aside).
func (q IncrementalBackupQuery) Parameters() url.Values {
	values := url.Values{}
	if !q.BeginTime.IsZero() && !q.EndTime.IsZero() {
		values.Set("begin_time", FormatAPITime(q.BeginTime))
		values.Set("end_time", FormatAPITime(q.EndTime))
	}
	if q.IncludeOffsite {
		values.Set("display_offsite_backup", "true")
	}
	return values
}

// matches applies the time window again, to each backup's start time.
func (q IncrementalBackupQuery) matches(b IncrementalBackup) bool {
	return (q.BeginTime.IsZero() || !b.BeginTime.IsZero() && !b.BeginTime.Before(q.BeginTime)) &&
		(q.EndTime.IsZero() || !b.BeginTime.IsZero() && !b.BeginTime.After(q.EndTime))
}

// incrementalFetcher returns a function that reads one page of q. The
// lister's end_time goes with q's begin_time, or incrementalFloor: the API
// takes the two only together.
func (c *Client) incrementalFetcher(q IncrementalBackupQuery) func(ctx context.Context, req pageRequest) (page[IncrementalBackup], error) {
	path := "/v3/" + PercentEncode(c.projectID) + "/instances/" + PercentEncode(q.InstanceID) + "/incremental-backups"
	begin := q.BeginTime
	if begin.IsZero() {
		begin = incrementalFloor
	}
	return fetcher[IncrementalBackup](c, path, q.Parameters(), func(params url.Values, end time.Time) {
		params.Set("begin_time", FormatAPITime(begin))
		params.Set("end_time", FormatAPITime(end))
	})
}
