package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// pointCheckSpan is how far either side of a point the plan-time check
// asks the restore window: wide enough to hold the spans around the point,
// whichever of the API's readings of a window applies (spans cut to it,
// spans that overlap it, or only spans that lie inside it).
const pointCheckSpan = time.Hour

// restoreWindowReader reads an instance's restore window.
type restoreWindowReader interface {
	RestoreTimeRanges(ctx context.Context, q gaussdb.RestoreTimeQuery) ([]gaussdb.TimeRange, error)
}

// checkRestorePoint refuses at plan time a point that the restore window
// shows outside it, and only then: the point is after now; or the ranges
// around it (an hour either side) hold it in a gap between two; or no
// range of the whole retention (asked without a window) holds it. A point
// the window holds passes; when the window cannot be read, or says
// nothing either way, the API checks the point when the action runs.
func checkRestorePoint(ctx context.Context, c restoreWindowReader, source string, at, now time.Time, diags *diag.Diagnostics) {
	refuse := func(why string) {
		diags.AddAttributeError(path.Root("restore_time"), "Point outside the restore window",
			fmt.Sprintf("Instance %s cannot be restored to %s: %s. gaussdb_mysql_restore_time_ranges lists the ranges; "+
				"gaussdb_mysql_restore_point gives the newest point.", source, millisecondText(at), why))
	}
	if at.After(now) {
		refuse("it is in the future")
		return
	}
	around, aroundErr := c.RestoreTimeRanges(ctx, gaussdb.RestoreTimeQuery{InstanceID: source,
		BeginTime: at.Add(-pointCheckSpan), EndTime: earliest(at.Add(pointCheckSpan), now.Truncate(time.Millisecond))})
	if aroundErr == nil {
		if holds(around, at) {
			return
		}
		if before, after, ok := gapAround(around, at); ok {
			refuse(fmt.Sprintf("it falls in a gap of its restore window, between %s and %s", describeRange(before),
				describeRange(after)))
			return
		}
	}
	whole, wholeErr := c.RestoreTimeRanges(ctx, gaussdb.RestoreTimeQuery{InstanceID: source})
	switch {
	case wholeErr == nil && holds(whole, at):
	case wholeErr == nil && len(whole) == 0:
		refuse("its restore window is empty")
	case wholeErr == nil:
		refuse("no range of its restore window holds it (" + describeRanges(nearest(whole, at)) + ")")
	case aroundErr != nil:
		diags.AddAttributeWarning(path.Root("restore_time"), "Unable to check the restore window",
			"The restore window could not be read at plan time, so the API will check the point when the action "+
				"runs: "+sentence(wholeErr))
	default:
		diags.AddAttributeWarning(path.Root("restore_time"), "Unable to confirm the point",
			fmt.Sprintf("No range of the restore window within %s of %s holds it, and the whole window could not be "+
				"read (%s), so the API will check the point when the action runs.", pointCheckSpan,
				millisecondText(at), strings.TrimSuffix(wholeErr.Error(), ".")))
	}
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// holds says whether a range holds at, both ends included.
func holds(ranges []gaussdb.TimeRange, at time.Time) bool {
	return slices.ContainsFunc(ranges, func(r gaussdb.TimeRange) bool { return !at.Before(r.Begin) && !at.After(r.End) })
}

// gapAround returns the ranges either side of at, when there are both:
// every range between two that an answer holds lies within the window
// asked, so the API would have returned it.
func gapAround(ranges []gaussdb.TimeRange, at time.Time) (before, after gaussdb.TimeRange, ok bool) {
	var hasBefore, hasAfter bool
	for _, r := range ranges {
		switch {
		case r.End.Before(at) && (!hasBefore || r.End.After(before.End)):
			before, hasBefore = r, true
		case r.Begin.After(at) && (!hasAfter || r.Begin.Before(after.Begin)):
			after, hasAfter = r, true
		}
	}
	return before, after, hasBefore && hasAfter
}

// nearest returns the ranges either side of at.
func nearest(ranges []gaussdb.TimeRange, at time.Time) []gaussdb.TimeRange {
	before, after, _ := gapAround(ranges, at)
	var found []gaussdb.TimeRange
	for _, r := range []gaussdb.TimeRange{before, after} {
		if !r.Begin.IsZero() {
			found = append(found, r)
		}
	}
	return found
}

func describeRange(r gaussdb.TimeRange) string {
	return millisecondText(r.Begin) + " to " + millisecondText(r.End)
}

// describeRanges names the ranges nearest a point.
func describeRanges(ranges []gaussdb.TimeRange) string {
	parts := make([]string, len(ranges))
	for i, r := range ranges {
		parts[i] = describeRange(r)
	}
	return "the nearest: " + strings.Join(parts, "; ")
}
