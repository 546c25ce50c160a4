package gaussdb

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

func TestFailuresThatCannotSucceedAreNotRetried(t *testing.T) {
	var calls atomic.Int32
	counting := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
	})
	tests := []struct {
		name     string
		endpoint func(t *testing.T) string
		want     string
	}{
		{"a certificate from an unknown authority", func(t *testing.T) string {
			server := httptest.NewTLSServer(counting)
			t.Cleanup(server.Close)
			return server.URL
		}, "certificate signed by unknown authority"},
		{"a plain HTTP server behind https://", func(t *testing.T) string {
			server := httptest.NewServer(counting)
			t.Cleanup(server.Close)
			return strings.Replace(server.URL, "http://", "https://", 1)
		}, "server gave HTTP response to HTTPS client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls.Store(0)
			c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: tt.endpoint(t), ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: acctest.FastRetries()})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListBackups(context.Background(), BackupQuery{})
			var requestErr *transport.RequestError
			if !errors.As(err, &requestErr) || requestErr.Attempts != 1 || !strings.Contains(err.Error(), tt.want) ||
				!strings.Contains(err.Error(), "1 attempt") {
				t.Errorf("error = %v, want %q after 1 attempt", err, tt.want)
			}
			if calls.Load() != 0 {
				t.Errorf("the handler ran %d times", calls.Load())
			}
		})
	}
}

func TestARefusedConnectionIsRetriedAndTheErrorCountsTheAttempts(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + listener.Addr().String()
	_ = listener.Close() // nothing listens there now
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: endpoint, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListBackups(context.Background(), BackupQuery{})
	var requestErr *transport.RequestError
	if !errors.As(err, &requestErr) || requestErr.Attempts != 4 || !strings.Contains(err.Error(), "4 attempts over") ||
		!strings.Contains(err.Error(), "connection refused") {
		t.Errorf("error = %v, want connection refused after 4 attempts (3 retries)", err)
	}
}

func TestAnAttemptThatRunsOutOfTimeSaysSo(t *testing.T) {
	opts := acctest.FastRetries()
	opts.MaxRetries = 1
	opts.RequestTimeout = 100 * time.Millisecond
	_, _, err := listWithFaults(t, 10, emulator.Faults{Stall: true}, opts)
	var requestErr *transport.RequestError
	if !errors.As(err, &requestErr) || !requestErr.AttemptTimedOut || requestErr.Attempts != 2 {
		t.Errorf("error = %#v, want an attempt time-out after 2 attempts", err)
	}
}

func TestTheCallersDeadlineIsNotAnAttemptTimeOut(t *testing.T) {
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Faults: emulator.Faults{Stall: true}})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := newTestClient(t, server).ListBackups(ctx, BackupQuery{})
	var requestErr *transport.RequestError
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &requestErr) && requestErr.AttemptTimedOut {
		t.Errorf("error = %#v, want the context's deadline, not an attempt time-out", err)
	}
}

func TestErrorBodiesInEveryShape(t *testing.T) {
	tests := []struct {
		body, code, message, requestID string
	}{
		{`{"error_code": "DBS.200001", "error_msg": "Parameter error."}`, "DBS.200001", "Parameter error.", "from-header"},
		{`{"code": "APIGW.0308", "message": "throttled"}`, "APIGW.0308", "throttled", "from-header"},
		{`{"error": {"code": "IAM.0001", "message": "wrong password", "title": "Unauthorized"}}`, "IAM.0001", "wrong password", "from-header"},
		{`{"error_code": "DBS.280124", "error_msg": "bad id", "request_id": "from-body"}`, "DBS.280124", "bad id", "from-body"},
		{`{"error": {"code": 400, "message": "bad", "request_id": "nested"}}`, "400", "bad", "nested"},
	}
	for _, tt := range tests {
		withHeader := !strings.Contains(tt.body, "request_id")
		c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			if withHeader {
				w.Header().Set("X-Request-Id", "from-header")
			}
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(tt.body))
		}))
		_, err := c.ListBackups(context.Background(), BackupQuery{})
		var apiErr *transport.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != tt.code || apiErr.Message != tt.message || apiErr.RequestID != tt.requestID {
			t.Errorf("%s gave %#v, want code %s, message %q, request id %s", tt.body, apiErr, tt.code, tt.message, tt.requestID)
		}
	}
}

func TestAPasswordInTheEndpointIsNeverLogged(t *testing.T) {
	server := httptest.NewServer(emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(3)}))
	t.Cleanup(server.Close)
	endpoint := strings.Replace(server.URL, "http://", "http://user:hunter2secret@", 1)
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: endpoint, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	if _, err := c.ListBackups(tflogtest.RootLogger(context.Background(), &logs), BackupQuery{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "GaussDB API request") {
		t.Fatalf("nothing was logged: %s", logs.String())
	}
	if strings.Contains(logs.String(), "hunter2secret") {
		t.Errorf("the password was logged:\n%s", logs.String())
	}
}
