package listing

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Pass 2, by time (newest first; any count, or none; used only while the
// API is not shown to drop from an answer to end_time a backup that began
// by it). The frontier F is a time such that every lasting backup that
// began after F has been read. Page 0 is the top of the list, so after it
// F is the begin_time of its last backup. Each step asks, from offset 0,
// for the backups that began at or before F (end_time = F + 1 s, so that
// those of the second F come whether the API's bound includes its end or
// not). If end_time keeps every backup that began by it (A5, and shown:
// see confirmReading), by A1 that answer is the top of the list of such
// backups at its moment: it holds every one that began after its last
// backup's second and at or before F, so F moves to that second; the
// backups of that second are read again, from the top, by the next step,
// whatever their order. Each step checks that its answer again holds the
// backups already read in the second F: one that lacks one shows end_time
// compared with each backup's end_time, or the backup deleted, which the
// probe tells apart (checkFrontierKept); one that holds one that ended
// after end_time shows it kept. No offset is used, so backups created or
// deleted meanwhile move nothing that matters, and an API that misreads
// offset does not matter. A short step ends the list when its count agrees
// or two alike answers say so; when its count says more follow, two alike
// answers show a capped page size and F moves on, or, when F cannot move,
// the count and the answers disagree for good: an error. A full step whose
// backups all began in the second F cannot move F: more than a page of
// backups began in that second, which no request can list in full, and
// that is an error naming the way out (narrower filters). An answer that
// holds a backup that began after the end_time sent shows end_time not
// applied (noteBound): the list is read again without end_time.
//
// The newest N only (a list resource's limit). Pass 2 alone: after page 0
// and after each step, every lasting backup that began after the frontier's
// second has been read, so once N of those are held they are the newest N,
// whatever lies below; pass 1 could prove its pages only with all the pages
// after them.

// byTime is pass 2: from page 0, each step reads the backups that began at
// or before the frontier, from the top of their list.
func (l *lister[T]) byTime(ctx context.Context, first Page[T]) ([]T, error) {
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
		if r.RecordTime().After(frontier) && (l.keep == nil || l.keep(r)) {
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
	if l.cappedAtFrontier(p, frontier) {
		// As many as the API serves at once, none before the frontier, and
		// more follow: twice in a row, more began in its second than a
		// capped page holds (their order differs between answers, so the
		// answers are not alike).
		again, err := l.read(ctx, req)
		if err != nil {
			return next, false, err
		}
		if l.cappedAtFrontier(again, frontier) && again.count == p.count {
			return next, false, &TiedBackupsError{At: frontier, PageSize: len(p.records)}
		}
		p = again
	}
	// Nothing past the frontier: the list ends there, unless the answer
	// was a fault (A4).
	if l.lacksOne(p, frontier, set) {
		// Without a backup already read in the frontier's second: asked
		// again, since one such answer may be a fault (A4).
		if p, err = l.read(ctx, req); err != nil {
			return next, false, err
		}
	}
	p, err = l.settle(ctx, req, p, func(p Page[T]) bool {
		_, moved := p.reachesBefore(frontier)
		return !moved && len(p.records) < l.limit && !l.agrees(p)
	})
	if err != nil {
		return next, false, err
	}
	next, moved := p.reachesBefore(frontier)
	if !moved && len(p.records) < l.limit && countSaysMore(p) {
		return next, false, l.withProgress(l.countSaysMoreError(p), set)
	}
	if disorder, _ := p.check(true); disorder != "" {
		return next, false, disorderError(disorder)
	}
	if err := l.checkFrontierKept(ctx, p, frontier, set); err != nil {
		return next, false, err
	}
	if err := set.add(p.records); err != nil {
		return next, false, err
	}
	switch {
	case l.agrees(p) && len(p.records) < l.largestAnswer():
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

// cappedAtFrontier says whether a step's answer is as large as the API
// serves, short of the limit, with nothing before the frontier, while its
// count says more follow.
func (l *lister[T]) cappedAtFrontier(p Page[T], frontier time.Time) bool {
	_, moved := p.reachesBefore(frontier)
	return !moved && len(p.records) > 0 && len(p.records) >= l.largestAnswer() && len(p.records) < l.limit &&
		countSaysMore(p)
}

// servesMore says whether the API holds more than p, a settled answer as
// large as any it gave (it may be capped there) whose count does not say.
// It asks for a page that begins a few backups before p's end, which must
// begin at or ahead of p's last second (the anchor): an API that misreads
// offset, or backups deleted meanwhile, cannot pass an empty page off as
// the end. A page of fewer than minPageCap backups is not a cap.
func (l *lister[T]) servesMore(ctx context.Context, req Request, p Page[T]) (bool, error) {
	if len(p.records) < minPageCap || len(p.records) < l.largestAnswer() {
		return false, nil
	}
	last, ok := p.lastTime()
	if !ok {
		return false, nil
	}
	last = last.Truncate(time.Second)
	margin := l.baseMargin()
	for misses := 0; misses <= maxAnchorMisses; misses++ {
		next := req
		next.Offset = max(req.Offset+1, req.Offset+len(p.records)-1-margin)
		rest, err := l.read(ctx, next)
		if err != nil {
			return false, err
		}
		if head, ok := rest.firstTime(); !ok || l.ahead(last, head.Truncate(time.Second)) {
			margin *= 4
			continue
		}
		held := p.ids()
		return countSaysMore(rest) || slices.ContainsFunc(rest.records, func(r T) bool {
			_, seen := held[r.RecordID()]
			t := r.RecordTime().Truncate(time.Second)
			return !seen && !t.IsZero() && !l.ahead(t, last)
		}), nil
	}
	return false, &PagesApartError{Request: req.String(), Frontier: last, Once: true}
}

// minPageCap is the fewest backups a page of the API holds when more
// follow: the least limit the incremental-backups API takes. A smaller
// answer ends the list.
const minPageCap = 10

// stepRequest asks for the backups that began at or before frontier.
func (l *lister[T]) stepRequest(frontier time.Time) Request {
	req := Request{Limit: l.limit, AtOrBefore: frontier.Truncate(time.Second).Add(time.Second)}
	if !l.upper.IsZero() && req.AtOrBefore.After(l.upper) {
		req.AtOrBefore = l.upper
	}
	if !req.AtOrBefore.Before(l.now()) {
		// The API refuses an end_time that is not in the past; the whole
		// list then serves, read from its top.
		req.AtOrBefore = time.Time{}
	}
	return req
}

// reachesBefore returns the page's last readable time and whether it is
// before frontier: whether the page moves the frontier.
func (p Page[T]) reachesBefore(frontier time.Time) (time.Time, bool) {
	last, ok := p.lastTime()
	return last, ok && last.Before(frontier)
}

// checkFrontierKept checks that a step's answer holds again the backups
// already read that began in the frontier's second, as an answer to an
// end_time that keeps every backup that began by it must (A1). One that is
// missing was deleted, or the API compares end_time with each backup's
// end_time; the probe tells which, when no answer has yet shown it.
func (l *lister[T]) checkFrontierKept(ctx context.Context, p Page[T], frontier time.Time, set *recordSet[T]) error {
	if p.req.AtOrBefore.IsZero() {
		return nil
	}
	if r, missing := l.lacksFrontier(p, frontier, set); missing {
		reading, err := l.confirmReading(ctx, set.records)
		if err != nil {
			return err
		}
		if reading == boundKeepsBegun {
			return nil // deleted meanwhile: it may or may not be listed
		}
		_, seen := l.reading.get()
		if seen == "" {
			seen = fmt.Sprintf("%q, which began at %s, was left out of the answer to end_time %s, and no backup "+
				"read lasted long enough to show why", r.RecordID(), formatTime(r.RecordTime()),
				formatTime(p.req.AtOrBefore))
		}
		return &boundsNotKeptError{reading: reading, seen: seen}
	}
	return nil
}

// lacksOne says whether lacksFrontier finds one.
func (l *lister[T]) lacksOne(p Page[T], frontier time.Time, set *recordSet[T]) bool {
	_, missing := l.lacksFrontier(p, frontier, set)
	return missing
}

// lacksFrontier returns a backup already read that began in the frontier's
// second and is missing from p, an answer to an end_time; nil when there
// is none.
func (l *lister[T]) lacksFrontier(p Page[T], frontier time.Time, set *recordSet[T]) (missing T, ok bool) {
	if p.req.AtOrBefore.IsZero() {
		return missing, false
	}
	ids := p.ids()
	second := frontier.Truncate(time.Second)
	for _, r := range set.records {
		if _, held := ids[r.RecordID()]; !held && r.RecordTime().Truncate(time.Second).Equal(second) {
			return r, true
		}
	}
	return missing, false
}
