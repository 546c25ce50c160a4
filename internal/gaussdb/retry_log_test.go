package gaussdb

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

func TestEachRetryIsLoggedAtDebugWithReasonAndWait(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
	}))
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	if _, err := c.ListBackups(ctx, BackupQuery{}); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if entry["@message"] == "retrying GaussDB API request" {
			found = true
			if entry["@level"] != "debug" || !strings.Contains(entry["reason"].(string), "429") || entry["waited"] == nil || entry["retry"] != float64(1) {
				t.Errorf("retry logged as %v, want DEBUG with reason 429 and the wait", entry)
			}
		}
	}
	if !found {
		t.Errorf("no retry was logged in:\n%s", logs.String())
	}
}

func TestConnectionErrorsAreRetried(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close() // the connection drops with no answer
			}
			return
		}
		_, _ = w.Write([]byte(`{"backups": [{"id": "b1"}], "total_count": 1}`))
	}))
	listing, err := c.ListBackups(context.Background(), BackupQuery{})
	if err != nil || len(listing.Backups) != 1 || calls.Load() != 2 {
		t.Errorf("after a dropped connection: %d backups, %v, %d calls; want 1 backup on the second call", len(listing.Backups), err, calls.Load())
	}
}

// TestConcurrentPagesLogSafelyWithMasking reads pages concurrently with
// masking on, as the provider does. terraform-plugin-log masks by writing
// into the context's field map: goroutines sharing it crashed the provider
// with "concurrent map writes" (seen in make bench).
func TestConcurrentPagesLogSafelyWithMasking(t *testing.T) {
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(3000)})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	c, err := New(Options{Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		MaxConcurrentRequests: 16, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	ctx = tflog.SetField(ctx, "tf_req_id", "req-1")
	ctx = tflog.MaskAllFieldValuesStrings(ctx, acctest.Token)
	for range 5 {
		if _, err := c.ListBackups(ctx, BackupQuery{}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(logs.String(), acctest.Token) {
		t.Error("the token shows in the logs")
	}
}
