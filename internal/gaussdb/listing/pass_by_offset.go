package listing

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Pass 3, by offset (either order; any count, or none; no end_time of its
// own, so it does not matter which time of a backup the API compares one
// with). The frontier F is a second such that every lasting backup that
// comes ahead of it in the list's order (began after it when newest first,
// before it when oldest first) has been read. Page 0 is the top of the
// list: after it, F is its last backup's second. Each step asks for the
// page that should begin a few backups (the margin) ahead of the backups
// of the second F, and checks that it does: its first backup comes ahead
// of F (the anchor). By A1 such an answer holds, at its moment, every
// backup between its first and its last: every lasting backup ahead of F
// was read already, so every one ahead of the answer's last second is read
// now, and F moves there; the backups of that second, whatever their order,
// are read again by the next step.
//
// Backups deleted ahead of a page pull the list forward, so that a gap
// could open before the page: its first backup then no longer comes ahead
// of F, which shows it, and the step is taken again from further back with
// a larger margin; at offset 0 the anchor always holds. Backups created
// ahead push the list back (A2: newest first they come first; oldest first
// they come last and move nothing): the page then reaches no further than
// F, and the next offset is taken from where F's second begins in it. A
// short answer that reaches no further than F ends the list when its count
// agrees or two alike answers say so (A4). A full page whose backups all
// began in the second F cannot move F: more than a page began in that
// second (TiedBackupsError). An API that misreads offset loses the anchor,
// or stalls, again and again: an error.

// maxAnchorMisses bounds the steps in a row whose page does not begin in
// the part of the list already read; maxStalls those in a row that read
// nothing new.
const (
	maxAnchorMisses = 6
	maxStalls       = 6
)

// byOffset is pass 3: from page 0, pages by offset, each anchored in the
// part of the list already read.
func (l *lister[T]) byOffset(ctx context.Context, first Page[T]) ([]T, error) {
	set := newRecordSet[T](l.maxBytes, len(first.records))
	if err := set.add(first.records); err != nil {
		return nil, err
	}
	last, ok := first.lastTime()
	if !ok {
		return nil, errors.New("no backup of the first page has a begin_time that can be read, so the rest of the " +
			"list cannot be read in order")
	}
	frontier := last.Truncate(time.Second)
	pos := first.req.Offset + l.groupStart(first, frontier)
	margin := l.baseMargin()
	misses, stalls := 0, 0
	for steps := 1; ; steps++ {
		if l.pastEnd(frontier) || l.descending && l.newestRead(set, frontier) {
			return set.records, nil
		}
		if steps > maxPages {
			return nil, fmt.Errorf("stopped after %d requests: the list does not end", maxPages)
		}
		req := l.request(max(0, pos-margin))
		p, err := l.read(ctx, req)
		if err != nil {
			return nil, err
		}
		if disorder, _ := p.check(l.descending); disorder != "" {
			return nil, disorderError(disorder)
		}
		if req.Offset == 0 && len(p.records) == 0 {
			// At offset 0 any backup anchors the page. Two empty answers in a
			// row (A4) show every backup deleted, none lasting: the end.
			if p, err = l.settle(ctx, req, p, func(q Page[T]) bool { return len(q.records) == 0 }); err != nil {
				return nil, err
			}
			if len(p.records) == 0 {
				return set.records, nil
			}
		}
		head, ok := p.firstTime()
		if req.Offset > 0 && (!ok || !l.ahead(head.Truncate(time.Second), frontier)) {
			if misses++; misses > maxAnchorMisses {
				return nil, l.withProgress(&PagesApartError{Request: req.String(), Frontier: frontier}, set)
			}
			margin *= 4
			continue
		}
		if !l.reachesPast(p, frontier) {
			if len(p.records) < l.limit {
				end, err := l.endsAt(ctx, req, p, frontier, set)
				if err != nil || end {
					return set.records, err
				}
			}
			j := l.groupStart(p, frontier)
			if j == 0 {
				return nil, &TiedBackupsError{At: frontier, PageSize: len(p.records)}
			}
			if stalls++; stalls > maxStalls {
				return nil, l.withProgress(&PagesApartError{Request: req.String(), Frontier: frontier, Stalled: true}, set)
			}
			pos = req.Offset + j
			continue
		}
		if err := set.add(p.records); err != nil {
			return nil, err
		}
		tail, _ := p.lastTime()
		frontier = tail.Truncate(time.Second)
		pos = req.Offset + l.groupStart(p, frontier)
		misses, stalls, margin = 0, 0, l.baseMargin()
		if l.agrees(p) && len(p.records) < l.largestAnswer() {
			return set.records, nil
		}
	}
}

// endsAt says whether p, an answer of fewer backups than asked for that
// reaches no further than the frontier, is the end of the list: once
// settled, when its count agrees, or when the API is seen to serve more
// than p at once, or nothing after it. False (with no error) when p is a
// whole page of what the API serves, whose backups may go on.
func (l *lister[T]) endsAt(ctx context.Context, req Request, p Page[T], frontier time.Time, set *recordSet[T]) (bool, error) {
	// Backups ahead of the frontier that began in one second may come in
	// another order each time, one of them before offset: only the rest
	// must be alike.
	from := func(q Page[T]) Page[T] {
		q.records = q.records[l.groupStart(q, frontier):]
		return q
	}
	p, err := l.settleWith(ctx, req, p, func(q Page[T]) bool { return !l.agrees(q) && !l.reachesPast(q, frontier) },
		func(a, b Page[T]) bool { return alike(from(a), from(b)) })
	switch {
	case err != nil:
		return false, err
	case l.reachesPast(p, frontier):
		return false, nil // not the end after all: the next step reads on
	case countSaysMore(p) && len(p.records) >= l.largestAnswer():
		return false, nil // a page capped at what the API serves: more follow
	case countSaysMore(p):
		return false, l.withProgress(l.countSaysMoreError(p), set)
	case l.agrees(p):
		return true, set.add(p.records)
	}
	more, err := l.servesMore(ctx, req, p)
	if err != nil || more {
		return false, err
	}
	return true, set.add(p.records)
}

// baseMargin is how many backups a step of pass 3 asks for again ahead of
// the frontier's second: deleting as many ahead costs no second request.
func (l *lister[T]) baseMargin() int {
	return 1 + max(l.largestAnswer(), 1)/50
}

// ahead says whether second a comes before second b in the list's order.
func (l *lister[T]) ahead(a, b time.Time) bool {
	if l.descending {
		return a.After(b)
	}
	return a.Before(b)
}

// reachesPast says whether a page holds a backup past the frontier's
// second in the list's order.
func (l *lister[T]) reachesPast(p Page[T], frontier time.Time) bool {
	last, ok := p.lastTime()
	return ok && l.ahead(frontier, last.Truncate(time.Second))
}

// groupStart is the index in p of the first record that does not come
// ahead of second: where that second's backups begin in the answer.
func (l *lister[T]) groupStart(p Page[T], second time.Time) int {
	for i, r := range p.records {
		if t := r.RecordTime(); !t.IsZero() && !l.ahead(t.Truncate(time.Second), second) {
			return i
		}
	}
	return len(p.records)
}

// pastEnd says whether the frontier has passed the query's own bound: the
// floor when newest first, the ceiling when oldest first.
func (l *lister[T]) pastEnd(frontier time.Time) bool {
	if l.descending {
		return !l.floor.IsZero() && frontier.Before(l.floor.Truncate(time.Second))
	}
	return !l.ceiling.IsZero() && frontier.After(l.ceiling.Truncate(time.Second))
}

// PagesApartError is pass 3 unable to read a page that begins where the
// part of the list already read ends.
type PagesApartError struct {
	Request  string
	Frontier time.Time
	// Stalled is a page that read nothing new, again and again.
	Stalled bool
	// Once is the page after a whole page that did not begin where that
	// page ended (see servesMore).
	Once bool
}

func (e *PagesApartError) Error() string {
	if e.Once {
		return fmt.Sprintf("the page after one as large as the API serves (%s) did not begin with the backups of "+
			"that page's last second, %s: backups were deleted ahead of the reader, or the API reads offset "+
			"otherwise than as a position, so the end of the list cannot be told from a page cap",
			e.Request, formatTime(e.Frontier))
	}
	if e.Stalled {
		return fmt.Sprintf("the pages read by offset came no further than backups that began at %s, %d times in a "+
			"row (the last: %s): the API serves the same page whatever the offset, or backups are created faster "+
			"than they can be read", formatTime(e.Frontier), maxStalls, e.Request)
	}
	return fmt.Sprintf("the pages read by offset no longer followed one another after backups that began at %s, %d "+
		"times in a row (the last: %s): backups are deleted ahead of the reader, or the API reads offset "+
		"otherwise than as a position", formatTime(e.Frontier), maxAnchorMisses, e.Request)
}
