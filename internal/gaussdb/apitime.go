package gaussdb

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// apiTimeLayout is the layout the backups API uses for times, e.g.
// 2020-07-06T10:41:14+0800.
const apiTimeLayout = "2006-01-02T15:04:05-0700"

// ParseTime parses a time in the API's layout or in RFC 3339: what a user
// may write in a filter. Answers are read more liberally, by parseAnswerTime.
func ParseTime(value string) (time.Time, error) {
	value = strings.TrimSpace(value)
	// The API's own layout comes first; RFC 3339 follows because it is what
	// Terraform's time functions produce and what users paste; the last also
	// takes a bare "Z" in the API's layout.
	for _, layout := range []string{apiTimeLayout, time.RFC3339Nano, "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, value); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time in the form 2020-07-06T10:41:14+0800 or RFC 3339 (2020-07-06T10:41:14+08:00)", value)
}

// answerTimePattern is every way deployments have been seen to write a
// time: a space or T between date and time, seconds and fractions
// optional, and an offset as Z, +08, +0800, +08:00 or none.
var answerTimePattern = regexp.MustCompile(
	`^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?$`)

// parseAnswerTime reads a time as the API may write it. The official SDK
// keeps times as strings, so an API answer with 2026-11-20T00:50+0800 (no
// seconds), +08 or 2018-08-06 12:41:14 (no offset: read as UTC) works
// there, and must here.
func parseAnswerTime(value string) (time.Time, bool) {
	// The API's own layout, and RFC 3339, without the pattern's cost.
	for _, layout := range []string{apiTimeLayout, time.RFC3339} {
		if t, err := time.Parse(layout, value); err == nil {
			_, offset := t.Zone()
			return t, offset <= 14*3600 && offset >= -12*3600
		}
	}
	m := answerTimePattern.FindStringSubmatch(strings.TrimSpace(value))
	if m == nil {
		return time.Time{}, false
	}
	number := func(s string) int { n, _ := strconv.Atoi(s); return n }
	nanos := 0
	if m[7] != "" {
		digits := (m[7][1:] + "000000000")[:9]
		nanos = number(digits)
	}
	zone := time.UTC
	if offset := m[8]; offset != "" && offset != "Z" {
		digits := strings.ReplaceAll(offset[1:], ":", "")
		seconds := number(digits[:2]) * 3600
		if len(digits) == 4 {
			seconds += number(digits[2:]) * 60
		}
		if offset[0] == '-' {
			seconds = -seconds
		}
		if seconds > 14*3600 || seconds < -12*3600 {
			return time.Time{}, false
		}
		zone = time.FixedZone("", seconds)
	}
	t := time.Date(number(m[1]), time.Month(number(m[2])), number(m[3]), number(m[4]), number(m[5]), number(m[6]), nanos, zone)
	// time.Date normalises 2026-02-31 to March: such a value is not a time.
	if t.Year() != number(m[1]) || int(t.Month()) != number(m[2]) || t.Day() != number(m[3]) ||
		t.Hour() != number(m[4]) || t.Minute() != number(m[5]) || t.Second() != number(m[6]) {
		return time.Time{}, false
	}
	return t, true
}

// FormatAPITime formats t in the layout the API expects in queries.
func FormatAPITime(t time.Time) string {
	return t.Format(apiTimeLayout)
}
