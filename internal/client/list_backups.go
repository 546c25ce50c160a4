package client

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// PageSize is the number of backups asked for per request, the API's maximum.
const PageSize = 100

// maxPages stops a listing that never ends, e.g. against a server that
// ignores offset and reports a huge total_count: a million backups.
const maxPages = 10_000

// preallocateBackups bounds the room made up front from total_count, which
// the server may exaggerate.
const preallocateBackups = 20_000

// maxListingAttempts bounds how often a listing that changed while it was
// read is started again.
const maxListingAttempts = 3

// Listing is the result of ListBackups.
type Listing struct {
	// Backups holds each matching backup once, newest first by begin_time,
	// ties broken by id.
	Backups []Backup
	// Warnings says what was odd about the answers without being fatal.
	Warnings []string
}

// backupPage is one answer of GET /v3/{project_id}/backups.
type backupPage struct {
	Backups    []Backup `json:"backups"`
	TotalCount *int64   `json:"total_count"`
}

// ListBackups returns every backup that matches q, reading every page.
//
// Backups are created while a listing is under way (automated backups run on
// a schedule), which shifts items between pages. A listing that saw that
// happen is read again from the start, a bounded number of times.
func (c *Client) ListBackups(ctx context.Context, q BackupQuery) (Listing, error) {
	var listing Listing
	for attempt := 1; ; attempt++ {
		pages, err := c.readAllPages(ctx, q)
		if err != nil {
			return Listing{}, fmt.Errorf("listing backups: %w", err)
		}
		listing = Listing{Backups: pages.backups, Warnings: pages.warnings}
		if pages.changedWhileReading == "" {
			break
		}
		if attempt == maxListingAttempts {
			listing.Warnings = append(listing.Warnings, fmt.Sprintf(
				"the list of backups kept changing while it was read (%s), %d times in a row: "+
					"the result may miss a backup created meanwhile", pages.changedWhileReading, attempt))
			break
		}
		tflog.Debug(ctx, "backups changed during listing; reading them again", map[string]any{
			"reason": pages.changedWhileReading, "attempt": attempt,
		})
	}
	listing.Backups = slices.DeleteFunc(listing.Backups, func(b Backup) bool { return !q.matches(b) })
	SortNewestFirst(listing.Backups)
	return listing, nil
}

// pagedBackups is what one pass over the pages found.
type pagedBackups struct {
	backups  []Backup
	warnings []string
	// changedWhileReading says why the pages do not add up to one consistent
	// list, or is empty when they do.
	changedWhileReading string
}

// readAllPages reads offsets 0, 100, 200, ... until total_count items are in
// hand or a page comes back short, so N backups take ceil(N/100) requests.
// The first page's total_count says how many pages follow; those are read
// concurrently, and then put together in order.
func (c *Client) readAllPages(ctx context.Context, q BackupQuery) (pagedBackups, error) {
	fetch := c.pageFetcher(q)
	acc := pageAccumulator{seen: make(map[string]struct{})}
	first, err := fetch(ctx, 0)
	if err != nil {
		return acc.result, err
	}
	if done, err := acc.add(0, first); done || err != nil {
		return acc.result, err
	}

	following := int(min((acc.firstTotal+PageSize-1)/PageSize, maxPages))
	pages, err := c.fetchPages(ctx, fetch, 1, following)
	if err != nil {
		return acc.result, err
	}
	for i, page := range pages {
		if done, err := acc.add(1+i, page); done || err != nil {
			return acc.result, err
		}
	}
	// total_count grew while the pages were read: go on one page at a time.
	for page := max(following, 1); ; page++ {
		if page == maxPages {
			return acc.result, fmt.Errorf("stopped after %d pages: the server keeps sending more", maxPages)
		}
		body, err := fetch(ctx, page)
		if err != nil {
			return acc.result, err
		}
		if done, err := acc.add(page, body); done || err != nil {
			return acc.result, err
		}
	}
}

