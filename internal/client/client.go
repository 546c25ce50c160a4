// Package client speaks the GaussDB(for MySQL) backups API: HTTP, retries,
// authentication, paging and the API's types. It knows nothing of Terraform.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// DefaultMaxRetries is how many times a failed request is retried when the
// caller does not say.
const DefaultMaxRetries = 5

// DefaultRequestTimeout bounds one attempt of a request when the caller does
// not say: a gateway that accepts a connection and never answers must not
// hold a plan for long.
const DefaultRequestTimeout = 60 * time.Second

// maxResponseBytes caps a response body so that a misbehaving server cannot
// exhaust memory; a page of 100 backups is about 50 KB.
const maxResponseBytes = 16 << 20

// HTTPOptions are the settings every API call shares.
type HTTPOptions struct {
	// Language is sent as X-Language (en-us or zh-cn); empty sends none.
	Language string
	// MaxRetries bounds retries of throttled, failed or unanswered requests.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the wait between attempts; zero
	// means 1 s and 30 s.
	RetryWaitMin, RetryWaitMax time.Duration
	// RequestTimeout bounds each attempt of a request, answer included; zero
	// means DefaultRequestTimeout.
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

// Options configures a Client.
type Options struct {
	// Endpoint is the service's base URL, e.g. https://gaussdb.cn-north-4.myhuaweicloud.com.
	Endpoint string
	// ProjectID is the project whose backups are listed.
	ProjectID string
	// Auth adds credentials to each request.
	Auth Authenticator
	// MaxConcurrentRequests bounds the pages read at once; zero means
	// DefaultMaxConcurrentRequests.
	MaxConcurrentRequests int
	// Now is the clock that decides which times are in the future; nil
	// means time.Now.
	Now func() time.Time
	// MaxListingBytes bounds the backups one listing may hold (see
	// ListingTooLargeError); zero means DefaultMaxListingBytes.
	MaxListingBytes int64
	// JobVisibleWithin is how long a new job may be unknown to the API;
	// zero means JobVisibleWithin.
	JobVisibleWithin time.Duration
	// ListedWithin is how long a backup just created may be missing from
	// the listing; zero means ListedWithin.
	ListedWithin time.Duration
	HTTPOptions
}

// DefaultMaxConcurrentRequests is how many pages are read at once when the
// caller does not say.
const DefaultMaxConcurrentRequests = 4

// Client calls the backups API of one project at one endpoint.
type Client struct {
	api             *api
	projectID       string
	concurrency     int
	clock           func() time.Time
	maxListingBytes int64
	jobGrace        time.Duration
	listingLag      time.Duration
	// readings is what the listings have learnt of how each listing API
	// reads end_time: a deployment's own, the same for every request.
	readings struct {
		backups, incremental windowReading
	}
}

// New returns a Client for opts.
func New(opts Options) (*Client, error) {
	if opts.ProjectID == "" {
		return nil, errors.New("a project id is required")
	}
	if opts.Auth == nil {
		return nil, errors.New("an authenticator is required")
	}
	a, err := newAPI(opts.Endpoint, opts.Auth, opts.HTTPOptions)
	if err != nil {
		return nil, err
	}
	concurrency := opts.MaxConcurrentRequests
	if concurrency <= 0 {
		concurrency = DefaultMaxConcurrentRequests
	}
	maxBytes := opts.MaxListingBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxListingBytes
	}
	return &Client{api: a, projectID: opts.ProjectID, concurrency: concurrency, clock: opts.Now, maxListingBytes: maxBytes,
		jobGrace: durationOr(opts.JobVisibleWithin, JobVisibleWithin), listingLag: durationOr(opts.ListedWithin, ListedWithin)}, nil
}

// ProjectID returns the project the client lists backups of.
func (c *Client) ProjectID() string {
	return c.projectID
}

// getJSON sends a GET for path and query and decodes a 2xx JSON answer
// into out (a *[]byte takes the body as it is).
func (c *Client) getJSON(ctx context.Context, path string, query url.Values, out any) error {
	header := http.Header{"X-Project-Id": {c.projectID}}
	_, err := c.api.call(ctx, http.MethodGet, path, query, header, nil, out)
	return err
}

