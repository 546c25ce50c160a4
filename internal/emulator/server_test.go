package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"
)

const (
	token   = "t"
	project = "p"
)

type answer struct {
	status int
	body   map[string]any
}

func get(t *testing.T, s *Server, target string, headers map[string]string) answer {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("X-Auth-Token", token)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("GET %s: body %q is not JSON: %v", target, rec.Body.String(), err)
	}
	return answer{rec.Code, body}
}

func TestSeedIsDeterministicAndVaried(t *testing.T) {
	a, b := Seed(300), Seed(300)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two seeds of the same size differ")
	}
	statuses := map[string]int{}
	var decimals, noLevel, withDescription, noInstanceName int
	for i, backup := range a {
		statuses[backup.Status]++
		if backup.SizeMB != float64(int64(backup.SizeMB)) {
			decimals++
		}
		if backup.BackupLevel == "" {
			noLevel++
		}
		if backup.Description != "" {
			withDescription++
		}
		if backup.InstanceName == "" {
			noInstanceName++
		}
		if i > 0 && !backup.BeginTime.Before(a[i-1].BeginTime) {
			t.Errorf("seed %d is not older than seed %d", i, i-1)
		}
	}
	if statuses["BUILDING"] != 1 || !a[0].EndTime.IsZero() {
		t.Errorf("want exactly one BUILDING backup, the newest, with no end_time; got %v", statuses)
	}
	for _, s := range []string{"COMPLETED", "FAILED", "AVAILABLE"} {
		if statuses[s] == 0 {
			t.Errorf("no %s backup in the seed", s)
		}
	}
	if decimals == 0 || noLevel == 0 || noLevel == len(a) || withDescription == 0 || noInstanceName == 0 {
		t.Errorf("seed lacks variety: %d decimal sizes, %d without backup_level, %d with description, %d without instance_name",
			decimals, noLevel, withDescription, noInstanceName)
	}
}

func TestPagingAndTotalCount(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(250)})
	a := get(t, s, "/v3/p/backups?offset=200&limit=100", nil)
	if a.status != 200 || a.body["total_count"] != float64(250) || len(a.body["backups"].([]any)) != 50 {
		t.Errorf("last page: status %d, total %v, %d backups", a.status, a.body["total_count"], len(a.body["backups"].([]any)))
	}
	a = get(t, s, "/v3/p/backups?offset=900", nil)
	if len(a.body["backups"].([]any)) != 0 {
		t.Errorf("a page past the end holds %d backups", len(a.body["backups"].([]any)))
	}
	a = get(t, s, "/mysql/v3/p/backups?limit=1", nil)
	if a.status != 200 || len(a.body["backups"].([]any)) != 1 {
		t.Errorf("the /mysql path: status %d", a.status)
	}
}

func TestAddedBackupsTakeTheirPlaceNewestFirst(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(3)})
	s.AddBackup(Backup{ID: "newest", BeginTime: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	first := get(t, s, "/v3/p/backups?limit=1", nil).body["backups"].([]any)[0].(map[string]any)
	if first["id"] != "newest" {
		t.Errorf("first backup is %v, want the one just added", first["id"])
	}
}

func TestValidationAndAuthErrors(t *testing.T) {
	s := New(Options{Token: token, ProjectID: project, Backups: Seed(5)})
	tests := []struct {
		name    string
		target  string
		headers map[string]string
		status  int
		code    string
		msg     string
	}{
		{"negative offset", "/v3/p/backups?offset=-1", nil, 400, "DBS.200001", "Invalid parameter: offset"},
		{"limit over 100", "/v3/p/backups?limit=101", nil, 400, "DBS.200001", "Invalid parameter: limit"},
		{"limit zero", "/v3/p/backups?limit=0", nil, 400, "DBS.200001", "Invalid parameter: limit"},
		{"unknown backup_type", "/v3/p/backups?backup_type=full", nil, 400, "DBS.200001", "Invalid parameter: backup_type"},
		{"a + that arrived as a space", "/v3/p/backups?begin_time=2020-07-06T10:41:14+0800", nil, 400, "DBS.200001", "Invalid parameter: begin_time"},
		{"end not after begin", "/v3/p/backups?begin_time=2020-07-06T10:41:14%2B0800&end_time=2020-07-06T02:41:14%2B0000", nil,
			400, "DBS.200001", "Invalid parameter: end_time must be later than begin_time"},
		{"Chinese when asked", "/v3/p/backups?limit=0", map[string]string{"X-Language": "zh-cn"}, 400, "DBS.200001", "参数错误：limit"},
		{"bad token", "/v3/p/backups", map[string]string{"X-Auth-Token": "wrong"}, 401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail"},
		{"another project", "/v3/other/backups", nil, 401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail"},
		{"no such API", "/v3/p/instances", nil, 404, "APIGW.0101", "The API does not exist or has not been published in the environment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := get(t, s, tt.target, tt.headers)
			if a.status != tt.status || a.body["error_code"] != tt.code || a.body["error_msg"] != tt.msg {
				t.Errorf("got %d %v %v, want %d %s %s", a.status, a.body["error_code"], a.body["error_msg"], tt.status, tt.code, tt.msg)
			}
		})
	}
}

func TestFiltersAndWireFormat(t *testing.T) {
	seeded := Seed(20)
	s := New(Options{Token: token, ProjectID: project, Backups: seeded})
	a := get(t, s, "/v3/p/backups?backup_id="+seeded[0].ID, nil)
	backups := a.body["backups"].([]any)
	if len(backups) != 1 {
		t.Fatalf("backup_id filter gave %d backups", len(backups))
	}
	b := backups[0].(map[string]any)
	if b["end_time"] != "" || b["status"] != "BUILDING" || b["begin_time"] != "2026-11-20T02:00:00+0800" {
		t.Errorf("the BUILDING backup is sent as %v", b)
	}
	if _, ok := b["description"]; ok {
		t.Errorf("a backup without description carries the key: %v", b)
	}
	a = get(t, s, "/v3/p/backups?instance_id="+SeedInstanceC, nil)
	for _, item := range a.body["backups"].([]any) {
		m := item.(map[string]any)
		if m["instance_id"] != SeedInstanceC {
			t.Errorf("instance_id filter let %v through", m["instance_id"])
		}
		if _, ok := m["backup_level"]; ok {
			t.Errorf("instance C has no level-1 backup, yet backup_level is %v", m["backup_level"])
		}
	}
	if a.body["total_count"] != float64(6) {
		t.Errorf("instance C holds %v of 20 backups, want 6", a.body["total_count"])
	}
}
