package emulator

import (
	"net/url"
	"testing"
	"time"
)

func incrementalPath(instanceID, query string) string {
	return "/v3/p/instances/" + instanceID + "/incremental-backups?" + query
}

func TestSeedIncrementalIsDeterministicContiguousAndHasItsGap(t *testing.T) {
	logs := SeedIncremental(2)
	again := SeedIncremental(2)
	if len(logs) != len(again) {
		t.Fatal("two seeds of the same size differ")
	}
	ids := map[string]bool{}
	var offsite, inGap int
	for i, b := range logs {
		if b != again[i] {
			t.Fatalf("log %d differs between two seeds", i)
		}
		if ids[b.ID] {
			t.Fatalf("id %s twice", b.ID)
		}
		ids[b.ID] = true
		if b.Type == typeOffSiteLog {
			offsite++
		}
		if b.InstanceID == SeedInstanceA && b.BeginTime.Before(IncrementalGap.End) && b.EndTime.After(IncrementalGap.Begin) {
			inGap++
		}
		if !b.EndTime.Equal(b.BeginTime.Add(30 * time.Minute)) {
			t.Errorf("log %s lasts %s", b.ID, b.EndTime.Sub(b.BeginTime))
		}
	}
	// Two days: 96 half hours for each of three instances, less A's two in
	// the gap, plus an offsite copy of every tenth half hour's logs (nine
	// each, less A's of 02:30Z, in the gap).
	if want := 96*3 - 2 + 9*3 - 1; len(logs) != want || offsite != 26 || inGap != 0 {
		t.Errorf("got %d logs, %d offsite, %d in the gap; want %d, 26, 0", len(logs), offsite, inGap, want)
	}
}

func TestIncrementalBackupsAreServedNewestFirstInPagesOfTheLimit(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(30), IncrementalBackups: SeedIncremental(2)})
	a := get(t, s, incrementalPath(SeedInstanceB, "limit=50&offset=50"), nil)
	backups, _ := a.body["backups"].([]any)
	if a.status != 200 || len(backups) != 46 || a.body["total_count"] != float64(96) {
		t.Fatalf("got %d, %d backups of %v; want 46 of 96", a.status, len(backups), a.body["total_count"])
	}
	first, _ := backups[0].(map[string]any)
	if first["backup_type"] != "Log" || first["instance_id"] != SeedInstanceB || first["begin_time"] != "2026-11-18T17:00:00+0000" {
		t.Errorf("first of the second page: %v", first)
	}
	// The default limit is 10, and offsite copies come only when asked.
	if a := get(t, s, incrementalPath(SeedInstanceB, ""), nil); len(a.body["backups"].([]any)) != 10 {
		t.Errorf("default page holds %d", len(a.body["backups"].([]any)))
	}
	if a := get(t, s, incrementalPath(SeedInstanceB, "display_offsite_backup=true"), nil); a.body["total_count"] != float64(96+9) {
		t.Errorf("with offsite copies: %v, want 105", a.body["total_count"])
	}
	window := url.Values{"begin_time": {"2026-11-19T10:00:00+0000"}, "end_time": {"2026-11-19T20:00:00+0800"}}
	if a := get(t, s, incrementalPath(SeedInstanceB, window.Encode()), nil); a.body["total_count"] != float64(5) {
		t.Errorf("10:00Z to 12:00Z holds %v logs that began in it, want 5", a.body["total_count"])
	}
}

func TestIncrementalBackupsOutsideTheRetentionAreGone(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, IncrementalBackups: SeedIncremental(2), LogRetention: 5 * time.Hour})
	// Logs that ended within five hours of the newest's end: 11 (13:30Z to 18:30Z).
	if a := get(t, s, incrementalPath(SeedInstanceC, "limit=50"), nil); a.body["total_count"] != float64(11) {
		t.Errorf("got %v logs, want 11", a.body["total_count"])
	}
}

func TestIncrementalBackupsValidateAsTheAPIDoes(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, IncrementalBackups: SeedIncremental(1)})
	tests := []struct{ name, target, code, msg string }{
		{"limit 15", incrementalPath(SeedInstanceA, "limit=15"), "DBS.200001", "Invalid parameter: limit"},
		{"limit 100", incrementalPath(SeedInstanceA, "limit=100"), "DBS.200001", "Invalid parameter: limit"},
		{"negative offset", incrementalPath(SeedInstanceA, "offset=-1"), "DBS.200001", "Invalid parameter: offset"},
		{"begin alone", incrementalPath(SeedInstanceA, "begin_time=2026-11-19T10:00:00%2B0000"), "DBS.200001",
			"Invalid parameter: begin_time and end_time must be set together"},
		{"end alone", incrementalPath(SeedInstanceA, "end_time=2026-11-19T10:00:00%2B0000"), "DBS.200001",
			"Invalid parameter: begin_time and end_time must be set together"},
		{"end before begin", incrementalPath(SeedInstanceA, "begin_time=2026-11-19T10:00:00%2B0000&end_time=2026-11-19T10:00:00%2B0000"),
			"DBS.200001", "Invalid parameter: end_time must be later than begin_time"},
		{"offsite maybe", incrementalPath(SeedInstanceA, "display_offsite_backup=maybe"), "DBS.200001", "Invalid parameter: display_offsite_backup"},
		{"unknown instance", incrementalPath("nosuchinstancein07", ""), "DBS.200823", "The DB instance does not exist."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := get(t, s, tt.target, nil)
			if a.status != 400 || a.body["error_code"] != tt.code || a.body["error_msg"] != tt.msg {
				t.Errorf("got %d %v %v", a.status, a.body["error_code"], a.body["error_msg"])
			}
		})
	}
}
