package gaussdb

import (
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
)

func TestParseTime(t *testing.T) {
	beijing := time.FixedZone("", 8*3600)
	want := time.Date(2020, 7, 6, 10, 41, 14, 0, beijing)
	tests := []struct {
		name  string
		value string
		want  time.Time
		ok    bool
	}{
		{"the API's layout", "2020-07-06T10:41:14+0800", want, true},
		{"RFC 3339 with an offset", "2020-07-06T10:41:14+08:00", want, true},
		{"RFC 3339 in UTC", "2020-07-06T02:41:14Z", want, true},
		{"RFC 3339 with fractions", "2020-07-06T02:41:14.000Z", want, true},
		{"the API's layout with Z", "2020-07-06T02:41:14Z", want, true},
		{"surrounding spaces are trimmed", " 2020-07-06T10:41:14+0800 ", want, true},
		{"a plus sign read as a space is rejected", "2020-07-06T10:41:14 0800", time.Time{}, false},
		{"no offset is rejected", "2020-07-06T10:41:14", time.Time{}, false},
		{"a date alone is rejected", "2020-07-06", time.Time{}, false},
		{"an impossible date is rejected", "2020-02-30T10:41:14+0800", time.Time{}, false},
		{"empty is rejected", "", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTime(tt.value)
			if (err == nil) != tt.ok {
				t.Fatalf("ParseTime(%q) error = %v, want ok = %v", tt.value, err, tt.ok)
			}
			if tt.ok && !got.Equal(tt.want) {
				t.Errorf("ParseTime(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

func TestFormatAPITimeKeepsTheOffset(t *testing.T) {
	got := FormatAPITime(time.Date(2020, 7, 6, 10, 41, 14, 0, time.FixedZone("", 8*3600)))
	if got != "2020-07-06T10:41:14+0800" {
		t.Errorf("FormatAPITime = %q, want 2020-07-06T10:41:14+0800", got)
	}
}

// The listing quotes a request's times in its errors as they were sent:
// in the API's layout, which it writes down itself (it imports nothing of
// the API).
func TestTheListingQuotesTimesAsTheAPIIsSentThem(t *testing.T) {
	at := time.Date(2026, 11, 27, 8, 0, 5, 0, time.FixedZone("", 8*3600))
	got := listing.Request{Limit: 100, AtOrAfter: at, AtOrBefore: at.Add(time.Hour)}.String()
	want := "offset 0, limit 100, begin_time " + FormatAPITime(at) + ", end_time " + FormatAPITime(at.Add(time.Hour))
	if got != want {
		t.Errorf("request = %q, want %q", got, want)
	}
}
