package gaussdb

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// newTestClient returns a client of a test server running handler, with
// retries fast enough for tests.
func newTestClient(t *testing.T, handler http.Handler) *Client {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	c, err := New(Options{
		MaxConcurrentRequests: acctest.MaxConcurrentRequests(),
		Endpoint:              server.URL,
		ProjectID:             acctest.ProjectID,
		Auth:                  transport.TokenAuth{Token: acctest.Token},
		HTTP:                  acctest.FastRetries(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRequestsCarryTokenLanguageUserAgentAndEncodedTimes(t *testing.T) {
	var first *http.Request
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if first == nil {
			first = r
		}
		_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
	}))
	end, _ := ParseTime("2020-07-06T10:41:14+0800")
	if _, err := c.ListBackups(context.Background(), BackupQuery{EndTime: end}); err != nil {
		t.Fatal(err)
	}
	// end_time goes one second past the last second wanted, whether the
	// API's bound holds its own second or not.
	checks := map[string][2]string{
		"X-Auth-Token": {first.Header.Get("X-Auth-Token"), acctest.Token},
		"X-Language":   {first.Header.Get("X-Language"), "zh-cn"},
		"User-Agent":   {first.Header.Get("User-Agent"), "terraform-provider-gaussdb/test Terraform/1.11.4"},
		"path":         {first.URL.Path, "/v3/" + acctest.ProjectID + "/backups"},
		"end_time":     {first.URL.Query().Get("end_time"), "2020-07-06T10:41:15+0800"},
		"begin_time":   {first.URL.Query().Get("begin_time"), ""},
	}
	for name, pair := range checks {
		if pair[0] != pair[1] {
			t.Errorf("%s = %q, want %q", name, pair[0], pair[1])
		}
	}
	if !strings.Contains(first.URL.RawQuery, "end_time=2020-07-06T10%3A41%3A15%2B0800") {
		t.Errorf("raw query %q does not carry the + as %%2B", first.URL.RawQuery)
	}
}

func TestAPIErrorsCarryStatusCodeMessageAndRequestID(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Request-Id", "req-42")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error_code": "DBS.200001", "error_msg": "Invalid parameter: backup_type"}`))
	}))
	_, err := c.ListBackups(context.Background(), BackupQuery{})
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v is not an *transport.APIError", err)
	}
	if apiErr.StatusCode != 400 || apiErr.Code != "DBS.200001" || apiErr.Message != "Invalid parameter: backup_type" || apiErr.RequestID != "req-42" {
		t.Errorf("transport.APIError = %+v", apiErr)
	}
	for _, want := range []string{"HTTP 400", "DBS.200001", "Invalid parameter: backup_type", "req-42"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestTheLastAnswerSurvivesWhenRetriesRunOut(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error_code": "DBS.200500", "error_msg": "service busy"}`))
	}))
	_, err := c.ListBackups(context.Background(), BackupQuery{})
	if err == nil || !strings.Contains(err.Error(), "HTTP 503") || !strings.Contains(err.Error(), "DBS.200500") || !strings.Contains(err.Error(), "service busy") {
		t.Errorf("error %v should carry the last status, error_code and error_msg", err)
	}
	if calls.Load() != 4 {
		t.Errorf("server saw %d calls, want 1 + 3 retries", calls.Load())
	}
}

func TestRetriesA503ThenSucceeds(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"backups": [{"id": "b1", "begin_time": "2020-07-06T10:41:14+0800"}], "total_count": 1}`))
	}))
	listing, err := c.ListBackups(context.Background(), BackupQuery{})
	if err != nil || len(listing.Backups) != 1 {
		t.Fatalf("ListBackups = %v, %v; want the one backup after a retry", listing, err)
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusNotFound, http.StatusNotImplemented} {
		var calls atomic.Int32
		c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			calls.Add(1)
			w.WriteHeader(status)
		}))
		if _, err := c.ListBackups(context.Background(), BackupQuery{}); err == nil {
			t.Errorf("HTTP %d: no error", status)
		}
		if calls.Load() != 1 {
			t.Errorf("HTTP %d was sent %d times, want once", status, calls.Load())
		}
	}
}

func TestAnHTMLPageIsRecognisableInTheError(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Gateway maintenance</body></html>"))
	}))
	_, err := c.ListBackups(context.Background(), BackupQuery{})
	if err == nil || !strings.Contains(err.Error(), "text/html") || !strings.Contains(err.Error(), "Gateway maintenance") {
		t.Errorf("error %v should say an HTML page came back", err)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := map[string]Options{
		"no scheme":      {Endpoint: "gaussdb.example.com", ProjectID: "p", Auth: transport.TokenAuth{Token: "t"}, MaxConcurrentRequests: 1},
		"ftp":            {Endpoint: "ftp://gaussdb.example.com", ProjectID: "p", Auth: transport.TokenAuth{Token: "t"}, MaxConcurrentRequests: 1},
		"no project":     {Endpoint: "https://gaussdb.example.com", Auth: transport.TokenAuth{Token: "t"}, MaxConcurrentRequests: 1},
		"no credential":  {Endpoint: "https://gaussdb.example.com", ProjectID: "p", MaxConcurrentRequests: 1},
		"no concurrency": {Endpoint: "https://gaussdb.example.com", ProjectID: "p", Auth: transport.TokenAuth{Token: "t"}},
	}
	for name, opts := range tests {
		if _, err := New(opts); err == nil {
			t.Errorf("%s: New accepted %+v", name, opts)
		}
	}
}
