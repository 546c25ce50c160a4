package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/sync/errgroup"
)

// The listing's proof.
//
// A listing returns a list only when the answers it read prove that the
// list holds every backup that lasted through the listing (existed from
// its first request to its last), each once, and nothing the API did not
// return. Otherwise it reads again, and in the end fails, saying why. A
// backup created or deleted during the listing may or may not be listed.
//
// What is assumed of the API; everything else is checked:
//
//	A1 An answer is the list at one moment: the backups that match,
//	   newest first by begin_time, from position offset, at most limit of
//	   them. Backups that began in the same second come in any order, which
//	   may differ from one answer to the next.
//	A2 A backup created during the listing begins then: it is at least as
//	   new as every backup that exists.
//	A3 The first answer's total_count, when pass 1 uses it, is the number
//	   of backups that match at that moment.
//	A4 A fault does not give the same wrong answer to two requests in a
//	   row: two alike answers are what the API serves.
//
// An answer is "short" when it holds fewer backups than the page size,
// which is the limit asked for, or less when the API is seen to cap its
// pages (two alike short answers while total_count says more follow).
// A short answer is never taken as the end of the list on its own: only
// when its total_count agrees, or, when the count is missing or already
// shown wrong, when a second answer to the same request is alike (A4). An
// id twice in one answer, or one id answered with two begin_times, is an
// error: one of them is not that backup.
//
// Pass 1, by count (concurrent; ceil(N/L) requests when the API is right).
// Page 0 gives total_count C. The pages at offsets L, 2L, ... below C are
// read at once, and the pass succeeds when
//
//	(1a) every answer says total_count C,
//	(1b) every page holds L backups but the last, which holds the rest of C,
//	(1c) no backup is on two pages, and
//	(1d) each page is newest first, and the backups where two pages meet
//	     began in different seconds, the later page's older.
//
// Why that is every lasting backup: say the backups around the start of
// page k have moved by s_k positions since page 0 was read (backups
// created since push them back, by A2; backups deleted ahead pull them
// forward), s_0 = 0. A backup is missed between pages k and k+1 only if
// s_{k+1} < s_k, and one lands on both only if s_{k+1} > s_k, which (1c)
// excludes: so the s_k never rise. By (1b) the last page ends at position C
// at its moment, so the list then had at least C backups, as many as at
// page 0's (A3): every deletion since is matched by a creation, which is
// in front of everything (A2), so s_last >= 0 = s_0. Shifts that never rise
// and end where they began never fell: no backup was missed. (1d) keeps
// backups that began in the same second, whose order may differ between
// answers, from straddling two pages. A page that breaks (1a) or (1b)
// stops the pass at once, so a wrong count costs a few requests, not
// C/L; any failed check leads to pass 2.
//
// Pass 2, by time (in order; any count, or none). The frontier F is a
// time such that every lasting backup that began after F has been read.
// Page 0 is the top of the list, so after it F is the begin_time of its
// last backup. Each step asks, from offset 0, for the backups that began
// at or before F (end_time = F + 1 s, so that those of the second F come
// whether the API's bound includes its end or not). By A1 that answer is
// the top of the list of such backups at its moment: it holds every one
// that began after its last backup's second and at or before F, so F moves
// to that second; the backups of that second are read again, from the top,
// by the next step, whatever their order. No offset is used, so backups
// created or deleted meanwhile move nothing that matters, and an API that
// misreads offset does not matter. A short step ends the list when its
// count agrees or two alike answers say so; when its count says more
// follow, two alike answers show a capped page size and F moves on, or,
// when F cannot move, the count and the answers disagree for good: an
// error. A full step whose backups all began in the second F cannot move
// F: more than a page of backups began in that second, which no request
// can list in full, and that is an error naming the way out (narrower
// filters). An answer that holds a backup that began after the end_time
// sent breaks A1 for this pass: an error.
// The newest N only (a list resource's limit). Pass 2 alone: after page 0
// and after each step, every lasting backup that began after the frontier's
// second has been read, so once N of those are held they are the newest N,
// whatever lies below; pass 1 could prove its pages only with all the pages
// after them.
type lister[T record[T]] struct {
	fetch func(ctx context.Context, req pageRequest) (page[T], error)
	// limit is the largest page the API serves.
	limit       int
	concurrency int
	// floor and ceiling are the query's own begin_time and end_time (zero
	// for none): pass 2 stops below the floor and never asks past the
	// ceiling.
	floor, ceiling time.Time
	now            func() time.Time
	// maxBytes bounds the records of one listing (recordSet).
	maxBytes int64
	// newest, when above zero, asks only for the newest records: the
	// listing reads by time from the top, and stops once the records that
	// began after the frontier, which are proven all read, hold newest
	// that keep selects (nil: all).
	newest int
	keep   func(T) bool

	// firstCount is page 0's total_count, which errors quote.
	firstCount totalCount
	// largest is the most records any answer held: the page size the API
	// is seen to serve.
	largest int
	// cappedAt is a frontier where the API was seen to serve more than
	// its answer from offset 0 held.
	cappedAt time.Time

	mu       sync.Mutex
	warnings []string
	warned   map[string]bool
}

