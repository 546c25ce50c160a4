package transport

import (
	"net/http"
	"time"
)

// maxResponseBytes caps a response body so that a misbehaving server cannot
// exhaust memory; a page of 100 backups is about 50 KB.
const maxResponseBytes = 16 << 20

// Options are the settings every API call shares.
type Options struct {
	// Language is sent as X-Language (en-us or zh-cn); empty sends none.
	Language string
	// MaxRetries bounds retries of throttled, failed or unanswered requests
	// (the provider's max_retries: its default, as every setting's, is in
	// internal/config's table).
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the wait between attempts; zero
	// means 1 s and 30 s.
	RetryWaitMin, RetryWaitMax time.Duration
	// RequestTimeout bounds each attempt of a request, answer included, so
	// that a gateway that accepts a connection and never answers does not
	// hold a plan for long (the provider's request_timeout); zero bounds
	// none, and leaves it to the caller's context.
	RequestTimeout time.Duration
	// Insecure skips TLS certificate verification and allows plain http://
	// to hosts other than loopback.
	Insecure bool
	// CACertFile is a PEM bundle of CAs trusted besides the system's: a
	// path, or the PEM text itself.
	CACertFile string
	// ClientCert and ClientKey are a client certificate and its key, each a
	// path or PEM text, presented to every HTTPS endpoint that asks.
	ClientCert, ClientKey string
	// Transport replaces the network transport (TLS settings included); nil
	// uses a pooled transport. Benchmarks use it to serve pages from memory.
	Transport http.RoundTripper
	// UserAgent is sent as User-Agent.
	UserAgent string
	// Secrets are values never to be repeated in an error, should a server
	// echo them: passwords, keys, tokens. Credentials sent with a request
	// are redacted from its errors without being listed here.
	Secrets []string
}

func durationOr(d, fallback time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return fallback
}
