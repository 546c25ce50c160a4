package listing

import (
	"fmt"
	"time"
)

// maxPages stops a listing that never ends: at most this many requests
// are spent on one listing.
const maxPages = 10_000

// maxCount is the largest total_count taken as a count: a larger one is
// more than maxPages pages of the largest page size, so it cannot be true
// of a list this provider can read.
const maxCount = maxPages * 100

// Record is what the lister needs of one listed item (a backup): an id,
// the begin_time the API orders by, and how to tell an impostor.
type Record[T any] interface {
	RecordID() string
	// RecordTime is the time the API orders by; zero when unreadable.
	RecordTime() time.Time
	// RecordEnd is when the item ended; zero while it runs or when
	// unreadable. Whether a window keeps an item that began within it but
	// ended after it shows how the API reads the window.
	RecordEnd() time.Time
	// RecordSize estimates the bytes the record takes in Terraform's state.
	RecordSize() int
	// ConflictWith names a field that differs between two answers for the
	// same id though it cannot change (a begin_time), or returns "".
	ConflictWith(other T) string
}

// Request is one request of a listing, which Options.Fetch sends.
type Request struct {
	Offset, Limit int
	// AtOrBefore, when set, asks only for records that began at or before
	// it (sent as end_time): the time pass reads from the top of that list.
	AtOrBefore time.Time
	// AtOrAfter, when set, is sent as begin_time: only the probe of the
	// API's reading of a window sends one.
	AtOrAfter time.Time
}

// timeLayout is how the listing APIs take begin_time and end_time
// (gaussdb.FormatAPITime): errors quote a request's times as they were
// sent.
const timeLayout = "2006-01-02T15:04:05-0700"

func formatTime(t time.Time) string {
	return t.Format(timeLayout)
}

// String describes the request as errors quote it.
func (r Request) String() string {
	s := fmt.Sprintf("offset %d, limit %d", r.Offset, r.Limit)
	if !r.AtOrAfter.IsZero() {
		s += ", begin_time " + formatTime(r.AtOrAfter)
	}
	if !r.AtOrBefore.IsZero() {
		s += ", end_time " + formatTime(r.AtOrBefore)
	}
	return s
}

// Page is one answer, as read: the request, its records and its count
// (Answer.Page makes one).
type Page[T Record[T]] struct {
	req     Request
	records []T
	count   totalCount
	// noList is an answer without a backups member and without a count
	// of zero: not an answer of a listing, and never an empty list.
	noList bool
}

// ids returns the page's record ids as a set.
func (p Page[T]) ids() map[string]struct{} {
	ids := make(map[string]struct{}, len(p.records))
	for _, r := range p.records {
		ids[r.RecordID()] = struct{}{}
	}
	return ids
}

// alike says whether two answers hold the same ids (in any order: the API
// may order backups that began together differently each time) and the
// same total_count.
func alike[T Record[T]](a, b Page[T]) bool {
	if len(a.records) != len(b.records) || a.count != b.count {
		return false
	}
	ids := a.ids()
	for _, r := range b.records {
		if _, ok := ids[r.RecordID()]; !ok {
			return false
		}
	}
	return true
}

// lastTime returns the time of the page's last record with a readable
// time; ok is false when none has one.
func (p Page[T]) lastTime() (t time.Time, ok bool) {
	for i := len(p.records) - 1; i >= 0; i-- {
		if t := p.records[i].RecordTime(); !t.IsZero() {
			return t, true
		}
	}
	return time.Time{}, false
}

// firstTime returns the time of the page's first record with a readable
// time; ok is false when none has one.
func (p Page[T]) firstTime() (t time.Time, ok bool) {
	for _, r := range p.records {
		if t := r.RecordTime(); !t.IsZero() {
			return t, true
		}
	}
	return time.Time{}, false
}

// check refuses a page that holds one id twice or no list at all, and says
// where a page is not in the listing's order (newest first when
// descending, oldest first otherwise; empty when it is). An id twice on
// one page is never a moment of a list: one of the two is an impostor.
func (p Page[T]) check(descending bool) (disorder string, err error) {
	if p.noList {
		return "", fmt.Errorf("the answer (%s) holds no backups member, and no total_count of 0 that would "+
			"make it an empty list: it is not an answer of a listing, so it is not read as one", p.req)
	}
	seen := make(map[string]int, len(p.records))
	var ahead time.Time
	var aheadID string
	for i, r := range p.records {
		if j, dup := seen[r.RecordID()]; dup {
			how := "with the same content"
			if conflict := p.records[j].ConflictWith(r); conflict != "" {
				how = "with different values of " + conflict
			}
			return "", fmt.Errorf("the answer (%s) holds id %q twice, as records %d and %d, %s: the API "+
				"answered in error, so no list is returned", p.req, r.RecordID(), j+1, i+1, how)
		}
		seen[r.RecordID()] = i
		t := r.RecordTime()
		if t.IsZero() {
			continue
		}
		if disorder == "" && !ahead.IsZero() && (descending && t.After(ahead) || !descending && t.Before(ahead)) {
			which := "earlier"
			if !descending {
				which = "later"
			}
			disorder = fmt.Sprintf("in the answer (%s), %q (%s) comes after %q (%s), which began %s",
				p.req, r.RecordID(), t.Format(time.RFC3339), aheadID, ahead.Format(time.RFC3339), which)
		}
		ahead, aheadID = t, r.RecordID()
	}
	return disorder, nil
}

// direction says in which order a page's records are: descending (newest
// first) or not, from its first and last readable times; known is false
// when they began in the same second, or the page holds fewer than two.
func (p Page[T]) direction() (descending, known bool) {
	first, ok := p.firstTime()
	last, alsoOK := p.lastTime()
	if !ok || !alsoOK {
		return true, false
	}
	first, last = first.Truncate(time.Second), last.Truncate(time.Second)
	return !first.Before(last), !first.Equal(last)
}
