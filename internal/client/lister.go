package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The listing's proof.
//
// A listing returns a list only when the answers it read prove that the
// list holds every backup that lasted through the listing (existed from
// its first request to its last), each once, and nothing the API did not
// return. Otherwise it reads again, and in the end fails, saying why. A
// backup created or deleted during the listing may or may not be listed.
//
// What the API's pages leave open. For each question, every reading a
// deployment may have, and how the lister meets it; none is assumed, each
// is checked in what is read:
//
//   - Which time of a backup begin_time and end_time compare: its
//     begin_time, its end_time (a backup that began before end_time and
//     ended after it is left out), any overlap of its span, or none (not
//     applied). The lister never sends begin_time: it stops at the query's
//     own begin_time itself. It sends end_time only while the answers show
//     that end_time keeps every backup that began by it (boundKeepsBegun:
//     an answer to end_time E held a backup that began by E and ended after
//     it), and a listing that sent one returns only once that is shown;
//     when no answer shows it, a probe asks (confirmReading). An answer
//     that holds a backup that began after E shows end_time not applied;
//     a probe that finds a backup left out while it ran shows end_time
//     compared with end_time: either way the listing is read again without
//     end_time, by count or by offset, which need no window.
//   - Whether a bound holds its own second: each bound, inclusive or
//     exclusive. end_time is sent one second past the last second wanted,
//     and every answer is filtered again by the caller.
//   - The order: newest first by begin_time (the vendor's examples), or
//     oldest first (incremental backups); backups that began in the same
//     second in any order, which may differ from one answer to the next.
//     Each answer's order is checked (direction, check): newest first is
//     read by count, by time or by offset; oldest first by offset, the one
//     pass whose proof does not need new backups to come first; an answer
//     in neither order is an error.
//   - A BUILDING backup has no end_time: a window may keep it or not. It
//     never shows the reading of end_time; a listing that used end_time
//     asks, with a running backup of the newest page, whether an answer to
//     end_time keeps it (A6), and reads again without end_time if not.
//   - limit is served as asked, or capped lower: the page size is the most
//     any answer held, and a short answer is never the end on its own.
//   - total_count may be true, absent, cached, wrong, a string or a float:
//     only pass 1 relies on it (A3), and it is checked against every page.
//   - An answer without a backups member ({}) is not an empty list unless
//     its total_count is 0: it is read again, and an error if it stays.
//   - Times come as +0800, Z, +08:00, without seconds, with fractions, or
//     with no zone (parseAnswerTime); the lister compares whole seconds.
//   - Incremental backups: display_offsite_backup applied or ignored; the
//     caller filters by backup_type whatever the API did.
//
// What is assumed of the API:
//
//	A1 An answer is the list at one moment: the backups that match what
//	   was sent (under the deployment's reading of end_time), in one order
//	   by begin_time, from position offset, at most limit of them.
//	A2 A backup created during the listing begins then: it is at least as
//	   new as every backup that exists.
//	A3 The first answer's total_count, when pass 1 uses it, is the number
//	   of backups that match at that moment.
//	A4 A fault does not give the same wrong answer to two requests in a
//	   row: two alike answers are what the API serves.
//	A5 A deployment reads end_time the same way for every request.
//	A6 A backup still running (no end_time yet) is among the newest page
//	   of the list. Only a deployment that leaves running backups out of
//	   every window needs it: the lister asks with one of that page
//	   whether an answer to end_time keeps it (confirmRunningKept), but a
//	   running backup below the first page, left out of every answer to an
//	   end_time, would go unseen. A listing of full backups whose first
//	   page was read without end_time relies on it.
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
// Pass 1, by count (newest first, no floor; ceil(N/L) requests when the
// API is right): pass_by_count.go. Pass 2, by time (newest first, while
// end_time is kept): pass_by_time.go. Pass 3, by offset (either order):
// pass_by_offset.go. Each file opens with its part of the proof.
type lister[T record[T]] struct {
	fetch func(ctx context.Context, req pageRequest) (page[T], error)
	// limit is the largest page the API serves.
	limit       int
	concurrency int
	// floor and ceiling are the query's own begin_time and end_time (zero
	// for none): the listing stops below the floor (above the ceiling when
	// oldest first) and never asks past the ceiling.
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
	// reading is what is known of how the API reads end_time, shared by
	// the listings of a client.
	reading *windowReading
	// sendsFloor says that the API takes end_time only with begin_time,
	// so that a begin_time goes with it (incrementalFloor): a window that
	// compares it with each backup's end_time may leave out one that has
	// none, so a listing that read such a backup is read again without.
	sendsFloor bool

	// What one reading of the list found, reset by listOnce.
	//
	// upper is the end_time every request of it sends (zero: none).
	upper time.Time
	// usedBounds says whether a request of it sent end_time.
	usedBounds bool
	// descending is the order of the answers: newest first; orderKnown
	// says that an answer showed it (else newest first is assumed, and an
	// answer that shows otherwise restarts the listing).
	descending, orderKnown bool
	// firstCount is page 0's total_count, which errors quote.
	firstCount totalCount
	// largest is the most records any answer held: the page size the API
	// is seen to serve.
	largest int
	// cappedAt is a frontier where the API was seen to serve more than
	// its answer from offset 0 held.
	cappedAt time.Time
	// countWrong says that an answer held backups past its own
	// total_count: no count of the listing ends it on its own then.
	countWrong bool
	// firstHeld is how many backups page 0 held, and firstEnded whether
	// its count said that it held them all.
	firstHeld  int
	firstEnded bool

	mu       sync.Mutex
	warnings []string
	warned   map[string]bool
}

