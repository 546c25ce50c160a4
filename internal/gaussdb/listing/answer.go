package listing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Answer is one answer of a listing API: {"backups": [...],
// "total_count": N}. Both are optional in the spec: a missing or null
// backups is an empty page, and a missing total_count is unknown.
type Answer[T Record[T]] struct {
	Backups    []T        `json:"backups"`
	TotalCount totalCount `json:"total_count"`
	// noList is an answer without a backups member (see page.noList).
	noList bool
}

// DecodeAnswer reads an answer, which must be a JSON object: a null or an
// array is not an answer of this API, even though every field is
// optional. A record that does not decode is named by its position and id.
func DecodeAnswer[T Record[T]](data []byte) (Answer[T], error) {
	var a Answer[T]
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '{' {
		return a, errors.New("the answer is not a JSON object")
	}
	err := json.Unmarshal(data, &a)
	if err == nil && a.Backups == nil {
		a.noList = !hasMember(data, "backups") && (!a.TotalCount.known || a.TotalCount.value != 0)
	}
	if err == nil && !slices.ContainsFunc(a.Backups, func(r T) bool { return !validID(r.RecordID()) }) {
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
		case !validID(r.RecordID()):
			return a, fmt.Errorf("backup %d of the answer: id %s is not valid UTF-8, so it cannot be told from "+
				"another id that differs only in invalid bytes", i+1, id.ID)
		}
	}
	return a, err
}

// Page checks an answer to req and returns it as a page.
func (a Answer[T]) Page(req Request) (Page[T], error) {
	if len(a.Backups) > req.Limit {
		return Page[T]{}, fmt.Errorf("the answer holds %d backups, more than the %d asked for", len(a.Backups), req.Limit)
	}
	for i, r := range a.Backups {
		if r.RecordID() == "" {
			// Without an id a backup cannot be told from another, nor
			// counted once.
			return Page[T]{}, fmt.Errorf("backup %d of the answer has no id", i+1)
		}
	}
	return Page[T]{req: req, records: a.Backups, count: a.TotalCount, noList: a.noList}, nil
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

// fieldError finds which field of the JSON object data fails to decode
// with decode, and names it; err is the error of the whole.
func fieldError(data []byte, err error, decode func(field []byte) error) error {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return err
	}
	for name, value := range fields {
		single, _ := json.Marshal(map[string]json.RawMessage{name: value})
		if fieldErr := decode(single); fieldErr != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(fieldErr, &typeErr) {
				return fmt.Errorf("%s: %s is not a %s", name, value, typeErr.Type)
			}
			return fmt.Errorf("%s: %w", name, fieldErr)
		}
	}
	return err
}

// validID refuses an id that was not valid UTF-8: encoding/json replaces
// invalid bytes and lone surrogates with U+FFFD, which no real id holds,
// and Terraform would hold two such ids as one.
func validID(id string) bool {
	return !strings.ContainsRune(id, utf8.RuneError)
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