// maxReadsOfOnePage bounds how often one request is repeated while its
// answers keep changing.
const maxReadsOfOnePage = 6

// errNotProven stops pass 1 at the first answer that contradicts it.
var errNotProven = errors.New("pass 1 not proven")

// list returns every record of the listing, in the order first read.
func (l *lister[T]) list(ctx context.Context) ([]T, error) {
	req := pageRequest{offset: 0, limit: l.limit}
	first, err := l.read(ctx, req)
	if err != nil {
		return nil, err
	}
	l.firstCount = first.count
	// An empty answer has nothing to read on from: only a second alike
	// answer shows that the list is empty.
	first, err = l.settle(ctx, req, first, func(p page[T]) bool { return len(p.records) == 0 && !agrees(p) })
	if err != nil {
		return nil, err
	}
	if len(first.records) == 0 && countSaysMore(first) {
		return nil, l.countSaysMoreError(first)
	}
	l.firstCount = first.count
	if agrees(first) || len(first.records) == 0 {
		set := newRecordSet[T](l.maxBytes, len(first.records))
		return set.records, set.add(first.records)
	}
	if l.newest > 0 {
		// Offsets cannot prove a prefix without the pages after it; time can.
		return l.byTime(ctx, first)
	}
	pageSize := l.limit
	countSaysMore := first.count.known && first.count.value > int64(len(first.records))
	if len(first.records) < l.limit && countSaysMore {
		// The API serves fewer than asked (a cap, or a fault): pass 1
		// reads pages of that size, and proves them or not.
		pageSize = len(first.records)
	}
	if !countSaysMore {
		return l.byTime(ctx, first)
	}
	records, notProven, err := l.byCount(ctx, first, pageSize)
	if err != nil || notProven == "" {
		return records, err
	}
	tflog.Debug(ctx, "the pages read by count do not prove the list complete; reading it by time",
		map[string]any{"reason": notProven})
	records, err = l.byTime(ctx, first)
	if err != nil {
		return nil, fmt.Errorf("%w (read by offset first, the pages did not add up: %s)", err, notProven)
	}
	return records, nil
}

// countSaysMore says whether an answer's total_count says more backups
// match than the answer reaches.
func countSaysMore[T record[T]](p page[T]) bool {
	return p.count.known && p.count.value > int64(p.req.offset+len(p.records))
}

// agrees says whether an answer from offset 0 holds as many records as its
// total_count says match.
func agrees[T record[T]](p page[T]) bool {
	return p.count.known && p.count.value == int64(len(p.records))
}

// settle asks req again while its answer p is one that nothing can be read
// on from (unsettled), until two answers in a row are alike (A4): the list
// ends there, unless the answers were faults. It returns the first answer
// that is not unsettled, or the second of two alike.
func (l *lister[T]) settle(ctx context.Context, req pageRequest, p page[T], unsettled func(page[T]) bool) (page[T], error) {
	for reads := 2; unsettled(p); reads++ {
		again, err := l.read(ctx, req)
		if err != nil {
			return again, err
		}
		if alike(p, again) {
			if !countSaysMore(again) {
				l.noteEndWithoutCount(again.count)
			}
			return again, nil
		}
		if reads == maxReadsOfOnePage && unsettled(again) {
			return again, fmt.Errorf("the API answered the same request (%s) %d times in a row with different "+
				"backups, the last time %d: a list read from such answers cannot be proven complete", req, reads,
				len(again.records))
		}
		p = again
	}
	return p, nil
}