// maxReadsOfOnePage bounds how often one request is repeated while its
// answers keep changing.
const maxReadsOfOnePage = 6

// list returns every record of the listing, in the order first read. A
// reading that sent end_time returns only once the API is shown to keep
// every backup that began by it; otherwise the list is read again without.
func (l *lister[T]) list(ctx context.Context) ([]T, error) {
	if l.reading == nil {
		l.reading = &windowReading{}
	}
	reading, why := l.reading.get()
	running, whyRunning := l.reading.getRunning()
	useBounds := reading != boundDropsRunning && reading != boundIgnored && running != boundDropsRunning
	if running == boundDropsRunning {
		why = whyRunning
	}
	for restarts := 0; ; restarts++ {
		records, err := l.listOnce(ctx, useBounds)
		var notKept *boundsNotKeptError
		switch {
		case errors.Is(err, errOrderShown) && restarts < 2:
			tflog.Debug(ctx, "reading the list again in the order its answers showed")
			continue
		case errors.As(err, &notKept) && useBounds:
			why = notKept.seen
		case useBounds && !l.upper.IsZero() && refused(err):
			// The window asked was refused (a clock behind ours refuses an
			// end_time it finds in the future): the provider applies it anyway.
			why = fmt.Sprintf("the API refused end_time %s: %v", FormatAPITime(l.upper), err)
		case err != nil:
			if !useBounds {
				return nil, fmt.Errorf("%w (the list was read without end_time, since %s)", err, why)
			}
			return nil, err
		case !useBounds || !l.usedBounds:
			return records, nil
		case l.sendsFloor && slices.ContainsFunc(records, func(r T) bool { return r.recordEnd().IsZero() }):
			why = "a backup without end_time was read, which an answer to a begin_time may leave out"
		default:
			reading, err := l.confirmReading(ctx, records)
			if errors.Is(err, errOrderShown) && restarts < 2 {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("finding out which time of a backup the API compares end_time with: %w", err)
			}
			if reading == boundKeepsBegun && !l.sendsFloor {
				if reading, err = l.confirmRunningKept(ctx, records); err != nil {
					return nil, fmt.Errorf("finding out whether the API keeps running backups in a window: %w", err)
				}
				if reading == boundKeepsBegun {
					return records, nil
				}
				_, why = l.reading.getRunning()
				break
			}
			if reading == boundKeepsBegun {
				return records, nil
			}
			_, why = l.reading.get()
			if why == "" {
				why = "no backup read lasted long enough to show which time of a backup the API compares it with"
			}
		}
		tflog.Debug(ctx, "reading the list again without end_time", map[string]any{"reason": why})
		useBounds = false
	}
}