// pageFetcher returns a function that reads one page of q.
func (c *Client) pageFetcher(q BackupQuery) func(ctx context.Context, page int) (backupPage, error) {
	params := q.values()
	params.Set("limit", strconv.Itoa(PageSize))
	path := "/v3/" + PercentEncode(c.projectID) + "/backups"
	return func(ctx context.Context, page int) (backupPage, error) {
		pageParams := maps.Clone(params)
		pageParams.Set("offset", strconv.Itoa(page*PageSize))
		var body backupPage
		if err := c.getJSON(ctx, path, pageParams, &body); err != nil {
			return backupPage{}, fmt.Errorf("page at offset %d: %w", page*PageSize, err)
		}
		return body, nil
	}
}

// fetchPages reads pages [from, to) with at most c.concurrency requests in
// flight. The first failure cancels the others; the error of the earliest
// failed page is returned.
func (c *Client) fetchPages(ctx context.Context, fetch func(context.Context, int) (backupPage, error), from, to int) ([]backupPage, error) {
	if to <= from {
		return nil, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make([]backupPage, to-from)
	errs := make([]error, to-from)
	slots := make(chan struct{}, c.concurrency)
	var wg sync.WaitGroup
	for i := range pages {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			errs[i] = ctx.Err()
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			// Each goroutine logs with fields of its own: terraform-plugin-log
			// masks secrets by writing into the context's field map, which
			// goroutines sharing one context would write at once.
			pageCtx := tflog.SetField(ctx, "page_offset", (from+i)*PageSize)
			if pages[i], errs[i] = fetch(pageCtx, from+i); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return pages, nil
}

// pageAccumulator puts pages together in order and checks that they make
// one consistent list.
type pageAccumulator struct {
	result     pagedBackups
	seen       map[string]struct{}
	firstTotal int64
}

// add takes the page at index page and says whether the listing is complete.
func (a *pageAccumulator) add(page int, body backupPage) (bool, error) {
	offset := page * PageSize
	total, err := checkPage(body)
	if err != nil {
		return false, fmt.Errorf("page at offset %d: %w", offset, err)
	}
	if page == 0 {
		a.firstTotal = total
		a.result.backups = make([]Backup, 0, min(total, preallocateBackups))
	} else if total != a.firstTotal && a.result.changedWhileReading == "" {
		a.result.changedWhileReading = fmt.Sprintf("total_count went from %d to %d", a.firstTotal, total)
	}

	fresh := 0
	for _, b := range body.Backups {
		if _, dup := a.seen[b.ID]; dup {
			if a.result.changedWhileReading == "" {
				a.result.changedWhileReading = fmt.Sprintf("backup %s was on two pages", b.ID)
			}
			continue
		}
		a.seen[b.ID] = struct{}{}
		a.result.backups = append(a.result.backups, b)
		fresh++
	}
	if page > 0 && fresh == 0 && len(body.Backups) > 0 {
		return false, fmt.Errorf("the page at offset %d holds only backups already seen: "+
			"the server appears to ignore offset", offset)
	}

	received := int64(offset + len(body.Backups))
	if len(body.Backups) < PageSize {
		if received < total {
			a.result.warnings = append(a.result.warnings, fmt.Sprintf(
				"the API reported total_count %d but its pages held %d backups", total, received))
		}
		return true, nil
	}
	return received >= total, nil
}

// checkPage rejects answers that cannot be a page of this API and returns
// its total_count.
func checkPage(body backupPage) (int64, error) {
	switch {
	case body.Backups == nil:
		return 0, errors.New(`the answer has no "backups" list`)
	case body.TotalCount == nil:
		return 0, errors.New(`the answer has no "total_count"`)
	case *body.TotalCount < 0:
		return 0, fmt.Errorf("the answer has a negative total_count (%d)", *body.TotalCount)
	case *body.TotalCount > maxPages*PageSize:
		return 0, fmt.Errorf("the answer has an implausible total_count (%d)", *body.TotalCount)
	case len(body.Backups) > PageSize:
		return 0, fmt.Errorf("the answer holds %d backups, more than the %d asked for", len(body.Backups), PageSize)
	}
	return *body.TotalCount, nil
}

// SortNewestFirst orders backups newest first by begin_time, ties broken by
// id, and backups without a begin_time last.
func SortNewestFirst(backups []Backup) {
	slices.SortFunc(backups, func(a, b Backup) int {
		if c := b.BeginTime.Compare(a.BeginTime.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
