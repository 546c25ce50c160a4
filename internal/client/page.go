package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// maxPages stops a listing that never ends: at most this many requests
// are spent on one listing.
const maxPages = 10_000

// maxCount is the largest total_count taken as a count: a larger one is
// more than maxPages pages of the largest page size, so it cannot be true
// of a list this provider can read.
const maxCount = maxPages * 100

// record is what the lister needs of one listed item (a backup): an id,
// the begin_time the API orders by, and how to tell an impostor.
type record[T any] interface {
	recordID() string
	// recordTime is the time the API orders by; zero when unreadable.
	recordTime() time.Time
	// recordEnd is when the item ended; zero while it runs or when
	// unreadable. Whether a window keeps an item that began within it but
	// ended after it shows how the API reads the window.
	recordEnd() time.Time
	// recordSize estimates the bytes the record takes in Terraform's state.
	recordSize() int
	// conflictWith names a field that differs between two answers for the
	// same id though it cannot change (a begin_time), or returns "".
	conflictWith(other T) string
}

// pageRequest is one request of a listing.
type pageRequest struct {
	offset, limit int
	// atOrBefore, when set, asks only for records that began at or before
	// it (sent as end_time): the time pass reads from the top of that list.
	atOrBefore time.Time
	// atOrAfter, when set, is sent as begin_time: only the probe of the
	// API's reading of a window sends one.
	atOrAfter time.Time
}

func (r pageRequest) String() string {
	s := fmt.Sprintf("offset %d, limit %d", r.offset, r.limit)
	if !r.atOrAfter.IsZero() {
		s += ", begin_time " + FormatAPITime(r.atOrAfter)
	}
	if !r.atOrBefore.IsZero() {
		s += ", end_time " + FormatAPITime(r.atOrBefore)
	}
	return s
}

// page is one answer, as read: the request, its records and its count.
type page[T record[T]] struct {
	req     pageRequest
	records []T
	count   totalCount
	// noList is an answer without a backups member and without a count
	// of zero: not an answer of a listing, and never an empty list.
	noList bool
}

// ids returns the page's record ids as a set.
func (p page[T]) ids() map[string]struct{} {
	ids := make(map[string]struct{}, len(p.records))
	for _, r := range p.records {
		ids[r.recordID()] = struct{}{}
	}
	return ids
}

// alike says whether two answers hold the same ids (in any order: the API
// may order backups that began together differently each time) and the
// same total_count.
func alike[T record[T]](a, b page[T]) bool {
	if len(a.records) != len(b.records) || a.count != b.count {
		return false
	}
	ids := a.ids()
	for _, r := range b.records {
		if _, ok := ids[r.recordID()]; !ok {
			return false
		}
	}
	return true
}

// lastTime returns the time of the page's last record with a readable
// time; ok is false when none has one.
func (p page[T]) lastTime() (t time.Time, ok bool) {
	for i := len(p.records) - 1; i >= 0; i-- {
		if t := p.records[i].recordTime(); !t.IsZero() {
			return t, true
		}
	}
	return time.Time{}, false
}

// firstTime returns the time of the page's first record with a readable
// time; ok is false when none has one.
func (p page[T]) firstTime() (t time.Time, ok bool) {
	for _, r := range p.records {
		if t := r.recordTime(); !t.IsZero() {
			return t, true
		}
	}
	return time.Time{}, false
}

// check refuses a page that holds one id twice or no list at all, and says
// where a page is not in the listing's order (newest first when
// descending, oldest first otherwise; empty when it is). An id twice on
// one page is never a moment of a list: one of the two is an impostor.
func (p page[T]) check(descending bool) (disorder string, err error) {
	if p.noList {
		return "", fmt.Errorf("the answer (%s) holds no backups member, and no total_count of 0 that would "+
			"make it an empty list: it is not an answer of a listing, so it is not read as one", p.req)
	}
	seen := make(map[string]int, len(p.records))
	var ahead time.Time
	var aheadID string
	for i, r := range p.records {
		if j, dup := seen[r.recordID()]; dup {
			how := "with the same content"
			if conflict := p.records[j].conflictWith(r); conflict != "" {
				how = "with different values of " + conflict
			}
			return "", fmt.Errorf("the answer (%s) holds id %q twice, as records %d and %d, %s: the API "+
				"answered in error, so no list is returned", p.req, r.recordID(), j+1, i+1, how)
		}
		seen[r.recordID()] = i
		t := r.recordTime()
		if t.IsZero() {
			continue
		}
		if disorder == "" && !ahead.IsZero() && (descending && t.After(ahead) || !descending && t.Before(ahead)) {
			which := "earlier"
			if !descending {
				which = "later"
			}
			disorder = fmt.Sprintf("in the answer (%s), %q (%s) comes after %q (%s), which began %s",
				p.req, r.recordID(), t.Format(time.RFC3339), aheadID, ahead.Format(time.RFC3339), which)
		}
		ahead, aheadID = t, r.recordID()
	}
	return disorder, nil
}

