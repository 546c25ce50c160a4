package emulator

import (
	"net/http"
	"testing"
	"time"
)

func TestTheTaskCenterListsVisibleJobsNewestFirstWithItsFilters(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(30), Now: func() time.Time { return now },
		Operations: Operations{RestoreDuration: time.Hour, BackupDuration: time.Minute, JobsHiddenFor: time.Second,
			RestoreFailure: "no space"}})
	send(t, s, http.MethodPost, "/v3/p/backups/create", map[string]string{"instance_id": SeedInstanceA, "name": "first"})
	now = now.Add(2 * time.Minute)
	restore := send(t, s, http.MethodPost, "/v3/p/instances/restore", map[string]any{"source_instance_id": SeedInstanceA,
		"target_instance_id": SeedInstanceB, "type": "backup", "backup_id": Seed(30)[3].ID})
	now = now.Add(time.Second)

	all := get(t, s, "/v3/p/immediate-jobs", nil).body
	jobs, _ := all["jobs"].([]any)
	if len(jobs) != 2 || all["total_count"] != 2.0 {
		t.Fatalf("got %v", all)
	}
	newest := jobs[0].(map[string]any)
	if newest["job_id"] != restore.body["job_id"] || newest["status"] != "Running" || newest["instance_id"] != SeedInstanceB ||
		newest["job_name"] != jobRestore || newest["created_time"] != "2026-11-30T10:02:00+0000" || newest["ended_time"] != "" {
		t.Errorf("newest %v", newest)
	}
	if oldest := jobs[1].(map[string]any); oldest["status"] != "Completed" || oldest["ended_time"] != "2026-11-30T10:01:00+0000" {
		t.Errorf("oldest %v", oldest)
	}
	for query, want := range map[string]int{
		"?status=Running": 1, "?status=Pending": 0, "?job_name=" + jobCreateBackup: 1,
		"?start_time=2026-11-30T10:01:00%2B0000": 1, "?end_time=2026-11-30T10:01:00%2B0000": 1,
		"?limit=10&offset=1": 1, "?limit=10&offset=2": 0,
	} {
		if a := get(t, s, "/v3/p/immediate-jobs"+query, nil); len(a.body["jobs"].([]any)) != want {
			t.Errorf("%s: %d %v, want %d jobs", query, a.status, a.body, want)
		}
	}
	if a := get(t, s, "/v3/p/immediate-jobs?limit=100", nil); a.status != http.StatusBadRequest {
		t.Errorf("limit=100: %d %v, want 400 (10, 20 or 50)", a.status, a.body)
	}
}
