package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// backoff waits exponentially longer between attempts, with jitter so that
// many plans throttled together do not retry together. A Retry-After on 429
// or 503 is honoured but capped at max: go-retryablehttp v0.7.8 takes it
// as given, so one answer could otherwise stall a plan for an hour.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(wait, maxWait)
		}
	}
	wait := minWait << min(attempt, 30)
	if wait <= 0 || wait > maxWait {
		wait = maxWait
	}
	// Full jitter in the upper half keeps the wait at least half the step.
	half := wait / 2
	return half + rand.N(half+1) //nolint:gosec // jitter needs no cryptographic randomness
}

// retryAfter parses a Retry-After value: seconds, or an HTTP date.
func retryAfter(value string, now time.Time) (time.Duration, bool) {
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil {
		if seconds < 0 {
			return 0, false
		}
		return time.Duration(min(seconds, int64(24*time.Hour/time.Second))) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// checkRetry retries what go-retryablehttp's default policy does (connection
// errors, 429, and 5xx other than 501) and logs each decision to retry with
// its reason, since a slow plan is otherwise a mystery.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if authErr := (*authenticationError)(nil); errors.As(err, &authErr) {
		return false, err
	}
	retry, checkErr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if retry {
		reason := "no answer"
		switch {
		case err != nil:
			reason = err.Error()
		case resp != nil:
			reason = resp.Status
		}
		tflog.Debug(ctx, "GaussDB API request failed; it will be retried", map[string]any{"reason": reason})
	}
	return retry, checkErr
}
