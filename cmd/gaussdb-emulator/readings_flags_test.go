package main

import (
	"flag"
	"testing"
	"time"
)

func TestReadingFlags(t *testing.T) {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	readings := readingFlags(fs)
	err := fs.Parse([]string{"-window-on", "end", "-window-exclusive", "both", "-incremental-order", "oldest",
		"-restore-times-missing", "empty", "-spans-filter", "start", "-date-zone", "+08:00"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := readings()
	if err != nil {
		t.Fatal(err)
	}
	_, offset := time.Date(2026, 1, 1, 0, 0, 0, 0, r.DateZone).Zone()
	if r.WindowOn != "end" || !r.BeginExclusive || !r.EndExclusive || !r.IncrementalOldestFirst ||
		r.RestoreTimesMissing != "empty" || r.SpansFilter != "start" || offset != 8*3600 {
		t.Errorf("got %+v", r)
	}
	for _, bad := range [][]string{{"-window-on", "start"}, {"-date-zone", "Beijing"}, {"-spans-filter", "all"}} {
		fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
		readings := readingFlags(fs)
		if err := fs.Parse(bad); err != nil {
			t.Fatal(err)
		}
		if _, err := readings(); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}
