package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// restorePointServer serves pointBackups and restore times.
func restorePointServer(restoreTimes string, restoreQueries *[]url.Values) http.Handler {
	backups := pointBackups
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v3/{project}/backups", func(w http.ResponseWriter, _ *http.Request) {
		count := strconv.Itoa(strings.Count(backups, `"id"`))
		_, _ = w.Write([]byte(`{"backups": [` + backups + `], "total_count": ` + count + `}`))
	})
	mux.HandleFunc("GET /v3/{project}/instances/{instance}/restore-time", func(w http.ResponseWriter, r *http.Request) {
		*restoreQueries = append(*restoreQueries, r.URL.Query())
		_, _ = w.Write([]byte(restoreTimes))
	})
	return mux
}

const pointBackups = `
{"id": "building", "instance_id": "i1", "begin_time": "2025-11-19T20:00:00+0000", "end_time": "", "status": "BUILDING"},
{"id": "failed", "instance_id": "i1", "begin_time": "2025-11-19T18:00:00+0000", "end_time": "2025-11-19T18:10:00+0000", "status": "FAILED"},
{"id": "newest", "instance_id": "i1", "begin_time": "2025-11-19T12:00:00+0000", "end_time": "2025-11-19T12:20:00+0000", "status": "AVAILABLE"},
{"id": "long", "instance_id": "i1", "begin_time": "2025-11-19T11:00:00+0000", "end_time": "2025-11-19T12:30:00+0000", "status": "COMPLETED"},
{"id": "older", "instance_id": "i1", "begin_time": "2025-11-18T12:00:00+0000", "end_time": "2025-11-18T12:20:00+0000", "status": "COMPLETED"}`

func TestLatestRestorePointIsTheEndOfTheNewestSpan(t *testing.T) {
	var queries []url.Values
	// 2025-11-19T12:30Z to 16:00Z, and 2025-11-18T12:20Z to 2025-11-19T06:00Z.
	restoreTimes := `{"restore_times": [{"start_time": 1763555400000, "end_time": 1763568000000},
		{"start_time": 1763468400000, "end_time": 1763532000000}]}`
	c := newTestClient(t, restorePointServer(restoreTimes, &queries))
	notAfter := ms("2025-11-19T23:00:00Z")
	point, err := c.LatestRestorePoint(context.Background(), "i1", notAfter)
	if err != nil {
		t.Fatal(err)
	}
	if point.Type != RestoreTypeTimestamp || !point.Time.Equal(ms("2025-11-19T16:00:00Z")) {
		t.Errorf("got %s at %s, want a timestamp at 16:00Z", point.Type, point.Time)
	}
	// "long" ended last of the restorable backups, though "newest" began later.
	if point.Backup.ID != "long" {
		t.Errorf("base backup %s, want long", point.Backup.ID)
	}
	if len(queries) != 1 || queries[0].Get("start_time") != "1763550000000" || queries[0].Get("end_time") != "1763593200000" {
		t.Errorf("asked the restore window %v, want from the base backup's begin_time to not_after", queries)
	}
}

func TestLatestRestorePointIsABackupWhenNoSpanReachesPastIt(t *testing.T) {
	var queries []url.Values
	// Only older spans: the logs stopped before the newest backup ended.
	restoreTimes := `{"restore_times": [{"start_time": 1763468400000, "end_time": 1763532000000}]}`
	c := newTestClient(t, restorePointServer(restoreTimes, &queries))
	point, err := c.LatestRestorePoint(context.Background(), "i1", ms("2025-11-19T23:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if point.Type != RestoreTypeBackup || point.Backup.ID != "long" || !point.Time.Equal(ms("2025-11-19T12:30:00Z")) {
		t.Errorf("got %s %s at %s, want backup long at 12:30Z", point.Type, point.Backup.ID, point.Time)
	}
}

func TestLatestRestorePointNotAfterATime(t *testing.T) {
	var queries []url.Values
	// The API ignores the window and answers with the whole retention.
	restoreTimes := `{"restore_times": [{"start_time": 1763468400000, "end_time": 1763568000000}]}`
	c := newTestClient(t, restorePointServer(restoreTimes, &queries))
	// 2025-11-19T12:25Z: "long" had not ended; "newest" had.
	notAfter := ms("2025-11-19T12:25:00.123Z")
	point, err := c.LatestRestorePoint(context.Background(), "i1", notAfter)
	if err != nil {
		t.Fatal(err)
	}
	if point.Type != RestoreTypeTimestamp || !point.Time.Equal(notAfter) || point.Backup.ID != "newest" {
		t.Errorf("got %s at %s from %s, want a timestamp at not_after from newest", point.Type, point.Time, point.Backup.ID)
	}
}

func TestLatestRestorePointOfAnInstanceWithoutRestorableBackupsIsAnError(t *testing.T) {
	var queries []url.Values
	c := newTestClient(t, restorePointServer(`{"restore_times": []}`, &queries))
	_, err := c.LatestRestorePoint(context.Background(), "i1", ms("2025-11-18T12:19:59Z"))
	var none *NoRestorePointError
	if !errors.As(err, &none) || none.Backups != 5 {
		t.Fatalf("got %v, want a NoRestorePointError counting 5 backups", err)
	}
	if len(queries) != 0 {
		t.Errorf("asked the restore window %d times, with no backup to restore from", len(queries))
	}
}
