package provider

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// windowAPI answers restore windows from spans, reading a window as a
// deployment may: spans cut to it, or only the spans lying inside it.
type windowAPI struct {
	spans      []gaussdb.TimeRange
	insideOnly bool
	// noWindow is the error of a query without a window, if any.
	noWindow error
}

func (w windowAPI) RestoreTimeRanges(_ context.Context, q gaussdb.RestoreTimeQuery) ([]gaussdb.TimeRange, error) {
	if q.BeginTime.IsZero() {
		return w.spans, w.noWindow
	}
	var found []gaussdb.TimeRange
	for _, s := range w.spans {
		switch {
		case s.End.Before(q.BeginTime) || s.Begin.After(q.EndTime):
		case w.insideOnly && (s.Begin.Before(q.BeginTime) || s.End.After(q.EndTime)):
		default:
			found = append(found, gaussdb.TimeRange{Begin: later(s.Begin, q.BeginTime), End: earliest(s.End, q.EndTime)})
		}
	}
	return found, nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func TestThePointCheckRefusesOnlyWhatTheWindowShowsOutside(t *testing.T) {
	day := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)
	now := day.Add(72 * time.Hour)
	// Two and a half days of binlogs with gaps: two spans of ten minutes
	// between two long ones.
	spans := []gaussdb.TimeRange{
		{Begin: day, End: day.Add(30 * time.Hour)},
		{Begin: day.Add(30*time.Hour + 30*time.Minute), End: day.Add(30*time.Hour + 40*time.Minute)},
		{Begin: day.Add(30*time.Hour + 50*time.Minute), End: day.Add(31 * time.Hour)},
		{Begin: day.Add(31*time.Hour + 10*time.Minute), End: day.Add(60 * time.Hour)},
	}
	unsupported := errors.New("HTTP 400: date is required")
	tests := []struct {
		name string
		api  windowAPI
		at   time.Time
		want string // "" passes; otherwise the diagnostic's summary
	}{
		{"inside a long span, spans cut", windowAPI{spans: spans}, day.Add(12 * time.Hour), ""},
		{"inside a long span, only spans inside", windowAPI{spans: spans, insideOnly: true}, day.Add(12 * time.Hour), ""},
		{"inside a long span, only spans inside, no whole window", windowAPI{spans: spans, insideOnly: true, noWindow: unsupported},
			day.Add(12 * time.Hour), "Unable to confirm the point"},
		{"inside a short span, only spans inside", windowAPI{spans: spans, insideOnly: true, noWindow: unsupported},
			day.Add(30*time.Hour + 35*time.Minute), ""},
		{"in a gap, spans cut", windowAPI{spans: spans, noWindow: unsupported}, day.Add(30*time.Hour + 15*time.Minute),
			"Point outside the restore window"},
		{"in a gap between short spans, only spans inside", windowAPI{spans: spans, insideOnly: true, noWindow: unsupported},
			day.Add(30*time.Hour + 45*time.Minute), "Point outside the restore window"},
		// The span after the gap is too long to lie in the window: the
		// window proves nothing, and the whole one cannot be read.
		{"in a gap before a long span, only spans inside", windowAPI{spans: spans, insideOnly: true, noWindow: unsupported},
			day.Add(31*time.Hour + 5*time.Minute), "Unable to confirm the point"},
		{"after the newest", windowAPI{spans: spans, insideOnly: true}, day.Add(65 * time.Hour), "Point outside the restore window"},
		{"before the oldest", windowAPI{spans: spans}, day.Add(-time.Hour), "Point outside the restore window"},
		{"in the future", windowAPI{spans: spans}, now.Add(time.Minute), "Point outside the restore window"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			checkRestorePoint(context.Background(), tt.api, "i1", tt.at, now, &diags)
			switch {
			case tt.want == "" && len(diags) != 0:
				t.Errorf("a point the window holds: %v", diags)
			case tt.want != "" && (len(diags) != 1 || diags[0].Summary() != tt.want):
				t.Errorf("got %v, want %q", diags, tt.want)
			case tt.want == "Point outside the restore window" && !strings.Contains(diags[0].Detail(), "cannot be restored to"):
				t.Errorf("detail %q", diags[0].Detail())
			}
		})
	}
}
