package listing

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// lister reads one listing (see the package's doc for the proof it
// keeps); List sets it up from Options.
type lister[T Record[T]] struct {
	fetch func(ctx context.Context, req Request) (Page[T], error)
	// refused says whether an error is the API refusing a request (400).
	refused func(err error) bool
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
	reading *Reading
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

// Options are one listing: how a page is fetched, and what is listed.
type Options[T Record[T]] struct {
	// Fetch sends one request and returns its answer (Answer.Page).
	Fetch func(ctx context.Context, req Request) (Page[T], error)
	// Refused says whether an error of Fetch is the API refusing the
	// request as invalid (HTTP 400): a refusal of a request that only the
	// paging made differ from the first is a *PagingRejectedError.
	Refused func(err error) bool
	// Limit is the largest page the API serves; Concurrency bounds the
	// pages read at once.
	Limit, Concurrency int
	// Floor and Ceiling are the query's own begin_time and end_time (zero
	// for none): the listing stops below the floor (above the ceiling when
	// oldest first) and never asks past the ceiling.
	Floor, Ceiling time.Time
	// Now is the clock that decides which times are in the future.
	Now func() time.Time
	// MaxBytes bounds the records of one listing (*TooLargeError).
	MaxBytes int64
	// Newest, when above zero, asks only for the newest records that Keep
	// selects (nil: all): the listing reads by time from the top, and stops
	// once the records that began after the frontier, which are proven all
	// read, hold Newest of them.
	Newest int
	Keep   func(T) bool
	// Reading is what is known of how the API reads end_time, shared by
	// the listings of one API; nil learns it for this listing only.
	Reading *Reading
	// SendsFloor says that the API takes end_time only with begin_time,
	// so that a begin_time goes with it: a window that compares it with
	// each backup's end_time may leave out one that has none, so a listing
	// that read such a backup is read again without.
	SendsFloor bool
}

// List returns every record of the listing, in the order first read, each
// once, with warnings of what was odd about the answers; or an error when
// the answers cannot prove the list complete (see the package's doc).
func List[T Record[T]](ctx context.Context, opts Options[T]) (records []T, warnings []string, err error) {
	l := &lister[T]{
		fetch: opts.Fetch, refused: opts.Refused, limit: opts.Limit, concurrency: opts.Concurrency,
		floor: opts.Floor, ceiling: opts.Ceiling, now: opts.Now, maxBytes: opts.MaxBytes,
		newest: opts.Newest, keep: opts.Keep, reading: opts.Reading, sendsFloor: opts.SendsFloor,
	}
	records, err = l.list(ctx)
	return records, l.warnings, err
}

// maxReadsOfOnePage bounds how often one request is repeated while its
// answers keep changing.
const maxReadsOfOnePage = 6

// list returns every record of the listing, in the order first read. A
// reading that sent end_time returns only once the API is shown to keep
// every backup that began by it; otherwise the list is read again without.
func (l *lister[T]) list(ctx context.Context) ([]T, error) {
	if l.reading == nil {
		l.reading = &Reading{}
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
		case useBounds && !l.upper.IsZero() && l.isRefused(err):
			// The window asked was refused (a clock behind ours refuses an
			// end_time it finds in the future): the provider applies it anyway.
			why = fmt.Sprintf("the API refused end_time %s: %v", formatTime(l.upper), err)
		case err != nil:
			if !useBounds {
				return nil, fmt.Errorf("%w (the list was read without end_time, since %s)", err, why)
			}
			return nil, err
		case !useBounds || !l.usedBounds:
			return records, nil
		case l.sendsFloor && slices.ContainsFunc(records, func(r T) bool { return r.RecordEnd().IsZero() }):
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

// isRefused says whether err is the API's refusal of a request as
// invalid (Options.Refused).
func (l *lister[T]) isRefused(err error) bool {
	return err != nil && l.refused != nil && l.refused(err)
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
	first, err = l.settle(ctx, req, first, func(p Page[T]) bool {
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
func (l *lister[T]) readOn(ctx context.Context, first Page[T], useBounds bool) ([]T, error) {
	if useBounds {
		return l.byTime(ctx, first)
	}
	return l.byOffset(ctx, first)
}

// request is the request of the page at offset, with the listing's
// end_time.
func (l *lister[T]) request(offset int) Request {
	return Request{Offset: offset, Limit: l.limit, AtOrBefore: l.upper}
}

// countSaysMore says whether an answer's total_count says more backups
// match than the answer reaches.
func countSaysMore[T Record[T]](p Page[T]) bool {
	return p.count.known && p.count.value > int64(p.req.Offset+len(p.records))
}

// agrees says whether an answer holds as many records as its total_count
// says match from its offset on.
func agrees[T Record[T]](p Page[T]) bool {
	return p.count.known && p.count.value == int64(p.req.Offset+len(p.records))
}

// agrees says whether an answer holds as many records as its total_count
// says match from its offset on, and no answer has shown the count wrong.
func (l *lister[T]) agrees(p Page[T]) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return agrees(p) && !l.countWrong
}

// settle asks req again while its answer p is one that nothing can be read
// on from (unsettled), until two answers in a row are alike (A4): the list
// ends there, unless the answers were faults. It returns the first answer
// that is not unsettled, or the second of two alike.
func (l *lister[T]) settle(ctx context.Context, req Request, p Page[T], unsettled func(Page[T]) bool) (Page[T], error) {
	return l.settleWith(ctx, req, p, unsettled, alike[T])
}

// settleWith is settle with its own test of two answers alike.
func (l *lister[T]) settleWith(ctx context.Context, req Request, p Page[T], unsettled func(Page[T]) bool,
	same func(a, b Page[T]) bool,
) (Page[T], error) {
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
func (l *lister[T]) read(ctx context.Context, req Request) (Page[T], error) {
	if !req.AtOrBefore.IsZero() && req.AtOrAfter.IsZero() {
		l.mu.Lock()
		l.usedBounds = true
		l.mu.Unlock()
	}
	for reads := 1; ; reads++ {
		p, err := l.fetch(ctx, req)
		paging := req.Offset > 0 || !req.AtOrBefore.Equal(l.upper) || !req.AtOrAfter.IsZero()
		if l.isRefused(err) && paging {
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
		if p.count.known && p.count.value < int64(req.Offset+len(p.records)) {
			l.mu.Lock()
			l.countWrong = true
			l.mu.Unlock()
			l.warn("low count", fmt.Sprintf("The list is complete, though the API's total_count said %d: its answer "+
				"(%s) itself held backups up to position %d.", p.count.value, req, req.Offset+len(p.records)))
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
func (l *lister[T]) countSaysMoreError(p Page[T]) error {
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
		"order may differ between answers, so they cannot be proven all listed", e.PageSize, formatTime(e.At))
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
