package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// RequestError is a request that got no answer: the connection failed, an
// attempt ran out of time, or the context ended.
type RequestError struct {
	Method string
	// URL is the request's URL, with any password redacted.
	URL string
	// Attempts is how many times the request was sent; Elapsed is how long
	// that took in all.
	Attempts int
	Elapsed  time.Duration
	// AttemptTimedOut says that the last attempt ran out of the request
	// timeout (not that the caller's context ended).
	AttemptTimedOut bool
	// LastFailure is why the attempt before the end was retried (e.g. "429
	// Too Many Requests"), when one was.
	LastFailure string
	Err         error
}

func (e *RequestError) Error() string {
	cause := e.Err
	var urlErr *url.Error
	if errors.As(cause, &urlErr) {
		// url.Error repeats the method and URL, said once here.
		cause = urlErr.Err
	}
	text := fmt.Sprintf("%s %s: %v (%s", e.Method, e.URL, cause, e.attemptsText())
	if e.LastFailure != "" && e.Attempts > 1 && e.LastFailure != cause.Error() {
		text += "; the attempt before failed with " + e.LastFailure
	}
	return text + ")"
}

func (e *RequestError) attemptsText() string {
	if e.Attempts == 1 {
		return fmt.Sprintf("1 attempt, %s", e.Elapsed.Round(100*time.Millisecond))
	}
	return fmt.Sprintf("%d attempts over %s", e.Attempts, e.Elapsed.Round(100*time.Millisecond))
}

func (e *RequestError) Unwrap() error { return e.Err }

// newRequestError describes a request that got no answer.
func newRequestError(ctx context.Context, method string, target *url.URL, err error, attempts int, elapsed time.Duration) error {
	var timeout interface{ Timeout() bool }
	requestErr := &RequestError{
		Method: method, URL: target.Redacted(), Attempts: attempts, Elapsed: elapsed, Err: err,
		// With the caller's context alive, a deadline that passed is the
		// attempt's: net/http reports one that ran out while the body was
		// read as context.DeadlineExceeded, not as a timeout.
		AttemptTimedOut: ctx.Err() == nil &&
			(errors.Is(err, context.DeadlineExceeded) || errors.As(err, &timeout) && timeout.Timeout()),
	}
	if log := attemptLogOf(ctx); log != nil {
		requestErr.LastFailure = log.reason
	}
	return requestErr
}

// RedirectError is an answer that sends the request elsewhere. Redirects
// are not followed: the request carries credentials meant for the
// configured host only.
type RedirectError struct {
	From, To   string
	StatusCode int
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s answered HTTP %d, a redirect to %s, which the provider does not follow so that "+
		"credentials reach only the configured endpoint. Configure the endpoint the API is really at",
		e.From, e.StatusCode, e.To)
}

// newRedirectError describes a redirect answer to a request for target.
func newRedirectError(target *url.URL, resp *http.Response) error {
	to := "(no Location)"
	if location, err := resp.Location(); err == nil {
		to = location.Redacted()
	}
	return &RedirectError{From: target.Redacted(), To: to, StatusCode: resp.StatusCode}
}

func isRedirect(status int) bool {
	return status >= 300 && status < 400 && status != http.StatusNotModified
}

// cannotSucceed says whether a failed attempt would fail the same way when
// sent again: the server's certificate is not trusted, the server does not
// speak TLS (or demands a certificate we do not have), or its name does not
// exist.
func cannotSucceed(err error) bool {
	var tooLarge *answerTooLargeError
	if errors.As(err, &tooLarge) {
		return true
	}
	var (
		verification *tls.CertificateVerificationError
		unknownCA    x509.UnknownAuthorityError
		hostname     x509.HostnameError
		invalid      x509.CertificateInvalidError
		alert        tls.AlertError
		record       tls.RecordHeaderError
		dns          *net.DNSError
	)
	switch {
	case errors.As(err, &verification), errors.As(err, &unknownCA), errors.As(err, &hostname),
		errors.As(err, &invalid), errors.As(err, &alert), errors.As(err, &record):
		return true
	case errors.As(err, &dns):
		return dns.IsNotFound
	}
	// A TLS alert from the server (e.g. "certificate required") arrives as
	// a net.OpError whose Op is "remote error".
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "remote error" {
		return true
	}
	// net/http reports a plain-HTTP server behind an https:// URL as a bare
	// string error.
	return strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") ||
		strings.Contains(err.Error(), "unsupported protocol scheme")
}