// read sends one request, and checks its answer on its own. An answer
// that holds one id twice is asked for again: only when the API keeps
// answering so is it an error.
func (l *lister[T]) read(ctx context.Context, req pageRequest) (page[T], error) {
	for reads := 1; ; reads++ {
		p, err := l.fetch(ctx, req)
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && (req.offset > 0 || !req.atOrBefore.IsZero()) {
			// The same query was accepted from offset 0 with no end_time of
			// the lister's: what was refused is the paging.
			return p, &PagingRejectedError{Request: req.String(), Err: err}
		}
		if err != nil {
			return p, err
		}
		if _, err := p.check(); err != nil {
			if reads < maxReadsOfOnePage {
				tflog.Debug(ctx, "reading an answer again", map[string]any{"reason": err.Error()})
				continue
			}
			return p, fmt.Errorf("%w (%d answers in a row)", err, reads)
		}
		l.mu.Lock()
		l.largest = max(l.largest, len(p.records))
		l.mu.Unlock()
		if p.count.known && p.count.value < int64(req.offset+len(p.records)) {
			l.warn("low count", fmt.Sprintf("The list is complete, though the API's total_count said %d: its answer "+
				"(%s) itself held backups up to position %d.", p.count.value, req, req.offset+len(p.records)))
		}
		return p, nil
	}
}

// byCount is pass 1: the pages that page 0's total_count announces, read
// at once. It returns the records, or why they are not proven complete.
func (l *lister[T]) byCount(ctx context.Context, first page[T], pageSize int) (records []T, notProven string, err error) {
	total := first.count.value
	if why := disagreement(first, total, pageSize); why != "" {
		return nil, why, nil
	}
	var offsets []int
	for offset := pageSize; int64(offset) < total && len(offsets) < maxPages; offset += pageSize {
		offsets = append(offsets, offset)
	}
	pages, notProven, err := l.fetchAgreeing(ctx, offsets, total, pageSize)
	if err != nil || notProven != "" {
		return nil, notProven, err
	}
	pages = append([]page[T]{first}, pages...)
	set := newRecordSet[T](l.maxBytes, int(total))
	for i, p := range pages {
		if disorder, _ := p.check(); disorder != "" {
			return nil, disorder, nil
		}
		for _, r := range p.records {
			if set.has(r.recordID()) {
				return nil, fmt.Sprintf("backup %q is on two pages, the second at offset %d", r.recordID(), p.req.offset), nil
			}
		}
		if err := set.add(p.records); err != nil {
			return nil, "", err
		}
		if i == 0 {
			continue
		}
		newer, ok := pages[i-1].lastTime()
		older, alsoOK := p.firstTime()
		if ok && alsoOK && !older.Before(newer) {
			return nil, fmt.Sprintf("the pages at offsets %d and %d meet at backups that began at %s and %s",
				pages[i-1].req.offset, p.req.offset, newer.Format(time.RFC3339), older.Format(time.RFC3339)), nil
		}
	}
	return set.records, "", nil
}

// fetchAgreeing reads the pages at offsets, at most l.concurrency at once,
// and stops at the first that disagrees with total (the reason is
// returned) or fails (the error is).
func (l *lister[T]) fetchAgreeing(ctx context.Context, offsets []int, total int64, pageSize int) ([]page[T], string, error) {
	pages := make([]page[T], len(offsets))
	var (
		mu        sync.Mutex
		notProven string
		bytes     int64
		records   int
	)
	group, groupCtx := errgroup.WithContext(ctx)
	group.SetLimit(l.concurrency)
	for i, offset := range offsets {
		if groupCtx.Err() != nil {
			break
		}
		group.Go(func() error {
			// Each goroutine logs with fields of its own: terraform-plugin-log
			// masks secrets by writing into the context's field map, which
			// goroutines sharing one context would write at once.
			pageCtx := tflog.SetField(groupCtx, "page_offset", offset)
			// The limit asked for stays the API's largest, whatever the
			// stride: some APIs take only a few limits (10, 20 or 50).
			p, err := l.read(pageCtx, pageRequest{offset: offset, limit: l.limit})
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			if why := disagreement(p, total, pageSize); why != "" {
				if notProven == "" {
					notProven = why
				}
				return errNotProven
			}
			for _, r := range p.records {
				bytes += int64(r.recordSize())
			}
			records += len(p.records)
			if l.maxBytes > 0 && bytes > l.maxBytes {
				return &ListingTooLargeError{Limit: l.maxBytes, Records: records}
			}
			pages[i] = p
			return nil
		})
	}
	if err := group.Wait(); err != nil {
		if errors.Is(err, errNotProven) {
			return nil, notProven, nil
		}
		return nil, "", err
	}
	return pages, "", nil
}

