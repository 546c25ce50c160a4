package emulator

import (
	"fmt"
	"net/url"
	"testing"
	"time"
)

// ids lists the ids of an answer's backups.
func ids(t *testing.T, a answer) []string {
	t.Helper()
	list, ok := a.body["backups"].([]any)
	if a.status != 200 || !ok {
		t.Fatalf("got %d %v", a.status, a.body)
	}
	var out []string
	for _, item := range list {
		b, _ := item.(map[string]any)
		out = append(out, fmt.Sprint(b["id"]))
	}
	return out
}

// Three backups of a minute each, 30 s apart: b2 from 10:00:00, b1 from
// 10:00:30, b0 from 10:01:00.
func overlapping() []Backup {
	base := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	var backups []Backup
	for i := range 3 {
		begin := base.Add(time.Duration(2-i) * 30 * time.Second)
		backups = append(backups, Backup{ID: fmt.Sprintf("b%d", i), InstanceID: SeedInstanceA, BeginTime: begin,
			EndTime: begin.Add(time.Minute), Status: "COMPLETED", Type: "auto"})
	}
	backups[0].Status, backups[0].EndTime = "BUILDING", time.Time{}
	return backups
}

func TestEachReadingOfAWindow(t *testing.T) {
	window := url.Values{"begin_time": {"2026-11-20T10:00:30+0000"}, "end_time": {"2026-11-20T10:01:00+0000"}}.Encode()
	for _, tt := range []struct {
		readings Readings
		want     string
	}{
		{Readings{}, "[b0 b1]"},
		{Readings{BeginExclusive: true}, "[b0]"},
		{Readings{EndExclusive: true}, "[b1]"},
		{Readings{WindowOn: "end"}, "[b2]"},
		{Readings{WindowOn: "overlap"}, "[b0 b1 b2]"},
		{Readings{WindowOn: "overlap", RunningOutOfWindows: true}, "[b1 b2]"},
		{Readings{WindowOn: "ignore"}, "[b0 b1 b2]"},
	} {
		s := New(Options{Token: token, ProjectID: project, Backups: overlapping(), Readings: tt.readings})
		if got := fmt.Sprint(ids(t, get(t, s, "/v3/p/backups?"+window, nil))); got != tt.want {
			t.Errorf("%+v: got %s, want %s", tt.readings, got, tt.want)
		}
	}
}

func TestIncrementalBackupsOldestFirstAndTheOffsiteSwitchIgnored(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(30), IncrementalBackups: SeedIncremental(2),
		Readings: Readings{IncrementalOldestFirst: true, OffsiteSwitchIgnored: true}})
	a := get(t, s, incrementalPath(SeedInstanceB, "limit=10"), nil)
	if a.body["total_count"] != float64(96+9) {
		t.Errorf("total_count %v, want 105 with the offsite copies", a.body["total_count"])
	}
	list, _ := a.body["backups"].([]any)
	first, _ := list[0].(map[string]any)
	last, _ := list[len(list)-1].(map[string]any)
	if fmt.Sprint(first["begin_time"]) >= fmt.Sprint(last["begin_time"]) {
		t.Errorf("the page runs from %v to %v, want oldest first", first["begin_time"], last["begin_time"])
	}
}

func TestEachReadingOfRestoreTime(t *testing.T) {
	day := "date=2026-11-18"
	window := "start_time=1794967200500&end_time=1794992400000" // 2026-11-18T02:00:00.5Z to 09:00Z
	beijing := time.FixedZone("+08:00", 8*3600)
	for _, tt := range []struct {
		readings     Readings
		query, wants string
	}{
		{Readings{SpansUncut: true}, window, "[2026-11-18T06:02:00Z/2026-11-19T18:30:00Z]"},
		{Readings{SpansFilter: "start"}, day, "[2026-11-18T06:02:00Z/2026-11-18T23:59:59.999Z]"},
		{Readings{SpansFilter: "inside"}, window, "[]"},
		{Readings{DateZone: beijing}, day, "[2026-11-17T16:00:00Z/2026-11-18T02:00:00Z 2026-11-18T06:02:00Z/2026-11-18T15:59:59.999Z]"},
		{Readings{RestoreTimesMissing: "empty"}, day, "[]"},
	} {
		s := seededServer(Options{Readings: tt.readings})
		if got := fmt.Sprint(spans(t, get(t, s, restoreTimePath(SeedInstanceA, tt.query), nil))); got != tt.wants {
			t.Errorf("%+v %s: got %s, want %s", tt.readings, tt.query, got, tt.wants)
		}
	}
	for _, missing := range []string{"absent", "null"} {
		s := seededServer(Options{Readings: Readings{RestoreTimesMissing: missing}})
		if a := get(t, s, restoreTimePath(SeedInstanceA, day), nil); a.body["restore_times"] != nil {
			t.Errorf("%s: got %v, want no list", missing, a.body)
		}
	}
}
