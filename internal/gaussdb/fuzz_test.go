package gaussdb

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// FuzzDecodePage feeds arbitrary bodies to the listing as the answer to every
// page: it must return backups or an error, never panic or loop.
func FuzzDecodePage(f *testing.F) {
	for _, seed := range []string{
		`{"backups": [], "total_count": 0}`,
		`{"backups": [{"id": "b1", "begin_time": "2018-08-06T12:41:14+0800", "end_time": "", "size": 2803.12, "take_up_time": 2}], "total_count": 1}`,
		`{"backups": [{"id": "b1", "size": "12.5", "datastore": null, "backup_level": "2"}], "total_count": 7}`,
		`{"total_count": 3}`,
		`{"backups": null, "total_count": -1}`,
		`<html><body>502 Bad Gateway</body></html>`,
		`{"backups": [{"id": "b1"`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		handler := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) })
		c := newTestClient(t, handler)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		listed, err := c.ListBackups(ctx, BackupQuery{})
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, b := range listed.Backups {
			if seen[b.ID] {
				t.Fatalf("backup %q listed twice", b.ID)
			}
			seen[b.ID] = true
		}
		if _, err := listing.DecodeAnswer[Backup](body); err != nil && !transport.IsErrorBody(body) {
			t.Fatalf("a body that does not decode was accepted: %q", body)
		}
	})
}

// FuzzParseTime checks that ParseTime never panics and that what it accepts
// survives the trip through the API's layout, to the second.
func FuzzParseTime(f *testing.F) {
	for _, seed := range []string{
		"2020-07-06T10:41:14+0800", "2020-07-06T10:41:14+08:00", "2020-07-06T02:41:14Z",
		"2020-07-06T10:41:14 0800", "9999-12-31T23:59:59-2359", "", "yesterday",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, value string) {
		parsed, err := ParseTime(value)
		if err != nil {
			return
		}
		again, err := ParseTime(FormatAPITime(parsed))
		if err != nil {
			// Offsets finer than a minute cannot be written in the API's layout.
			if _, offset := parsed.Zone(); offset%60 != 0 || strings.Contains(err.Error(), "out of range") {
				return
			}
			t.Fatalf("%q parsed, but its API form %q does not: %v", value, FormatAPITime(parsed), err)
		}
		// The API's layout counts whole seconds.
		if !again.Equal(parsed.Truncate(time.Second)) {
			t.Fatalf("%q became %v, then %v", value, parsed, again)
		}
	})
}
