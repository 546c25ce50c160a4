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

// boundReading is how a deployment reads a listing's end_time (A5: the
// same for every request): the pages do not say which time of a backup
// it is compared with.
type boundReading int

const (
	// boundUnknown: nothing read so far shows it.
	boundUnknown boundReading = iota
	// boundKeepsBegun: an answer to end_time E holds every backup that
	// began by E (E is compared with begin_time, or with any overlap of
	// the backup's span): what the pass by time needs.
	boundKeepsBegun
	// boundDropsRunning: E is compared with each backup's end_time, so a
	// backup that began by E and ended after it is left out.
	boundDropsRunning
	// boundIgnored: answers hold backups that began after E.
	boundIgnored
)

// Reading is what the listings of one client have learnt of how one
// listing API reads end_time, and what showed it; and in which order it
// answers.
type Reading struct {
	mu      sync.Mutex
	reading boundReading
	seen    string
	// order is the order an answer showed: orderNewestFirst or
	// orderOldestFirst; zero until one did.
	order listOrder
	// running is whether an answer to end_time keeps a backup still
	// running (no end_time) that began by it: boundKeepsBegun or
	// boundDropsRunning once shown; runningSeen says what showed it.
	running     boundReading
	runningSeen string
}

// getRunning returns what is known of running backups in answers to
// end_time.
func (w *Reading) getRunning() (boundReading, string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.running, w.runningSeen
}

// learnRunning records what an answer showed of running backups.
func (w *Reading) learnRunning(reading boundReading, seen string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running == boundUnknown {
		w.running, w.runningSeen = reading, seen
	}
}

// listOrder is the order of a listing API's answers by begin_time.
type listOrder int

const (
	orderNewestFirst listOrder = iota + 1
	orderOldestFirst
)

// getOrder returns the order shown, or zero.
func (w *Reading) getOrder() listOrder {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.order
}

// learnOrder records the order an answer showed; the first stands.
func (w *Reading) learnOrder(descending bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.order == 0 {
		w.order = orderOldestFirst
		if descending {
			w.order = orderNewestFirst
		}
	}
}

// errOrderShown stops a listing that read on in one order when an answer
// shows the other: it is read again from the top.
var errOrderShown = errors.New("an answer showed the list in the other order")

// get returns the reading and what showed it.
func (w *Reading) get() (boundReading, string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.reading, w.seen
}

// learn records a reading shown by an answer. The first conclusive answer
// stands: a later one that contradicts it is a fault of that answer.
func (w *Reading) learn(reading boundReading, seen string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.reading == boundUnknown {
		w.reading, w.seen = reading, seen
	}
}

// boundsNotKeptError stops a listing that sent end_time once its answers
// show that the API does not keep every backup that began by it: the
// listing is read again without end_time.
type boundsNotKeptError struct {
	reading boundReading
	seen    string
}

func (e *boundsNotKeptError) Error() string { return e.seen }

// describeBound says what an end_time sent selects under a reading.
func describeBound(reading boundReading) string {
	switch reading {
	case boundKeepsBegun:
		return "the API applies end_time to each backup's begin_time (or to any overlap of its span)"
	case boundDropsRunning:
		return "the API compares end_time with each backup's end_time, so a backup that began before it and " +
			"ended after it is left out"
	case boundIgnored:
		return "the API does not apply end_time to begin_time"
	}
	return "it is not known which time of a backup the API compares end_time with"
}

// noteBound learns from an answer to an end_time what the API compares it
// with, and fails when the answer shows that it does not keep every backup
// that began by it. Times are compared in whole seconds, as the API counts.
func (l *lister[T]) noteBound(p Page[T]) error {
	if p.req.AtOrBefore.IsZero() {
		return nil
	}
	bound := p.req.AtOrBefore.Truncate(time.Second)
	for _, r := range p.records {
		begin, end := r.RecordTime().Truncate(time.Second), r.RecordEnd().Truncate(time.Second)
		switch {
		case begin.IsZero():
		case begin.After(bound):
			seen := fmt.Sprintf("asked for backups that began at or before %s (%s), the API answered with %q, which "+
				"began at %s: %s", formatTime(bound), p.req, r.RecordID(), formatTime(begin), describeBound(boundIgnored))
			l.reading.learn(boundIgnored, seen)
			return &boundsNotKeptError{reading: boundIgnored, seen: seen}
		case !end.IsZero() && end.After(bound):
			l.reading.learn(boundKeepsBegun, fmt.Sprintf("the answer to end_time %s held %q, which began at %s and "+
				"ended at %s", formatTime(bound), r.RecordID(), formatTime(begin), formatTime(end)))
		}
	}
	if reading, seen := l.reading.get(); reading == boundDropsRunning || reading == boundIgnored {
		return &boundsNotKeptError{reading: reading, seen: seen}
	}
	return nil
}