// disagreement says how a page read by offset contradicts total, the count
// of page 0 (empty when it does not), and notes a count shown too low.
func disagreement[T record[T]](p page[T], total int64, pageSize int) string {
	want := min(int64(pageSize), max(total-int64(p.req.offset), 0))
	switch {
	case !p.count.known || p.count.value != total:
		return fmt.Sprintf("total_count went from %d to %s (%s)", total, p.count, p.req)
	case int64(len(p.records)) != want:
		return fmt.Sprintf("the answer (%s) held %d backups where total_count %d makes %d", p.req, len(p.records), total, want)
	}
	return ""
}

// byTime is pass 2: from page 0, each step reads the backups that began at
// or before the frontier, from the top of their list.
func (l *lister[T]) byTime(ctx context.Context, first page[T]) ([]T, error) {
	set := newRecordSet[T](l.maxBytes, len(first.records))
	if err := set.add(first.records); err != nil {
		return nil, err
	}
	frontier, ok := first.lastTime()
	if !ok {
		return nil, errors.New("no backup of the first page has a begin_time that can be read, so the rest of the " +
			"list cannot be read by time")
	}
	for steps := 1; ; steps++ {
		if !l.floor.IsZero() && frontier.Before(l.floor) || l.newestRead(set, frontier) {
			return set.records, nil
		}
		if steps > maxPages {
			return nil, fmt.Errorf("stopped after %d requests: the list does not end", maxPages)
		}
		next, done, err := l.step(ctx, frontier, set)
		if err != nil || done {
			return set.records, err
		}
		frontier = next
	}
}

// newestRead says whether the records proven all read (those that began
// after the frontier's second) hold the newest records asked for.
func (l *lister[T]) newestRead(set *recordSet[T], frontier time.Time) bool {
	if l.newest <= 0 {
		return false
	}
	proven := 0
	for _, r := range set.records {
		if r.recordTime().After(frontier) && (l.keep == nil || l.keep(r)) {
			proven++
		}
	}
	return proven >= l.newest
}

// step reads the backups that began at or before frontier into set, and
// returns the next frontier, or says that the list is done.
func (l *lister[T]) step(ctx context.Context, frontier time.Time, set *recordSet[T]) (next time.Time, done bool, err error) {
	req := l.stepRequest(frontier)
	p, err := l.read(ctx, req)
	if err != nil {
		return next, false, err
	}
	// Nothing past the frontier: the list ends there, unless the answer
	// was a fault (A4).
	p, err = l.settle(ctx, req, p, func(p page[T]) bool {
		_, moved := p.reachesBefore(frontier)
		return !moved && len(p.records) < l.limit && !agrees(p)
	})
	if err != nil {
		return next, false, err
	}
	next, moved := p.reachesBefore(frontier)
	if !moved && len(p.records) < l.limit && countSaysMore(p) {
		return next, false, l.withProgress(l.countSaysMoreError(p), set)
	}
	if err := checkBound(p); err != nil {
		return next, false, err
	}
	if err := set.add(p.records); err != nil {
		return next, false, err
	}
	switch {
	case agrees(p) && len(p.records) < l.largestAnswer():
		// Short of what the API serves at once, and its count agrees.
		return next, true, nil
	case moved:
		// Read on from there, whether the answer was full or not: a capped
		// page, a fault and the true end are told apart by the next step.
		return next, false, nil
	case len(p.records) == l.limit:
		return next, false, &TiedBackupsError{At: frontier, PageSize: l.limit}
	}
	// Settled, short, and nothing past the frontier: the end, unless the
	// API caps its answers at this size and more began in that second.
	more, err := l.servesMore(ctx, req, p)
	if err != nil || !more {
		return next, err == nil, err
	}
	// More than the answer from offset 0 held: backups created since may
	// have joined it, so the step is taken again, once; a second time,
	// the API caps its answers below the backups of that second.
	if l.cappedAt.Equal(frontier) {
		return next, false, &TiedBackupsError{At: frontier, PageSize: len(p.records)}
	}
	l.cappedAt = frontier
	return frontier, false, nil
}

// servesMore says whether the API holds more than p, a settled answer
// from offset 0 that is as large as any it gave: it may be capped there.
// Only then is the rest asked for, by offset.
func (l *lister[T]) servesMore(ctx context.Context, req pageRequest, p page[T]) (bool, error) {
	if len(p.records) == 0 || len(p.records) < l.largestAnswer() {
		return false, nil
	}
	req.offset = len(p.records)
	rest, err := l.read(ctx, req)
	if err == nil {
		rest, err = l.settle(ctx, req, rest, func(p page[T]) bool { return len(p.records) == 0 })
	}
	return err == nil && (len(rest.records) > 0 || countSaysMore(rest)), err
}