// send sends a request that changes something (POST, DELETE) with a JSON
// body (nil for none), and decodes the answer into out (nil: ignored). A
// POST is retried only when the API cannot have acted on it: throttled
// (429) or never sent; after any other failure it is an
// *OutcomeUnknownError. A DELETE is retried as a GET is: deleting again
// what is gone is an answer of its own, which the caller reads.
func (c *Client) send(ctx context.Context, method, path string, body any, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("encoding the request: %w", err)
		}
	}
	header := http.Header{"X-Project-Id": {c.projectID}}
	if method != http.MethodPost {
		_, err := c.api.call(ctx, method, path, nil, header, payload, out)
		return err
	}
	_, err := c.api.call(withActing(ctx), method, path, nil, header, payload, out)
	var apiErr *APIError
	if err != nil && !errors.As(err, &apiErr) && ctx.Err() == nil && !neverSent(err) {
		return &OutcomeUnknownError{Method: method, Path: path, Err: err}
	}
	if errors.As(err, &apiErr) && apiErr.StatusCode >= 500 {
		return &OutcomeUnknownError{Method: method, Path: path, Err: err}
	}
	return err
}

// NewTransport returns the network transport for opts: a connection pool
// with opts' TLS settings (the CA file is read here). A provider builds it
// once and shares it, through HTTPOptions.Transport, with every API.
func NewTransport(opts HTTPOptions) (http.RoundTripper, error) {
	tlsConfig, err := tlsConfig(opts)
	if err != nil {
		return nil, err
	}
	pooled := cleanhttp.DefaultPooledTransport()
	pooled.TLSClientConfig = tlsConfig
	return pooled, nil
}

// PlainHTTPError is a plain http:// endpoint on a host other than loopback,
// which credentials would cross the network in clear to.
type PlainHTTPError struct {
	URL string
}

func (e *PlainHTTPError) Error() string {
	return fmt.Sprintf("endpoint %q uses plain http:// to a host that is not loopback: credentials would cross "+
		"the network in clear", e.URL)
}

// CheckEndpoint says why endpoint cannot be used with opts, or returns nil:
// it must be an http:// or https:// URL with a host, and plain http:// only
// to loopback unless insecure (a *PlainHTTPError).
func CheckEndpoint(endpoint string, insecure bool) error {
	base, err := url.Parse(strings.TrimRight(endpoint, "/"))
	if err != nil {
		return errors.New("endpoint is not a URL")
	}
	if base.Scheme != "https" && base.Scheme != "http" || base.Host == "" {
		return fmt.Errorf("endpoint %q must be an http:// or https:// URL with a host", base.Redacted())
	}
	return checkPlainHTTP(base, insecure)
}

// checkPlainHTTP refuses plain http:// to a host that is not loopback, unless
// insecure.
func checkPlainHTTP(base *url.URL, insecure bool) error {
	if base.Scheme == "http" && !insecure && !isLoopback(base.Hostname()) {
		return &PlainHTTPError{URL: base.Redacted()}
	}
	return nil
}

// api is one HTTP API, reached with retries and an authenticator.
type api struct {
	base *url.URL
	opts HTTPOptions
	http *retryablehttp.Client
}

