package transport

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// newTestService returns a service of a test server running handler, with
// retries fast enough for tests.
func newTestService(t *testing.T, handler http.Handler) *Service {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	s, err := New(server.URL, TokenAuth{Token: "test-token"},
		Options{MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestABodyOverTheSizeCapIsRefused(t *testing.T) {
	s := newTestService(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"backups": [], "padding": "`))
		_, _ = w.Write(bytes.Repeat([]byte("x"), maxResponseBytes))
		_, _ = w.Write([]byte(`", "total_count": 0}`))
	}))
	var body []byte
	_, err := s.Call(context.Background(), http.MethodGet, "/v3/backups", nil, nil, nil, &body)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("error = %v, want one about the size cap", err)
	}
}
