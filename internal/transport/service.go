package transport

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

// Service is one of the cloud's HTTP APIs (GaussDB, IAM, STS), reached
// through one HTTP stack: retries, time-outs, the body read inside the
// retry loop, redirects refused, credentials added to every attempt and
// redacted from errors.
type Service struct {
	base *url.URL
	opts Options
	http *retryablehttp.Client
}

// New returns the service at endpoint (a base URL); a nil auth sends
// requests as they are.
func New(endpoint string, auth Authenticator, opts Options) (*Service, error) {
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
		Timeout:   opts.RequestTimeout,
		// A redirect would carry the token or signature to another host:
		// the answer is returned as it is, and Call reports it.
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
	return &Service{base: base, opts: opts, http: retrying}, nil
}

// NewTransport returns the network transport for opts: a connection pool
// with opts' TLS settings (the CA file is read here). A provider builds it
// once and shares it, through Options.Transport, with every service.
func NewTransport(opts Options) (http.RoundTripper, error) {
	tlsConfig, err := tlsConfig(opts)
	if err != nil {
		return nil, err
	}
	pooled := cleanhttp.DefaultPooledTransport()
	pooled.TLSClientConfig = tlsConfig
	return pooled, nil
}

// Send sends a request that changes something (POST, DELETE) with a JSON
// body (nil for none), and decodes the answer into out (nil: ignored). A
// POST is retried only when the API cannot have acted on it: throttled
// (429) or never sent; after any other failure it is an
// *OutcomeUnknownError. A DELETE is retried as a GET is: deleting again
// what is gone is an answer of its own, which the caller reads.
func (s *Service) Send(ctx context.Context, method, path string, header http.Header, body any, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("encoding the request: %w", err)
		}
	}
	if method != http.MethodPost {
		_, err := s.Call(ctx, method, path, nil, header, payload, out)
		return err
	}
	_, err := s.Call(withActing(ctx), method, path, nil, header, payload, out)
	var apiErr *APIError
	if err != nil && !errors.As(err, &apiErr) && ctx.Err() == nil && !neverSent(err) {
		return &OutcomeUnknownError{Method: method, Path: path, Err: err}
	}
	if errors.As(err, &apiErr) && apiErr.StatusCode >= 500 {
		return &OutcomeUnknownError{Method: method, Path: path, Err: err}
	}
	return err
}

// Call sends a request to path (escaped) with a JSON body (nil for none)
// and decodes a 2xx JSON answer into out (a *[]byte takes the body as it
// is). It returns the answer's headers; a non-2xx answer is an *APIError,
// no answer a *RequestError.
func (s *Service) Call(ctx context.Context, method, path string, query url.Values, header http.Header, body []byte, out any) (http.Header, error) {
	// path is escaped (PercentEncode): an id holding "/" or "%" stays one
	// segment.
	unescaped, err := url.PathUnescape(path)
	if err != nil {
		return nil, fmt.Errorf("building request: path %q: %w", path, err)
	}
	target := *s.base
	target.Path = s.base.Path + unescaped
	target.RawPath = s.base.EscapedPath() + path
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
	if s.opts.UserAgent != "" {
		req.Header.Set("User-Agent", s.opts.UserAgent)
	}
	if s.opts.Language != "" {
		req.Header.Set("X-Language", s.opts.Language)
	}

	start := time.Now()
	resp, err := s.http.Do(req)
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
	redact := redactor(s.opts.Secrets, attempts)
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

// BaseURL returns the scheme and host of rawURL: IAM and STS are reached
// at theirs, whatever path an auth URL names.
func BaseURL(rawURL string) (string, error) {
	parsed, err := url.Parse(rawURL)
	if err != nil || parsed.Scheme == "" || parsed.Host == "" {
		return "", errors.New("not an http:// or https:// URL with a host")
	}
	return parsed.Scheme + "://" + parsed.Host, nil
}
