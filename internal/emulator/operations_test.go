package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func send(t *testing.T, s *Server, method, target string, body any) answer {
	t.Helper()
	payload, _ := json.Marshal(body)
	req := httptest.NewRequest(method, target, bytes.NewReader(payload))
	req.Header.Set("X-Auth-Token", token)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var decoded map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &decoded)
	return answer{rec.Code, decoded}
}

func TestCreateBackupChecksWhatTheAPIChecks(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(6)})
	tests := []struct {
		name        string
		body        map[string]string
		status      int
		code, inMsg string
	}{
		{"a name of three", map[string]string{"instance_id": SeedInstanceA, "name": "abc"}, 400, "DBS.200001", "name"},
		{"a name starting with a digit", map[string]string{"instance_id": SeedInstanceA, "name": "1abc"}, 400, "DBS.200001", "name"},
		{"a name with a dot", map[string]string{"instance_id": SeedInstanceA, "name": "ab.cd"}, 400, "DBS.200001", "name"},
		{"a name of 65", map[string]string{"instance_id": SeedInstanceA, "name": "a" + strings.Repeat("b", 64)}, 400, "DBS.200001", "name"},
		{"a name of 22 Chinese characters (66 bytes)", map[string]string{"instance_id": SeedInstanceA, "name": strings.Repeat("备", 22)}, 400, "DBS.200001", "name"},
		{"a name with a Japanese kana", map[string]string{"instance_id": SeedInstanceA, "name": "backupの1"}, 400, "DBS.200001", "name"},
		{"a description with <", map[string]string{"instance_id": SeedInstanceA, "name": "good-name", "description": "a<b"}, 400, "DBS.200001", "description"},
		{"a description of 257", map[string]string{"instance_id": SeedInstanceA, "name": "good-name", "description": strings.Repeat("d", 257)}, 400, "DBS.200001", "description"},
		{"an unknown instance", map[string]string{"instance_id": "nosuchin07", "name": "good-name"}, 400, "DBS.200823", "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := send(t, s, http.MethodPost, "/v3/p/backups/create", tt.body)
			if a.status != tt.status || a.body["error_code"] != tt.code || !strings.Contains(a.body["error_msg"].(string), tt.inMsg) {
				t.Errorf("got %d %v", a.status, a.body)
			}
		})
	}
}

func TestABackupInProgressMakesTheInstanceBusyUntilItEnds(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(6), Now: clock,
		Operations: Operations{BackupDuration: time.Minute, JobsHiddenFor: -1}})
	first := send(t, s, http.MethodPost, "/v3/p/backups/create", map[string]string{"instance_id": SeedInstanceA, "name": "first"})
	backup, _ := first.body["backup"].(map[string]any)
	if first.status != 201 || backup["status"] != "BUILDING" || backup["type"] != "manual" || first.body["job_id"] == "" {
		t.Fatalf("got %d %v", first.status, first.body)
	}
	second := send(t, s, http.MethodPost, "/v3/p/backups/create", map[string]string{"instance_id": SeedInstanceA, "name": "second"})
	if second.status != 409 || second.body["error_code"] != "DBS.200019" {
		t.Errorf("while busy: %d %v", second.status, second.body)
	}
	job := get(t, s, "/v3/p/jobs?id="+first.body["job_id"].(string), nil).body["job"].(map[string]any)
	if job["status"] != "Running" {
		t.Errorf("job %v", job)
	}
	if a := send(t, s, http.MethodDelete, "/v3/p/backups/"+backup["id"].(string), nil); a.status != 409 {
		t.Errorf("deleting a backup being built: %d %v", a.status, a.body)
	}
	now = now.Add(time.Minute)
	job = get(t, s, "/v3/p/jobs?id="+first.body["job_id"].(string), nil).body["job"].(map[string]any)
	listed := get(t, s, "/v3/p/backups?backup_id="+backup["id"].(string), nil).body["backups"].([]any)[0].(map[string]any)
	if job["status"] != "Completed" || listed["status"] != "COMPLETED" || listed["end_time"] == "" {
		t.Errorf("after a minute: job %v, backup %v", job, listed)
	}
	if a := send(t, s, http.MethodPost, "/v3/p/backups/create", map[string]string{"instance_id": SeedInstanceA, "name": "second"}); a.status != 201 {
		t.Errorf("after it ended: %d %v", a.status, a.body)
	}
}

func TestRestoreChecksTheBackupAndTheWindow(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(30), IncrementalBackups: SeedIncremental(2)})
	restore := func(body map[string]any) answer {
		body["source_instance_id"], body["target_instance_id"] = SeedInstanceA, SeedInstanceB
		return send(t, s, http.MethodPost, "/v3/p/instances/restore", body)
	}
	if a := restore(map[string]any{"type": "backup", "backup_id": Seed(30)[0].ID}); a.status != 400 || a.body["error_code"] != "DBS.280124" {
		t.Errorf("a BUILDING backup: %d %v", a.status, a.body)
	}
	if a := restore(map[string]any{"type": "backup", "backup_id": Seed(30)[1].ID}); a.status != 400 {
		t.Errorf("another instance's backup: %d %v", a.status, a.body)
	}
	if a := restore(map[string]any{"type": "timestamp", "restore_time": IncrementalGap.Begin.Add(30 * time.Minute).UnixMilli()}); a.status != 400 || a.body["error_code"] != "DBS.280111" {
		t.Errorf("a point in the gap: %d %v", a.status, a.body)
	}
	if len(s.Restores()) != 0 {
		t.Fatalf("refused restores were recorded: %v", s.Restores())
	}
	if a := restore(map[string]any{"type": "backup", "backup_id": Seed(30)[3].ID}); a.status != 200 || a.body["job_id"] == "" {
		t.Errorf("a restorable backup: %d %v", a.status, a.body)
	}
	if r := s.Restores(); len(r) != 1 || r[0].BackupID != Seed(30)[3].ID || r[0].TargetInstanceID != SeedInstanceB {
		t.Errorf("restores %+v", r)
	}
}

