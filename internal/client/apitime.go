package client

import (
	"fmt"
	"strings"
	"time"
)

// apiTimeLayout is the layout the backups API uses for times, e.g.
// 2020-07-06T10:41:14+0800.
const apiTimeLayout = "2006-01-02T15:04:05-0700"

// ParseTime parses a time in the API's layout or in RFC 3339.
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

// FormatAPITime formats t in the layout the API expects in queries.
func FormatAPITime(t time.Time) string {
	return t.Format(apiTimeLayout)
}
