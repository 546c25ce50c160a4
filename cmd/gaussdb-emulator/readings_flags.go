package main

import (
	"flag"
	"fmt"
	"slices"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// readingFlags declares a flag for each reading of what the API's pages
// leave open (emulator.Readings), and returns a function that reads them
// once the flags are parsed.
func readingFlags(fs *flag.FlagSet) func() (emulator.Readings, error) {
	var r emulator.Readings
	windowOn := fs.String("window-on", "begin", "which time of a backup begin_time and end_time compare: begin, end, overlap or ignore")
	exclusive := fs.String("window-exclusive", "", "leave out a backup at the bound: begin, end or both")
	fs.BoolVar(&r.RunningOutOfWindows, "running-out-of-windows", false, "leave a backup with no end_time out of a window whose bound compares end_time")
	order := fs.String("incremental-order", "newest", "answer incremental backups newest or oldest first")
	fs.BoolVar(&r.OffsiteSwitchIgnored, "offsite-switch-ignored", false, "answer offsite copies whatever display_offsite_backup says")
	missing := fs.String("restore-times-missing", "", `answer restore-time with no spans: absent ({}), null or empty`)
	fs.BoolVar(&r.SpansUncut, "spans-uncut", false, "answer restore-time's spans whole, past the day or window asked")
	filter := fs.String("spans-filter", "overlap", "answer the spans that overlap, start inside or lie inside the day or window asked")
	dateZone := fs.String("date-zone", "UTC", "read restore-time's date as a day of this UTC offset, e.g. +08:00")
	fs.BoolVar(&r.NoWindowIsToday, "no-window-is-today", false, "answer restore-time without a day or window with today's spans only")
	return func() (emulator.Readings, error) {
		choices := []struct {
			flag, value string
			allowed     []string
		}{
			{"window-on", *windowOn, []string{"begin", "end", "overlap", "ignore"}},
			{"window-exclusive", *exclusive, []string{"", "begin", "end", "both"}},
			{"incremental-order", *order, []string{"newest", "oldest"}},
			{"restore-times-missing", *missing, []string{"", "absent", "null", "empty"}},
			{"spans-filter", *filter, []string{"overlap", "start", "inside"}},
		}
		for _, c := range choices {
			if !slices.Contains(c.allowed, c.value) {
				return r, fmt.Errorf("-%s %q: want one of %q", c.flag, c.value, c.allowed)
			}
		}
		r.WindowOn, r.RestoreTimesMissing, r.SpansFilter = *windowOn, *missing, *filter
		r.BeginExclusive = *exclusive == "begin" || *exclusive == "both"
		r.EndExclusive = *exclusive == "end" || *exclusive == "both"
		r.IncrementalOldestFirst = *order == "oldest"
		if *dateZone != "UTC" {
			at, err := time.Parse("-07:00", *dateZone)
			if err != nil {
				return r, fmt.Errorf("-date-zone %q: want an offset such as +08:00", *dateZone)
			}
			_, offset := at.Zone()
			r.DateZone = time.FixedZone(*dateZone, offset)
		}
		return r, nil
	}
}
