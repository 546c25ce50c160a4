package transport

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
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

// attemptLog remembers, for one call, why and since when a request is
// waiting to be retried, so that the retry is logged with its reason and its
// actual wait. go-retryablehttp's hooks see the request's context but not
// each other.
type attemptLog struct {
	reason      string
	failedAt    time.Time
	retriesDone int

	mu sync.Mutex
	// sent are the credentials sent with the request, never to be repeated
	// in its errors.
	sent []string
}

// noteSent remembers credentials sent with the request.
func (l *attemptLog) noteSent(values ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, v := range values {
		if v != "" && !slices.Contains(l.sent, v) {
			l.sent = append(l.sent, v)
		}
	}
}

// sentSecrets returns the credentials sent with the request.
func (l *attemptLog) sentSecrets() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.sent)
}

type attemptLogKey struct{}

func withAttemptLog(ctx context.Context) context.Context {
	return context.WithValue(ctx, attemptLogKey{}, &attemptLog{})
}

func attemptLogOf(ctx context.Context) *attemptLog {
	log, _ := ctx.Value(attemptLogKey{}).(*attemptLog)
	return log
}

// checkRetry retries what go-retryablehttp's default policy does (connection
// errors, 429, and 5xx other than 501), but not a failure to obtain
// credentials nor a failure that would only repeat (cannotSucceed), and
// notes why for logRetry.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if authErr := (*authenticationError)(nil); errors.As(err, &authErr) {
		return false, err
	}
	if err != nil && ctx.Err() == nil && cannotSucceed(err) {
		return false, nil
	}
	retry, checkErr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if acting(ctx) && retry {
		// A request that changes something is sent again only when the
		// API cannot have acted on it.
		retry = resp != nil && resp.StatusCode == http.StatusTooManyRequests || err != nil && neverSent(err)
	}
	if log := attemptLogOf(ctx); retry && log != nil {
		log.failedAt = time.Now()
		var urlErr *url.Error
		switch {
		case errors.As(err, &urlErr):
			// The method and URL are the request's own: the cause says it.
			log.reason = urlErr.Err.Error()
		case err != nil:
			log.reason = err.Error()
		case resp != nil:
			log.reason = resp.Status
			if after := resp.Header.Get("Retry-After"); after != "" {
				log.reason += ", Retry-After: " + after
			}
		}
	}
	return retry, checkErr
}

// logRetry logs each retry at DEBUG, once its wait is over, with the reason
// and the wait.
func logRetry(req *http.Request) error {
	if log := attemptLogOf(req.Context()); log != nil {
		log.retriesDone++
		tflog.Debug(req.Context(), "retrying GaussDB API request", map[string]any{
			"method": req.Method, "path": req.URL.Path, "retry": log.retriesDone,
			"reason": log.reason, "waited": time.Since(log.failedAt).Round(time.Millisecond).String(),
		})
	}
	return nil
}

type actingKey struct{}

// withActing marks ctx as that of a request that changes something, which
// must not be sent twice: see checkRetry.
func withActing(ctx context.Context) context.Context {
	return context.WithValue(ctx, actingKey{}, true)
}

func acting(ctx context.Context) bool {
	marked, _ := ctx.Value(actingKey{}).(bool)
	return marked
}

// neverSent says whether a failure happened before the request reached the
// server: the connection was refused, or could not be made.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