func TestNamesWithChineseCharactersAreTheAPIs(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(6)})
	for _, name := range []string{"迁移前备份", "备份-before_v2", "a备份份", strings.Repeat("备", 21) + "a"} {
		a := send(t, s, http.MethodPost, "/v3/p/backups/create", map[string]string{"instance_id": SeedInstanceA, "name": name})
		if a.status != http.StatusCreated {
			t.Errorf("%q (%d bytes): %d %v", name, len(name), a.status, a.body)
		}
		// One at a time: the next waits for the instance.
		for s.busyInstance(SeedInstanceA) {
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// busyInstance says whether an operation of the instance runs, for tests.
func (s *Server) busyInstance(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleJobs()
	return s.busy(id)
}

func TestANewJobIsHiddenForAWhileThenShownWithTheDocumentedFields(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(30), IncrementalBackups: SeedIncremental(2),
		Now: func() time.Time { return now }, Operations: Operations{RestoreDuration: time.Minute}})
	started := send(t, s, http.MethodPost, "/v3/p/instances/restore", map[string]any{"source_instance_id": SeedInstanceA,
		"target_instance_id": SeedInstanceB, "type": "backup", "backup_id": Seed(30)[3].ID})
	id, _ := started.body["job_id"].(string)
	if started.status != http.StatusOK || id == "" {
		t.Fatalf("restore: %d %v", started.status, started.body)
	}
	now = now.Add(DefaultJobsHiddenFor - time.Millisecond)
	if a := get(t, s, "/v3/p/jobs?id="+id, nil); a.status != http.StatusBadRequest || a.body["error_code"] != codeNoSuchJob {
		t.Errorf("just before %s: %d %v, want the job unknown", DefaultJobsHiddenFor, a.status, a.body)
	}
	if jobs := get(t, s, "/v3/p/immediate-jobs", nil).body["jobs"].([]any); len(jobs) != 0 {
		t.Errorf("the task center shows a hidden job: %v", jobs)
	}
	now = now.Add(time.Millisecond)
	job, _ := get(t, s, "/v3/p/jobs?id="+id, nil).body["job"].(map[string]any)
	instance, _ := job["instance"].(map[string]any)
	if job["status"] != "Running" || job["process"] == "" || job["ended"] != "" || job["created"] != "2026-11-30T10:00:00+0000" ||
		instance["id"] != SeedInstanceB || instance["name"] == "" {
		t.Errorf("running: %v", job)
	}
	now = now.Add(time.Minute)
	job, _ = get(t, s, "/v3/p/jobs?id="+id, nil).body["job"].(map[string]any)
	if job["status"] != "Completed" || job["process"] != "" || job["ended"] != "2026-11-30T10:01:00+0000" {
		t.Errorf("completed: %v", job)
	}
}

func TestRestoreJobsAwaitAuthorizationAndMayBeCanceled(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(30), Now: func() time.Time { return now },
		Operations: Operations{RestoreDuration: time.Minute, RestoreUnauthorizedFor: time.Minute, JobsHiddenFor: -1,
			RestoreCancellation: "Canceled by the administrator."}})
	started := send(t, s, http.MethodPost, "/v3/p/instances/restore", map[string]any{"source_instance_id": SeedInstanceA,
		"target_instance_id": SeedInstanceB, "type": "backup", "backup_id": Seed(30)[3].ID})
	id, _ := started.body["job_id"].(string)
	var statuses []any
	for range 3 {
		job, _ := get(t, s, "/v3/p/jobs?id="+id, nil).body["job"].(map[string]any)
		statuses = append(statuses, job["status"], job["fail_reason"])
		now = now.Add(time.Minute)
	}
	want := []any{"Unauthorized", nil, "Running", nil, "Canceled", "Canceled by the administrator."}
	if !slices.Equal(statuses, want) {
		t.Errorf("statuses %v, want %v", statuses, want)
	}
}

func TestDeleteAnswersTheBackupsIDAndName(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(6)})
	created := send(t, s, http.MethodPost, "/v3/p/backups/create", map[string]string{"instance_id": SeedInstanceA, "name": "to-delete"})
	id := created.body["backup"].(map[string]any)["id"].(string)
	for s.busyInstance(SeedInstanceA) {
		time.Sleep(10 * time.Millisecond)
	}
	a := send(t, s, http.MethodDelete, "/v3/p/backups/"+id, nil)
	if a.status != http.StatusOK || a.body["backup_id"] != id || a.body["backup_name"] != "to-delete" || a.body["job_id"] != nil {
		t.Errorf("got %d %v", a.status, a.body)
	}
}
