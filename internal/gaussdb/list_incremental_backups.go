package gaussdb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
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
	// whole seconds; both or neither. The API does not say which of a
	// backup's times it compares them with: they are applied here, and
	// sent as BackupQuery's are (see there).
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
	if !q.BeginTime.IsZero() && q.BeginTime.After(c.now()) {
		return IncrementalListing{Backups: []IncrementalBackup{}}, nil
	}
	backups, warnings, err := listing.List(ctx, listing.Options[IncrementalBackup]{
		Fetch: c.incrementalFetcher(q), Refused: refused, Limit: incrementalPageLimit, Concurrency: c.concurrency,
		Floor: q.BeginTime, Ceiling: q.EndTime, Now: c.now, MaxBytes: c.maxListingBytes,
		Reading: &c.readings.incremental, SendsFloor: true,
	})
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
	for _, b := range backups {
		warnings = append(warnings, unreadableTimes("Incremental backup "+b.ID, b.BeginTime, b.EndTime,
			"it is listed with both times null")...)
	}
	if backups == nil {
		backups = []IncrementalBackup{}
	}
	return IncrementalListing{Backups: backups, Warnings: warnings}, nil
}

// Parameters returns the filters sent to the API with every request of
// q; the listing adds paging, and begin_time and end_time while it may.
func (q IncrementalBackupQuery) Parameters() url.Values {
	values := url.Values{}
	if q.IncludeOffsite {
		values.Set("display_offsite_backup", "true")
	}
	return values
}

// matches applies the time window to each backup's start time, and keeps
// the copies in other regions only when asked for, whatever the API did
// with display_offsite_backup.
func (q IncrementalBackupQuery) matches(b IncrementalBackup) bool {
	return (q.BeginTime.IsZero() || !b.BeginTime.IsZero() && !b.BeginTime.Before(q.BeginTime)) &&
		(q.EndTime.IsZero() || !b.BeginTime.IsZero() && !b.BeginTime.After(q.EndTime)) &&
		(q.IncludeOffsite || b.BackupType != IncrementalTypeOffSiteLog)
}

// incrementalFetcher returns a function that reads one page of q. The API
// takes begin_time only with end_time: the lister's end_time goes with its
// own begin_time, or incrementalFloor.
func (c *Client) incrementalFetcher(q IncrementalBackupQuery) func(ctx context.Context, req listing.Request) (listing.Page[IncrementalBackup], error) {
	path := "/v3/" + transport.PercentEncode(c.projectID) + "/instances/" + transport.PercentEncode(q.InstanceID) + "/incremental-backups"
	return fetcher[IncrementalBackup](c, path, q.Parameters(), func(params url.Values, after, before time.Time) {
		if after.IsZero() {
			after = incrementalFloor
		}
		params.Set("begin_time", FormatAPITime(after))
		params.Set("end_time", FormatAPITime(before))
	})
}