// largestAnswer is the most records any answer of the listing held: the
// page size the API is seen to serve, which may be less than the limit.
func (l *lister[T]) largestAnswer() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.largest
}

// stepRequest asks for the backups that began at or before frontier.
func (l *lister[T]) stepRequest(frontier time.Time) pageRequest {
	req := pageRequest{limit: l.limit, atOrBefore: frontier.Add(time.Second)}
	if !l.ceiling.IsZero() && req.atOrBefore.After(l.ceiling) {
		req.atOrBefore = l.ceiling
	}
	if !req.atOrBefore.Before(l.now()) {
		// The API refuses an end_time that is not in the past; the whole
		// list then serves, read from its top.
		req.atOrBefore = time.Time{}
	}
	return req
}

// reachesBefore returns the page's last readable time and whether it is
// before frontier: whether the page moves the frontier.
func (p page[T]) reachesBefore(frontier time.Time) (time.Time, bool) {
	last, ok := p.lastTime()
	return last, ok && last.Before(frontier)
}

// withProgress adds to a listing's error how far it had got.
func (l *lister[T]) withProgress(err error, set *recordSet[T]) error {
	if !l.firstCount.known {
		return err
	}
	return fmt.Errorf("the API's total_count said %d when the listing began, but its pages end after %d backups: %w",
		l.firstCount.value, len(set.records), err)
}

// checkBound refuses an answer to an end_time that holds a backup that
// began after it: the API does not bound what pass 2 needs bounded.
func checkBound[T record[T]](p page[T]) error {
	if disorder, _ := p.check(); disorder != "" {
		return fmt.Errorf("the API's answers are not ordered newest first by begin_time, which reading the list in "+
			"pages needs: %s", disorder)
	}
	if p.req.atOrBefore.IsZero() {
		return nil
	}
	// A bound that excludes its end still covers the second before it.
	for _, r := range p.records {
		if t := r.recordTime(); t.After(p.req.atOrBefore) {
			return fmt.Errorf("asked for backups that began at or before %s, the API answered with %q, which began "+
				"at %s: it does not apply end_time to begin_time, which reading the list by time needs",
				FormatAPITime(p.req.atOrBefore), r.recordID(), FormatAPITime(t))
		}
	}
	return nil
}

// noteEndWithoutCount warns that the end of the list was found by two
// alike answers, since total_count was missing or could not be a count.
func (l *lister[T]) noteEndWithoutCount(count totalCount) {
	if count.unusable != "" {
		l.warn("unusable count", fmt.Sprintf("The API's total_count was %s, so it was not used: the end of the "+
			"list was confirmed by two alike answers to its last request.", count.unusable))
		return
	}
	if !count.known {
		l.warn("no count", "The API's answers carry no total_count: the end of the list was confirmed by two "+
			"alike answers to its last request.")
	}
}

// warn adds a warning of a kind, once.
func (l *lister[T]) warn(kind, text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.warned[kind] {
		return
	}
	if l.warned == nil {
		l.warned = map[string]bool{}
	}
	l.warned[kind] = true
	l.warnings = append(l.warnings, text)
}

// countSaysMoreError is a short answer, alike twice, whose count says more
// backups match than it holds.
func (l *lister[T]) countSaysMoreError(p page[T]) error {
	return fmt.Errorf("two answers in a row to the same request (%s) held %d backups where their total_count "+
		"says %d. Either the count is wrong or the API hides backups; no list is returned rather than one that "+
		"may lack backups", p.req, len(p.records), p.count.value)
}

// TiedBackupsError is more backups with the same begin_time second than one
// page holds: their order may change between answers, so no request can
// prove them all read.
type TiedBackupsError struct {
	At       time.Time
	PageSize int
}

func (e *TiedBackupsError) Error() string {
	return fmt.Sprintf("at least %d backups began in the second %s, more than one page of the API holds; their "+
		"order may differ between answers, so they cannot be proven all listed", e.PageSize, FormatAPITime(e.At))
}

// PagingRejectedError is a 400 to a request that differed from the
// accepted first one only in the paging the provider added.
type PagingRejectedError struct {
	Request string
	Err     error
}

func (e *PagingRejectedError) Error() string {
	return fmt.Sprintf("the API refused a request for a further page (%s), though it accepted the same filters "+
		"from offset 0: %v", e.Request, e.Err)
}

func (e *PagingRejectedError) Unwrap() error { return e.Err }