// newAPI returns an api at endpoint; a nil auth sends requests as they are.
func newAPI(endpoint string, auth Authenticator, opts HTTPOptions) (*api, error) {
	if err := CheckEndpoint(endpoint, opts.Insecure); err != nil {
		return nil, err
	}
	base, err := url.Parse(strings.TrimRight(endpoint, "/"))
	if err != nil {
		return nil, err
	}
	transport := opts.Transport
	if transport == nil {
		if transport, err = NewTransport(opts); err != nil {
			return nil, err
		}
	}
	// The body is read inside the transport, so that a connection lost or a
	// timeout run out halfway through an answer is retried like one lost
	// before it.
	var roundTripper http.RoundTripper = &loggingTransport{base: newBufferingTransport(transport, maxResponseBytes, opts.Secrets)}
	if auth != nil {
		roundTripper = &authTransport{base: roundTripper, auth: auth}
	}

	retrying := retryablehttp.NewClient()
	retrying.HTTPClient = &http.Client{
		Transport: roundTripper,
		Timeout:   durationOr(opts.RequestTimeout, DefaultRequestTimeout),
		// A redirect would carry the token or signature to another host:
		// the answer is returned as it is, and call reports it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	retrying.Logger = nil
	retrying.RetryMax = opts.MaxRetries
	retrying.RetryWaitMin = durationOr(opts.RetryWaitMin, time.Second)
	retrying.RetryWaitMax = durationOr(opts.RetryWaitMax, 30*time.Second)
	retrying.Backoff = backoff
	retrying.CheckRetry = checkRetry
	retrying.PrepareRetry = logRetry
	// The default handler discards the last answer; keeping it lets the
	// error say what the API said after the retries ran out.
	retrying.ErrorHandler = retryablehttp.PassthroughErrorHandler
	return &api{base: base, opts: opts, http: retrying}, nil
}

// call sends a request to path (escaped) with a JSON body (nil for none)
// and decodes a 2xx JSON answer into out. It returns the answer's headers.
func (a *api) call(ctx context.Context, method, path string, query url.Values, header http.Header, body []byte, out any) (http.Header, error) {
	// path is escaped (PercentEncode): an id holding "/" or "%" stays one
	// segment.
	unescaped, err := url.PathUnescape(path)
	if err != nil {
		return nil, fmt.Errorf("building request: path %q: %w", path, err)
	}
	target := *a.base
	target.Path = a.base.Path + unescaped
	target.RawPath = a.base.EscapedPath() + path
	target.RawQuery = EncodeQuery(query)

	var reqBody any
	if body != nil {
		reqBody = body
	}
	ctx = withAttemptLog(ctx)
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target.String(), reqBody)
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	for name, values := range header {
		req.Header[name] = values
	}
	if a.opts.UserAgent != "" {
		req.Header.Set("User-Agent", a.opts.UserAgent)
	}
	if a.opts.Language != "" {
		req.Header.Set("X-Language", a.opts.Language)
	}

	start := time.Now()
	resp, err := a.http.Do(req)
	attempts := attemptLogOf(ctx)
	if err != nil {
		return nil, newRequestError(ctx, method, &target, err, attempts.retriesDone+1, time.Since(start))
	}
	defer func() { _ = resp.Body.Close() }()
	if isRedirect(resp.StatusCode) {
		return nil, newRedirectError(&target, resp)
	}
	respBody, err := readBody(resp)
	if err != nil {
		return nil, fmt.Errorf("reading answer to %s %s: %w", method, target.Path, err)
	}
	redact := redactor(a.opts.Secrets, attempts)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := newAPIError(resp, respBody, redact)
		apiErr.Attempts, apiErr.Elapsed = attempts.retriesDone+1, time.Since(start)
		return nil, apiErr
	}
	if out == nil {
		return resp.Header, nil
	}
	if raw, ok := out.(*[]byte); ok && looksLikeJSON(respBody) {
		*raw = respBody
		return resp.Header, nil
	}
	if err := json.Unmarshal(respBody, out); err != nil {
		return nil, fmt.Errorf("decoding answer to %s %s (HTTP %d, %s): %w",
			method, target.Path, resp.StatusCode, redact(describeBody(resp, respBody)), err)
	}
	return resp.Header, nil
}

// looksLikeJSON says whether a body starts as a JSON object or array does,
// unlike an HTML page from a proxy; the caller's decoding checks the rest.
func looksLikeJSON(body []byte) bool {
	trimmed := bytes.TrimSpace(body)
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

// describeBody says what a body that failed to decode looked like, so that
// an HTML page from a proxy is recognisable in the error.
func describeBody(resp *http.Response, body []byte) string {
	start := strings.TrimSpace(string(body))
	if len(start) > 80 {
		start = start[:80] + "..."
	}
	return fmt.Sprintf("Content-Type %q, body starting %q", resp.Header.Get("Content-Type"), start)
}

func durationOr(d, fallback time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return fallback
}
