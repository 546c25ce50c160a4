// Package client speaks the GaussDB(for MySQL) backups API: HTTP, retries,
// authentication, paging and the API's types. It knows nothing of Terraform.
package client

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// maxResponseBytes caps a response body so that a misbehaving server cannot
// exhaust memory; a page of 100 backups is about 50 KB.
const maxResponseBytes = 16 << 20

// Options configures a Client.
type Options struct {
	// Endpoint is the service's base URL, e.g. https://gaussdb.cn-north-4.myhuaweicloud.com.
	Endpoint string
	// ProjectID is the project whose backups are listed.
	ProjectID string
	// Auth adds credentials to each request.
	Auth Authenticator
	// Language is sent as X-Language (en-us or zh-cn); empty sends none.
	Language string
	// MaxRetries bounds retries of throttled, failed or unanswered requests.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the wait between attempts; zero
	// means 1 s and 30 s.
	RetryWaitMin, RetryWaitMax time.Duration
	// Insecure skips TLS certificate verification.
	Insecure bool
	// UserAgent is sent as User-Agent.
	UserAgent string
}

// Client calls the backups API of one project at one endpoint.
type Client struct {
	endpoint  *url.URL
	projectID string
	language  string
	userAgent string
	http      *retryablehttp.Client
}

// New returns a Client for opts.
func New(opts Options) (*Client, error) {
	endpoint, err := url.Parse(strings.TrimRight(opts.Endpoint, "/"))
	if err != nil {
		return nil, fmt.Errorf("endpoint %q is not a URL: %w", opts.Endpoint, err)
	}
	if endpoint.Scheme != "https" && endpoint.Scheme != "http" || endpoint.Host == "" {
		return nil, fmt.Errorf("endpoint %q must be an http:// or https:// URL with a host", opts.Endpoint)
	}
	if opts.ProjectID == "" {
		return nil, errors.New("a project id is required")
	}
	if opts.Auth == nil {
		return nil, errors.New("an authenticator is required")
	}

	transport := cleanhttp.DefaultPooledTransport()
	if opts.Insecure {
		transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it with insecure = true
	}

	retrying := retryablehttp.NewClient()
	retrying.HTTPClient = &http.Client{Transport: &authTransport{base: transport, auth: opts.Auth}}
	retrying.Logger = nil
	retrying.RetryMax = opts.MaxRetries
	retrying.RetryWaitMin = durationOr(opts.RetryWaitMin, time.Second)
	retrying.RetryWaitMax = durationOr(opts.RetryWaitMax, 30*time.Second)
	retrying.Backoff = backoff
	retrying.CheckRetry = checkRetry
	// The default handler discards the last answer; keeping it lets the
	// error say what the API said after the retries ran out.
	retrying.ErrorHandler = retryablehttp.PassthroughErrorHandler

	return &Client{
		endpoint:  endpoint,
		projectID: opts.ProjectID,
		language:  opts.Language,
		userAgent: opts.UserAgent,
		http:      retrying,
	}, nil
}

// ProjectID returns the project the client lists backups of.
func (c *Client) ProjectID() string {
	return c.projectID
}

// getJSON sends a GET for path and query and decodes a 2xx JSON answer into out.
func (c *Client) getJSON(ctx context.Context, path string, query url.Values, out any) error {
	target := *c.endpoint
	target.Path = c.endpoint.Path + path
	target.RawPath = ""
	target.RawQuery = EncodeQuery(query)

	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Project-Id", c.projectID)
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if c.language != "" {
		req.Header.Set("X-Language", c.language)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		// err is a *url.Error, which names the method and URL already.
		return err
	}
	defer func() { _ = resp.Body.Close() }()

	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return fmt.Errorf("reading answer to GET %s: %w", target.Path, err)
	}
	if len(body) > maxResponseBytes {
		return fmt.Errorf("answer to GET %s is larger than %d bytes", target.Path, maxResponseBytes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newAPIError(resp, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("decoding answer to GET %s (HTTP %d, %s): %w",
			target.Path, resp.StatusCode, describeBody(resp, body), err)
	}
	return nil
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