// maxProbes bounds the backups asked for by confirmReading.
const maxProbes = 3

// confirmReading makes sure that the API keeps, in an answer to end_time,
// every backup that began by it, which a listing that sent end_time relied
// on. Unless an answer already showed it, it asks for a backup that lasted
// two seconds or more with a window that ends while the backup ran: kept
// when end_time is compared with begin_time (or overlap), left out when
// with end_time; then with a window past its end, which keeps it under
// either reading, to tell that apart from a backup deleted meanwhile.
func (l *lister[T]) confirmReading(ctx context.Context, read []T) (boundReading, error) {
	if reading, _ := l.reading.get(); reading != boundUnknown {
		return reading, nil
	}
	candidates := probeCandidates(read)
	if len(candidates) == 0 {
		// Nothing read ran long enough: the top of the whole list may.
		top, err := l.readTop(ctx)
		if err != nil {
			return boundUnknown, err
		}
		candidates = probeCandidates(top.records)
	}
	for _, r := range candidates[:min(len(candidates), maxProbes)] {
		begin, end := r.RecordTime().Truncate(time.Second), r.RecordEnd().Truncate(time.Second)
		within := Request{Limit: l.limit, AtOrAfter: begin.Add(-time.Second), AtOrBefore: begin.Add(time.Second)}
		kept, err := l.probeHolds(ctx, within, r.RecordID())
		if err != nil {
			return boundUnknown, err
		}
		if kept {
			l.reading.learn(boundKeepsBegun, fmt.Sprintf("the answer to begin_time %s and end_time %s held %q, which "+
				"ended at %s", formatTime(within.AtOrAfter), formatTime(within.AtOrBefore), r.RecordID(),
				formatTime(end)))
			break
		}
		past := Request{Limit: l.limit, AtOrAfter: within.AtOrAfter, AtOrBefore: end.Add(time.Second)}
		if held, err := l.probeHolds(ctx, past, r.RecordID()); err != nil || !held {
			if err != nil {
				return boundUnknown, err
			}
			continue // deleted meanwhile: ask for another
		}
		l.reading.learn(boundDropsRunning, fmt.Sprintf("%q, which began at %s and ended at %s, was left out of the "+
			"answer to begin_time %s and end_time %s, and held in the answer to end_time %s: %s", r.RecordID(),
			formatTime(begin), formatTime(end), formatTime(within.AtOrAfter), formatTime(within.AtOrBefore),
			formatTime(past.AtOrBefore), describeBound(boundDropsRunning)))
		break
	}
	reading, seen := l.reading.get()
	tflog.Debug(ctx, "the API's reading of end_time", map[string]any{"reading": describeBound(reading), "seen": seen})
	return reading, nil
}

// probeHolds says whether the API's answer to req holds id; an answer
// that lacks it is asked again once (A4).
func (l *lister[T]) probeHolds(ctx context.Context, req Request, id string) (bool, error) {
	for range 2 {
		p, err := l.read(ctx, req)
		var notKept *boundsNotKeptError
		if errors.As(err, &notKept) {
			return false, nil // the reading it showed is what the caller asks
		}
		if err != nil {
			return false, err
		}
		if slices.ContainsFunc(p.records, func(r T) bool { return r.RecordID() == id }) {
			return true, nil
		}
	}
	return false, nil
}