// refused says whether err is the API's 400 to a request.
func refused(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest
}

// listOnce reads the list from page 0: by count, by time or by offset, as
// the answers allow. With useBounds, every request sends the ceiling as
// end_time (when it is in the past), and pass 2 may be used.
func (l *lister[T]) listOnce(ctx context.Context, useBounds bool) ([]T, error) {
	order := l.reading.getOrder()
	l.upper, l.usedBounds = time.Time{}, false
	l.descending, l.orderKnown = order != orderOldestFirst, order != 0
	l.firstCount, l.largest, l.cappedAt, l.countWrong = totalCount{}, 0, time.Time{}, false
	// Oldest first, the listing walks up from the oldest and stops past
	// the ceiling: an end_time would save nothing, and a window that
	// leaves running backups out could not be checked at the top.
	if useBounds && !l.ceiling.IsZero() && order != orderOldestFirst {
		if upper := l.ceiling.Truncate(time.Second).Add(time.Second); upper.Before(l.now()) {
			// A bound in the future bounds nothing, and the API may refuse it.
			l.upper = upper
		}
	}
	req := l.request(0)
	first, err := l.read(ctx, req)
	if err != nil {
		return nil, err
	}
	l.firstCount = first.count
	// An empty answer has nothing to read on from: only a second alike
	// answer shows that the list is empty. A short one that shows no order
	// (a fault may have cut it) is read again too: what follows it depends
	// on the order.
	first, err = l.settle(ctx, req, first, func(p page[T]) bool {
		_, shown := p.direction()
		return (len(p.records) == 0 || !shown && !l.orderKnown && len(p.records) < l.limit) && !agrees(p)
	})
	if err != nil {
		return nil, err
	}
	if len(first.records) == 0 && countSaysMore(first) {
		return nil, l.countSaysMoreError(first)
	}
	l.firstCount = first.count
	if !l.descending && !l.upper.IsZero() {
		return nil, errOrderShown // read again without end_time
	}
	l.firstHeld, l.firstEnded = len(first.records), agrees(first)
	if disorder, _ := first.check(l.descending); disorder != "" {
		return nil, disorderError(disorder)
	}
	if agrees(first) || len(first.records) == 0 {
		set := newRecordSet[T](l.maxBytes, len(first.records))
		err := set.add(first.records)
		return set.records, err
	}
	if !l.descending {
		return l.byOffset(ctx, first)
	}
	if l.newest == 0 && l.floor.IsZero() && first.count.known && first.count.value > int64(len(first.records)) {
		records, notProven, err := l.byCount(ctx, first)
		if err != nil || notProven == "" {
			return records, err
		}
		tflog.Debug(ctx, "the pages read by count do not prove the list complete; reading it on",
			map[string]any{"reason": notProven})
		records, err = l.readOn(ctx, first, useBounds)
		if err != nil {
			return nil, fmt.Errorf("%w (read by offset first, the pages did not add up: %s)", err, notProven)
		}
		return records, nil
	}
	return l.readOn(ctx, first, useBounds)
}

// readOn reads the rest of a list newest first from page 0: by time while
// end_time may be used, by offset otherwise.
func (l *lister[T]) readOn(ctx context.Context, first page[T], useBounds bool) ([]T, error) {
	if useBounds {
		return l.byTime(ctx, first)
	}
	return l.byOffset(ctx, first)
}

// request is the request of the page at offset, with the listing's
// end_time.
func (l *lister[T]) request(offset int) pageRequest {
	return pageRequest{offset: offset, limit: l.limit, atOrBefore: l.upper}
}

// countSaysMore says whether an answer's total_count says more backups
// match than the answer reaches.
func countSaysMore[T record[T]](p page[T]) bool {
	return p.count.known && p.count.value > int64(p.req.offset+len(p.records))
}

