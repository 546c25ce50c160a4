package transport

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"1", time.Second, true},
		{"0", 0, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.value, now)
		if ok != tt.ok || got != tt.want {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoffCapsRetryAfter(t *testing.T) {
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"3600"}}}
	if got := backoff(time.Second, 30*time.Second, 1, resp); got != 30*time.Second {
		t.Errorf("Retry-After: 3600 waits %v, want the 30s cap", got)
	}
	resp.Header.Set("Retry-After", "2")
	if got := backoff(time.Second, 30*time.Second, 1, resp); got != 2*time.Second {
		t.Errorf("Retry-After: 2 waits %v, want 2s", got)
	}
}

func TestBackoffGrowsAndStaysWithinBounds(t *testing.T) {
	for attempt := range 40 {
		got := backoff(time.Second, 30*time.Second, attempt, nil)
		step := min(time.Second<<min(attempt, 30), 30*time.Second)
		if got < step/2 || got > step {
			t.Errorf("attempt %d waits %v, want between %v and %v", attempt, got, step/2, step)
		}
	}
}