// probeCandidates returns the records that ran for two seconds or more,
// newest first: a window can end while each ran.
func probeCandidates[T Record[T]](records []T) []T {
	var candidates []T
	for _, r := range records {
		begin, end := r.RecordTime().Truncate(time.Second), r.RecordEnd().Truncate(time.Second)
		if !begin.IsZero() && !end.IsZero() && !end.Before(begin.Add(2*time.Second)) {
			candidates = append(candidates, r)
		}
	}
	slices.SortFunc(candidates, func(a, b T) int { return b.RecordTime().Compare(a.RecordTime()) })
	return candidates
}

// confirmRunningKept makes sure that an answer to end_time keeps a backup
// still running (no end_time yet) that began by it, as a listing that sent
// end_time relied on: a deployment that compares any bound with end_time
// may leave every running backup out of every window. It asks for one that
// runs, read by the listing or at the top of the list (where A2 puts
// running backups), with an end_time just past its begin. With none
// running, nothing can be left out; and a listing whose page 0 was the top
// of the list, read without end_time, read the running ones there.
func (l *lister[T]) confirmRunningKept(ctx context.Context, read []T) (boundReading, error) {
	if reading, _ := l.reading.getRunning(); reading != boundUnknown {
		return reading, nil
	}
	running := func(records []T) []T {
		var found []T
		for _, r := range records {
			if !r.RecordTime().IsZero() && r.RecordEnd().IsZero() {
				found = append(found, r)
			}
		}
		return found
	}
	if l.upper.IsZero() && (l.firstEnded || l.firstHeld >= l.limit) {
		// Page 0 was the top of the list, read without end_time and whole
		// (a full page, or its count said so): it held the backups still
		// running (A6). A shorter one may have been cut by a fault.
		return boundKeepsBegun, nil
	}
	candidates := running(read)
	var top *Page[T]
	if len(candidates) == 0 {
		p, err := l.readTop(ctx)
		if err != nil {
			return boundUnknown, err
		}
		top = &p
		if candidates = running(p.records); len(candidates) == 0 {
			return boundKeepsBegun, nil
		}
	}
	var r T
	var req Request
	kept := false
	for _, r = range candidates[:min(len(candidates), maxProbes)] {
		req = Request{Limit: l.limit, AtOrBefore: r.RecordTime().Truncate(time.Second).Add(time.Second)}
		held, err := l.probeHolds(ctx, req, r.RecordID())
		if err != nil {
			return boundUnknown, err
		}
		if kept = held; kept {
			break
		}
		// Left out: unless it was deleted meanwhile, which the top of the
		// list, read without end_time, shows.
		if top == nil {
			p, err := l.readTop(ctx)
			if err != nil {
				return boundUnknown, err
			}
			top = &p
		}
		if slices.ContainsFunc(top.records, func(t T) bool { return t.RecordID() == r.RecordID() }) {
			break
		}
		top = nil // read again for the next candidate
	}
	if !kept && top == nil {
		return boundKeepsBegun, nil // every one asked for was deleted: nothing left out
	}
	if kept {
		l.reading.learnRunning(boundKeepsBegun, fmt.Sprintf("the answer to end_time %s held %q, still running",
			formatTime(req.AtOrBefore), r.RecordID()))
	} else {
		l.reading.learnRunning(boundDropsRunning, fmt.Sprintf("%q, which began at %s and is still running (no "+
			"end_time), was left out of the answer to end_time %s twice: the API leaves a running backup out of a "+
			"window", r.RecordID(), formatTime(r.RecordTime()), formatTime(req.AtOrBefore)))
	}
	reading, _ := l.reading.getRunning()
	return reading, nil
}

// readTop reads the top of the whole list, without end_time: an answer
// shorter than the API is seen to serve, whose count does not say it ends
// there, is read again until two of the same size (A4), since a fault may
// have cut it. (Their backups may differ where ties straddle the end.)
func (l *lister[T]) readTop(ctx context.Context) (Page[T], error) {
	req := Request{Limit: l.limit}
	p, err := l.read(ctx, req)
	if err != nil {
		return p, err
	}
	return l.settleWith(ctx, req, p,
		func(q Page[T]) bool { return len(q.records) < max(l.largestAnswer(), 1) && !agrees(q) },
		func(a, b Page[T]) bool { return len(a.records) == len(b.records) && a.count == b.count })
}
