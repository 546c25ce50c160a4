package gaussdb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// backupsPageLimit is the largest page GET /v3/{project_id}/backups serves.
const backupsPageLimit = 100

// Listing is the result of ListBackups.
type Listing struct {
	// Backups holds each matching backup once, newest first by begin_time,
	// ties broken by id; backups whose begin_time cannot be read come last.
	Backups []Backup
	// Warnings say what was odd about the answers; none of them means the
	// list is incomplete (an incomplete list is an error).
	Warnings []string
}

// ListBackups returns every backup that matches q, reading every page.
//
// The promise: every backup that matches q and existed from the start of
// the listing to its end is in the result exactly once; a backup created
// or deleted meanwhile may or may not be. When the answers cannot prove
// that, ListBackups fails rather than return a list that may lack backups
// (see the listing's proof, in package listing).
func (c *Client) ListBackups(ctx context.Context, q BackupQuery) (Listing, error) {
	return c.listBackups(ctx, q, 0, nil)
}

// ListNewestBackups returns the newest n backups that match q and that
// keep selects (nil: all), newest first, reading only the pages it needs:
// the backups that began after the last second read are proven all read,
// and the listing stops once n of those are held (see the listing's proof).
func (c *Client) ListNewestBackups(ctx context.Context, q BackupQuery, n int, keep func(Backup) bool) (Listing, error) {
	if n <= 0 {
		return Listing{Backups: []Backup{}}, nil
	}
	return c.listBackups(ctx, q, n, keep)
}

// listBackups lists the backups that match q and keep (nil: all): every
// one, or the newest of them when newest is above zero.
func (c *Client) listBackups(ctx context.Context, q BackupQuery, newest int, keep func(Backup) bool) (Listing, error) {
	// The API counts whole seconds; so do the filters applied here.
	q.BeginTime, q.EndTime = q.BeginTime.Truncate(time.Second), q.EndTime.Truncate(time.Second)
	if q.selectsNothing(c.now()) {
		return Listing{Backups: []Backup{}}, nil
	}
	selected := func(b Backup) bool { return q.matches(b) && (keep == nil || keep(b)) }
	backups, warnings, err := listing.List(ctx, listing.Options[Backup]{
		Fetch: c.pageFetcher(q), Refused: refused, Limit: backupsPageLimit, Concurrency: c.concurrency,
		Floor: q.BeginTime, Ceiling: q.EndTime, Now: c.now, MaxBytes: c.maxListingBytes,
		Newest: newest, Keep: selected, Reading: &c.readings.backups,
	})
	if err != nil {
		return Listing{}, fmt.Errorf("listing backups: %w", err)
	}
	if err := q.checkAnswerable(backups); err != nil {
		return Listing{}, err
	}
	backups = slices.DeleteFunc(backups, func(b Backup) bool { return !selected(b) })
	sortNewestFirst(backups)
	if newest > 0 {
		backups = backups[:min(newest, len(backups))]
	}
	for _, b := range backups {
		warnings = append(warnings, unreadableTimes("Backup "+b.ID, b.BeginTime, b.EndTime,
			"it is listed with both times null, and gaussdb_mysql_backup never picks it as the most recent")...)
	}
	if backups == nil {
		backups = []Backup{}
	}
	return Listing{Backups: backups, Warnings: warnings}, nil
}

// unreadableTimes warns of each of a record's times that the provider
// cannot read, saying what follows.
func unreadableTimes(record string, begin, end Time, consequence string) []string {
	var warnings []string
	for _, t := range []struct {
		name string
		time Time
	}{{"begin_time", begin}, {"end_time", end}} {
		if t.time.Unreadable() {
			warnings = append(warnings, fmt.Sprintf("%s has a %s the provider cannot read (%q): %s.", record,
				t.name, t.time.Raw, consequence))
		}
	}
	return warnings
}

// sortNewestFirst orders backups newest first by begin_time, ties broken by
// id, and backups without a readable begin_time last.
func sortNewestFirst(backups []Backup) {
	slices.SortFunc(backups, func(a, b Backup) int {
		if c := b.BeginTime.Compare(a.BeginTime.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// pageFetcher returns a function that reads one page of q.
func (c *Client) pageFetcher(q BackupQuery) func(ctx context.Context, req listing.Request) (listing.Page[Backup], error) {
	return fetcher[Backup](c, "/v3/"+transport.PercentEncode(c.projectID)+"/backups", q.Parameters(), func(params url.Values, after, before time.Time) {
		if !after.IsZero() {
			params.Set("begin_time", FormatAPITime(after))
		}
		if !before.IsZero() {
			params.Set("end_time", FormatAPITime(before))
		}
	})
}

// fetcher returns a function that reads one page of a listing API at path
// with params; withWindow sets the parameters of the lister's begin_time
// and end_time (zero: none).
func fetcher[T listing.Record[T]](c *Client, path string, params url.Values, withWindow func(params url.Values, after, before time.Time)) func(ctx context.Context, req listing.Request) (listing.Page[T], error) {
	return func(ctx context.Context, req listing.Request) (listing.Page[T], error) {
		pageParams := maps.Clone(params)
		pageParams.Set("offset", strconv.Itoa(req.Offset))
		pageParams.Set("limit", strconv.Itoa(req.Limit))
		if !req.AtOrBefore.IsZero() || !req.AtOrAfter.IsZero() {
			withWindow(pageParams, req.AtOrAfter, req.AtOrBefore)
		}
		var body []byte
		if err := c.getJSON(ctx, path, pageParams, &body); err != nil {
			return listing.Page[T]{}, fmt.Errorf("page (%s): %w", req, err)
		}
		answer, err := listing.DecodeAnswer[T](body)
		if err != nil {
			return listing.Page[T]{}, fmt.Errorf("page (%s): decoding the answer: %w", req, err)
		}
		p, err := answer.Page(req)
		if err != nil {
			return listing.Page[T]{}, fmt.Errorf("page (%s): %w", req, err)
		}
		return p, nil
	}
}

// refused says whether err is the API refusing a request as invalid.
func refused(err error) bool {
	var apiErr *transport.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest
}

func (c *Client) now() time.Time {
	if c.clock != nil {
		return c.clock()
	}
	return time.Now()
}
