package emulator

import "time"

// Readings answer the questions the API's pages leave open, each the way
// some deployment may: which time of a backup a window compares, whether a
// bound holds its own second, the order of incremental backups, what
// restore-time answers. The zero value is the reading the vendor's
// examples suggest; each field is a flag of the emulator's command, so
// that the provider can be run against every reading.
type Readings struct {
	// WindowOn is which time of a backup begin_time and end_time compare:
	// "begin" (or ""), "end" (a backup that began before end_time and ended
	// after it is left out), "overlap" (begin_time compares each backup's
	// end_time, end_time its begin_time), or "ignore" (neither applied).
	WindowOn string
	// BeginExclusive and EndExclusive leave out a backup at the bound.
	BeginExclusive, EndExclusive bool
	// RunningOutOfWindows leaves a backup with no end_time (BUILDING) out
	// of an answer whose bound compares end_time, as SQL does with NULL.
	RunningOutOfWindows bool
	// IncrementalOldestFirst answers incremental backups oldest first.
	IncrementalOldestFirst bool
	// OffsiteSwitchIgnored answers the copies of incremental backups in
	// other regions whatever display_offsite_backup says.
	OffsiteSwitchIgnored bool
	// RestoreTimesMissing answers restore-time with "absent" ({}), "null"
	// ({"restore_times": null}) or "empty" ([]), whatever the window.
	RestoreTimesMissing string
	// SpansUncut answers restore-time's spans whole, reaching past the day
	// or window asked.
	SpansUncut bool
	// SpansFilter keeps the spans that "overlap" (or "") the day or window
	// asked, that "start" inside it, or that lie "inside" it.
	SpansFilter string
	// DateZone reads restore-time's date as a day of this zone (e.g.
	// +08:00, China Standard Time) instead of UTC; nil is UTC.
	DateZone *time.Location
	// NoWindowIsToday answers a restore-time request with neither date nor
	// a window (or one whose window is ignored) with today's spans only.
	NoWindowIsToday bool
}

// keeps says whether a window from begin to end (zero: unbounded) keeps an
// item that began at b and ended at e (zero while it runs).
func (r Readings) keeps(begin, end, b, e time.Time) bool {
	if r.WindowOn == "ignore" {
		return true
	}
	if !begin.IsZero() {
		t := b
		if r.WindowOn == "end" || r.WindowOn == "overlap" {
			t = e
		}
		switch {
		case t.IsZero():
			if r.RunningOutOfWindows {
				return false
			}
		case t.Before(begin), r.BeginExclusive && t.Equal(begin):
			return false
		}
	}
	if !end.IsZero() {
		t := b
		if r.WindowOn == "end" {
			t = e
		}
		if t.IsZero() || t.After(end) || r.EndExclusive && t.Equal(end) {
			return false
		}
	}
	return true
}