// agrees says whether an answer holds as many records as its total_count
// says match from its offset on.
func agrees[T record[T]](p page[T]) bool {
	return p.count.known && p.count.value == int64(p.req.offset+len(p.records))
}

// agrees says whether an answer holds as many records as its total_count
// says match from its offset on, and no answer has shown the count wrong.
func (l *lister[T]) agrees(p page[T]) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return agrees(p) && !l.countWrong
}

// settle asks req again while its answer p is one that nothing can be read
// on from (unsettled), until two answers in a row are alike (A4): the list
// ends there, unless the answers were faults. It returns the first answer
// that is not unsettled, or the second of two alike.
func (l *lister[T]) settle(ctx context.Context, req pageRequest, p page[T], unsettled func(page[T]) bool) (page[T], error) {
	return l.settleWith(ctx, req, p, unsettled, alike[T])
}

// settleWith is settle with its own test of two answers alike.
func (l *lister[T]) settleWith(ctx context.Context, req pageRequest, p page[T], unsettled func(page[T]) bool,
	same func(a, b page[T]) bool,
) (page[T], error) {
	for reads := 2; unsettled(p); reads++ {
		again, err := l.read(ctx, req)
		if err != nil {
			return again, err
		}
		if same(p, again) {
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
// that holds one id twice, or no list, is asked for again: only when the
// API keeps answering so is it an error. An answer to an end_time also
// tells how the API reads it (noteBound).
func (l *lister[T]) read(ctx context.Context, req pageRequest) (page[T], error) {
	if !req.atOrBefore.IsZero() && req.atOrAfter.IsZero() {
		l.mu.Lock()
		l.usedBounds = true
		l.mu.Unlock()
	}
	for reads := 1; ; reads++ {
		p, err := l.fetch(ctx, req)
		var apiErr *APIError
		paging := req.offset > 0 || !req.atOrBefore.Equal(l.upper) || !req.atOrAfter.IsZero()
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && paging {
			// The same query was accepted from offset 0 with no end_time of
			// the lister's: what was refused is the paging.
			return p, &PagingRejectedError{Request: req.String(), Err: err}
		}
		if err != nil {
			return p, err
		}
		if _, err := p.check(l.descending); err != nil {
			if reads < maxReadsOfOnePage {
				tflog.Debug(ctx, "reading an answer again", map[string]any{"reason": err.Error()})
				continue
			}
			return p, fmt.Errorf("%w (%d answers in a row)", err, reads)
		}
		if err := l.noteBound(p); err != nil {
			return p, err
		}
		l.mu.Lock()
		// Page 0 is read first: it is the same in either order.
		readOn := l.largest > 0
		l.largest = max(l.largest, len(p.records))
		descending, shown := p.direction()
		reversed := shown && !l.orderKnown && descending != l.descending && readOn
		if shown && !l.orderKnown {
			l.reading.learnOrder(descending)
			l.descending, l.orderKnown = descending, true
		}
		l.mu.Unlock()
		if reversed {
			return p, errOrderShown
		}
		if p.count.known && p.count.value < int64(req.offset+len(p.records)) {
			l.mu.Lock()
			l.countWrong = true
			l.mu.Unlock()
			l.warn("low count", fmt.Sprintf("The list is complete, though the API's total_count said %d: its answer "+
				"(%s) itself held backups up to position %d.", p.count.value, req, req.offset+len(p.records)))
		}
		return p, nil
	}
}

// largestAnswer is the most records any answer of the listing held: the
// page size the API is seen to serve, which may be less than the limit.
func (l *lister[T]) largestAnswer() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.largest
}

// disorderError is an answer in neither order a listing can be read in.
func disorderError(disorder string) error {
	return fmt.Errorf("the API's answers are ordered neither newest first nor oldest first by begin_time, which "+
		"reading the list in pages needs: %s", disorder)
}

// withProgress adds to a listing's error how far it had got.
func (l *lister[T]) withProgress(err error, set *recordSet[T]) error {
	if !l.firstCount.known {
		return err
	}
	return fmt.Errorf("the API's total_count said %d when the listing began, but its pages end after %d backups: %w",
		l.firstCount.value, len(set.records), err)
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
