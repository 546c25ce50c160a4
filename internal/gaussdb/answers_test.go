package gaussdb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// slowBodyServer sends the headers and half of a page at once, and the
// rest after delay on the first slowAttempts requests.
func slowBodyServer(delay time.Duration, slowAttempts int64) http.Handler {
	var requests atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := `{"backups": [{"id": "b1", "begin_time": "2026-01-01T00:00:00Z"}], "total_count": 1}`
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(body[:20]))
		w.(http.Flusher).Flush()
		if requests.Add(1) <= slowAttempts {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		_, _ = w.Write([]byte(body[20:]))
	})
}

func TestABodySlowerThanTheRequestTimeoutIsRetried(t *testing.T) {
	httpServer := httptest.NewServer(slowBodyServer(time.Second, 1))
	t.Cleanup(httpServer.Close)
	opts := acctest.FastRetries()
	opts.RequestTimeout = 200 * time.Millisecond
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: opts})
	if err != nil {
		t.Fatal(err)
	}
	listing, err := c.ListBackups(context.Background(), BackupQuery{})
	if err != nil || len(listing.Backups) != 1 {
		t.Fatalf("got %d backups and error %v, want the one backup after a retry", len(listing.Backups), err)
	}
}

func TestABodyAlwaysSlowerThanTheRequestTimeoutIsNamedAsSuch(t *testing.T) {
	httpServer := httptest.NewServer(slowBodyServer(time.Second, 100))
	t.Cleanup(httpServer.Close)
	opts := acctest.FastRetries()
	opts.MaxRetries = 1
	opts.RequestTimeout = 100 * time.Millisecond
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: opts})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListBackups(context.Background(), BackupQuery{})
	var requestErr *transport.RequestError
	if !errors.As(err, &requestErr) || !requestErr.AttemptTimedOut || requestErr.Attempts != 2 {
		t.Errorf("error = %v, want an attempt that ran out of the request timeout, after 2 attempts", err)
	}
}

func TestSecretsAServerEchoesAreRedacted(t *testing.T) {
	const configured = "configured-password-123"
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, `{"error_code": "DBS.200001", "error_msg": "bad token %s, and %s"}`,
			r.Header.Get("X-Auth-Token"), configured)
	})
	httpServer := httptest.NewServer(handler)
	t.Cleanup(httpServer.Close)
	opts := acctest.FastRetries()
	opts.Secrets = []string{configured}
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: opts})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListBackups(context.Background(), BackupQuery{})
	if err == nil || strings.Contains(err.Error(), acctest.Token) || strings.Contains(err.Error(), configured) ||
		!strings.Contains(err.Error(), "bad token (redacted), and (redacted)") {
		t.Errorf("error = %v, want both secrets redacted", err)
	}
}

func TestAnIdentityPolicyDenialQuotesItsEncodedMessage(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error_code": "DBS.200010", "error_msg": "Policy doesn't allow gaussdbformysql:backup:list to be performed.",
			"encoded_authorization_message": "4vlILviWjz5X2S6mwp8v0mA4V1f"}`))
	}))
	_, err := c.ListBackups(context.Background(), BackupQuery{})
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) || apiErr.EncodedAuthorizationMessage != "4vlILviWjz5X2S6mwp8v0mA4V1f" ||
		!strings.Contains(err.Error(), "encoded authorization message: 4vlILviWjz5X2S6mwp8v0mA4V1f") {
		t.Errorf("error = %v, want the encoded authorization message quoted", err)
	}
}

func TestAFurtherPageRefusedIsNotBlamedOnTheFilters(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("offset") != "0" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error_code": "DBS.200001", "error_msg": "Parameter error."}`))
			return
		}
		_, _ = w.Write([]byte(`{"backups": ` + backupsJSON("b", 100) + `, "total_count": 250}`))
	}))
	_, err := c.ListBackups(context.Background(), BackupQuery{InstanceID: "i1"})
	var paging *listing.PagingRejectedError
	if !errors.As(err, &paging) || !strings.Contains(err.Error(), "accepted the same filters from offset 0") {
		t.Errorf("error = %v, want one saying the paging was refused, not the filters", err)
	}
}

func TestAListingOverTheMemoryBoundFailsEarly(t *testing.T) {
	description := strings.Repeat("d", 20_000)
	var requests atomic.Int64
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: startHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		var offset int
		_, _ = fmt.Sscan(r.URL.Query().Get("offset"), &offset)
		items := make([]string, 0, 100)
		for i := offset; i < min(offset+100, 2000); i++ {
			items = append(items, fmt.Sprintf(`{"id": "b%d", "begin_time": "2026-01-01T00:00:00Z", "description": %q}`, i, description))
		}
		_, _ = w.Write([]byte(`{"backups": [` + strings.Join(items, ",") + `], "total_count": 2000}`))
	})), ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, MaxListingBytes: 4 << 20, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListBackups(context.Background(), BackupQuery{})
	var tooLarge *listing.TooLargeError
	if !errors.As(err, &tooLarge) || tooLarge.Records > 300 {
		t.Errorf("error = %v, want the bound crossed within about 200 backups", err)
	}
	// Page 0 and the pages in flight at once, not the 20 the count announced.
	if requests.Load() > 8 {
		t.Errorf("%d requests, want the listing stopped early", requests.Load())
	}
}

func startHandler(t *testing.T, handler http.Handler) string {
	t.Helper()
	httpServer := httptest.NewServer(handler)
	t.Cleanup(httpServer.Close)
	return httpServer.URL
}

func TestCountsWrittenAsTextOrWholeFloatsAreCounts(t *testing.T) {
	for _, total := range []string{`"130"`, "130.0", "1.3e2"} {
		var requests atomic.Int64
		counting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			fixedListServer(130, total).ServeHTTP(w, r)
		})
		listing, err := newTestClient(t, counting).ListBackups(context.Background(), BackupQuery{})
		if err != nil || len(listing.Backups) != 130 || len(listing.Warnings) != 0 || requests.Load() != 2 {
			t.Errorf("total_count %s: %d backups, warnings %v, %d requests, error %v; want 130 in 2 requests, no warning",
				total, len(listing.Backups), listing.Warnings, requests.Load(), err)
		}
	}
}

func TestABackupWithAnUnreadableTimeIsKeptWithAWarning(t *testing.T) {
	c := newTestClient(t, pageServer(func(int) string {
		return `{"backups": [{"id": "b1", "begin_time": "2026-01-01T00:00:00Z"},
			{"id": "odd", "begin_time": "sometime on Tuesday"}], "total_count": 2}`
	}))
	listing, err := c.ListBackups(context.Background(), BackupQuery{})
	if err != nil || len(listing.Backups) != 2 || listing.Backups[1].ID != "odd" || !listing.Backups[1].BeginTime.Unreadable() {
		t.Fatalf("got %+v, error %v; want both backups, the odd one last with its time unreadable", listing.Backups, err)
	}
	if len(listing.Warnings) != 1 || !strings.Contains(listing.Warnings[0], `Backup odd has a begin_time the provider cannot read ("sometime on Tuesday")`) {
		t.Errorf("warnings = %v, want one naming the backup and its time", listing.Warnings)
	}
}

func TestThrottlingUntilTheRetriesRunOutCountsTheAttempts(t *testing.T) {
	_, _, err := listWithFaults(t, 10, emulator.Faults{ThrottleEvery: 1}, acctest.FastRetries())
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTooManyRequests || apiErr.Attempts != 4 ||
		!strings.Contains(err.Error(), "the same answer after 4 attempts") {
		t.Errorf("error = %v, want a 429 after 4 attempts (3 retries)", err)
	}
}
