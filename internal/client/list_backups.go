package client

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
)

// Listing is the result of ListBackups.
type Listing struct {
	// Backups holds each matching backup once, newest first by begin_time,
	// ties broken by id.
	Backups []Backup
	// Warnings says what was odd about the answers without being fatal.
	Warnings []string
}

// ListBackups returns every backup that matches q, reading every page.
//
// The promise: every backup that existed from the start of the listing to
// its end, and matches q, is in the result exactly once; a backup created
// or deleted meanwhile may or may not be. When that cannot be made to hold,
// ListBackups fails rather than return a list that may have lost backups.
//
// The API lists newest first, so new backups go to the front and expired
// ones leave the end. Pages read out of order (concurrently, or a throttled
// page retried after later ones) can lose a backup that a new one pushed
// onto a page already read; such a pass shows it as a changed total_count or
// a backup on two pages, and is then read again in offset order, which
// cannot lose one (see readInOrder).
func (c *Client) ListBackups(ctx context.Context, q BackupQuery) (Listing, error) {
	// The API counts whole seconds; so do the filters applied here.
	q.BeginTime, q.EndTime = q.BeginTime.Truncate(time.Second), q.EndTime.Truncate(time.Second)
	sent, nothingToList := q.forAPI(c.now())
	if nothingToList {
		return Listing{Backups: []Backup{}}, nil
	}
	l := &lister{fetch: c.pageFetcher(sent), concurrency: c.concurrency}
	backups, err := l.list(ctx)
	if err != nil {
		return Listing{}, fmt.Errorf("listing backups: %w", err)
	}
	if err := q.checkAnswerable(backups); err != nil {
		return Listing{}, err
	}
	backups = slices.DeleteFunc(backups, func(b Backup) bool { return !q.matches(b) })
	sortNewestFirst(backups)
	return Listing{Backups: backups, Warnings: l.warnings}, nil
}

// sortNewestFirst orders backups newest first by begin_time, ties broken by
// id, and backups without a begin_time last.
func sortNewestFirst(backups []Backup) {
	slices.SortFunc(backups, func(a, b Backup) int {
		if c := b.BeginTime.Compare(a.BeginTime.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// pageFetcher returns a function that reads the page of q at an offset.
func (c *Client) pageFetcher(q BackupQuery) func(ctx context.Context, offset int) (page, error) {
	params := q.Parameters()
	params.Set("limit", strconv.Itoa(pageSize))
	path := "/v3/" + percentEncode(c.projectID) + "/backups"
	return func(ctx context.Context, offset int) (page, error) {
		pageParams := maps.Clone(params)
		pageParams.Set("offset", strconv.Itoa(offset))
		var body backupPage
		if err := c.getJSON(ctx, path, pageParams, &body); err != nil {
			return page{}, fmt.Errorf("page at offset %d: %w", offset, err)
		}
		p, err := body.page(offset)
		if err != nil {
			return page{}, fmt.Errorf("page at offset %d: %w", offset, err)
		}
		return p, nil
	}
}

func (c *Client) now() time.Time {
	if c.clock != nil {
		return c.clock()
	}
	return time.Now()
}