// direction says in which order a page's records are: descending (newest
// first) or not, from its first and last readable times; known is false
// when they began in the same second, or the page holds fewer than two.
func (p page[T]) direction() (descending, known bool) {
	first, ok := p.firstTime()
	last, alsoOK := p.lastTime()
	if !ok || !alsoOK {
		return true, false
	}
	first, last = first.Truncate(time.Second), last.Truncate(time.Second)
	return !first.Before(last), !first.Equal(last)
}

// listAnswer is one answer of a listing API: {"backups": [...],
// "total_count": N}. Both are optional in the spec: a missing or null
// backups is an empty page, and a missing total_count is unknown.
type listAnswer[T record[T]] struct {
	Backups    []T        `json:"backups"`
	TotalCount totalCount `json:"total_count"`
	// noList is an answer without a backups member (see page.noList).
	noList bool
}

// decodeAnswer reads an answer, which must be a JSON object: a null or an
// array is not an answer of this API, even though every field is
// optional. A record that does not decode is named by its position and id.
func decodeAnswer[T record[T]](data []byte) (listAnswer[T], error) {
	var a listAnswer[T]
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '{' {
		return a, errors.New("the answer is not a JSON object")
	}
	err := json.Unmarshal(data, &a)
	if err == nil && a.Backups == nil {
		a.noList = !hasMember(data, "backups") && (!a.TotalCount.known || a.TotalCount.value != 0)
	}
	if err == nil && !slices.ContainsFunc(a.Backups, func(r T) bool { return !validID(r.recordID()) }) {
		return a, nil
	}
	// The slow way, to say which backup, and which of its fields.
	var raw struct {
		Backups []json.RawMessage `json:"backups"`
	}
	if json.Unmarshal(data, &raw) != nil {
		return a, err
	}
	for i, item := range raw.Backups {
		var id struct {
			ID json.RawMessage `json:"id"`
		}
		_ = json.Unmarshal(item, &id)
		var r T
		itemErr := json.Unmarshal(item, &r)
		switch {
		case itemErr != nil:
			itemErr = fieldError(item, itemErr, func(field []byte) error { var probe T; return json.Unmarshal(field, &probe) })
			return a, fmt.Errorf("backup %d of the answer (id %s): %w", i+1, id.ID, itemErr)
		case !validID(r.recordID()):
			return a, fmt.Errorf("backup %d of the answer: id %s is not valid UTF-8, so it cannot be told from "+
				"another id that differs only in invalid bytes", i+1, id.ID)
		}
	}
	return a, err
}

// toPage checks an answer to req and returns it as a page.
func (a listAnswer[T]) toPage(req pageRequest) (page[T], error) {
	if len(a.Backups) > req.limit {
		return page[T]{}, fmt.Errorf("the answer holds %d backups, more than the %d asked for", len(a.Backups), req.limit)
	}
	for i, r := range a.Backups {
		if r.recordID() == "" {
			// Without an id a backup cannot be told from another, nor
			// counted once.
			return page[T]{}, fmt.Errorf("backup %d of the answer has no id", i+1)
		}
	}
	return page[T]{req: req, records: a.Backups, count: a.TotalCount, noList: a.noList}, nil
}

// hasMember says whether the JSON object data has a member of that name
// (null counts). It decodes data again: only answers without backups, which
// are small, are asked.
func hasMember(data []byte, name string) bool {
	var members map[string]json.RawMessage
	if json.Unmarshal(data, &members) != nil {
		return false
	}
	_, ok := members[name]
	return ok
}

// totalCount is a total_count as read: a count, or why there is none.
type totalCount struct {
	value int64
	known bool
	// unusable says what was received when it cannot be a count; empty
	// when the answer had none.
	unusable string
}

// UnmarshalJSON takes a whole number, written as a number, a numeric
// string or a whole float (250, "250", 250.0). Anything else is not a
// count, and is noted rather than fatal: the listing does not need one.
func (c *totalCount) UnmarshalJSON(data []byte) error {
	*c = totalCount{}
	text := string(bytes.TrimSpace(data))
	if text == "null" {
		return nil
	}
	if unquoted, err := strconv.Unquote(text); err == nil {
		text = unquoted
	}
	value, err := strconv.ParseFloat(text, 64)
	switch {
	case err != nil || math.IsNaN(value) || math.IsInf(value, 0):
		c.unusable = fmt.Sprintf("%s, which is not a number", data)
	case value != math.Trunc(value):
		c.unusable = fmt.Sprintf("%s, which is not a whole number", data)
	case value < 0:
		c.unusable = fmt.Sprintf("%s, which is negative", data)
	case value > maxCount:
		c.unusable = fmt.Sprintf("%s, more than the %d backups a listing can read", data, maxCount)
	default:
		c.value, c.known = int64(value), true
	}
	return nil
}

func (c totalCount) String() string {
	switch {
	case c.known:
		return strconv.FormatInt(c.value, 10)
	case c.unusable != "":
		return c.unusable
	}
	return "none"
}
