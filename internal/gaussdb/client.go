package gaussdb

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Options configures a Client.
type Options struct {
	// Endpoint is the service's base URL, e.g. https://gaussdb.cn-north-4.myhuaweicloud.com.
	Endpoint string
	// ProjectID is the project whose backups are listed.
	ProjectID string
	// Auth adds credentials to each request.
	Auth transport.Authenticator
	// MaxConcurrentRequests bounds the pages read at once: at least 1 (the
	// provider's max_concurrent_requests, whose default is in
	// internal/config's table).
	MaxConcurrentRequests int
	// Now is the clock that decides which times are in the future; nil
	// means time.Now.
	Now func() time.Time
	// MaxListingBytes bounds the backups one listing may hold (see
	// listing.TooLargeError); zero means listing.DefaultMaxBytes.
	MaxListingBytes int64
	// JobVisibleWithin is how long a new job may be unknown to the API;
	// zero means JobVisibleWithin.
	JobVisibleWithin time.Duration
	// ListedWithin is how long a backup just created may be missing from
	// the listing; zero means ListedWithin.
	ListedWithin time.Duration
	// HTTP are the settings of the HTTP stack (retries, time-outs, TLS).
	HTTP transport.Options
}

// Client calls the backups API of one project at one endpoint.
type Client struct {
	api             *transport.Service
	projectID       string
	concurrency     int
	clock           func() time.Time
	maxListingBytes int64
	jobGrace        time.Duration
	listingLag      time.Duration
	// readings is what the listings have learnt of how each listing API
	// reads end_time: a deployment's own, the same for every request.
	readings struct {
		backups, incremental listing.Reading
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
	if opts.MaxConcurrentRequests < 1 {
		return nil, errors.New("at least one page at a time (MaxConcurrentRequests) is required")
	}
	a, err := transport.New(opts.Endpoint, opts.Auth, opts.HTTP)
	if err != nil {
		return nil, err
	}
	maxBytes := opts.MaxListingBytes
	if maxBytes <= 0 {
		maxBytes = listing.DefaultMaxBytes
	}
	return &Client{api: a, projectID: opts.ProjectID, concurrency: opts.MaxConcurrentRequests, clock: opts.Now, maxListingBytes: maxBytes,
		jobGrace: durationOr(opts.JobVisibleWithin, JobVisibleWithin), listingLag: durationOr(opts.ListedWithin, ListedWithin)}, nil
}

// ProjectID returns the project the client lists backups of.
func (c *Client) ProjectID() string {
	return c.projectID
}

// getJSON sends a GET for path and query and decodes a 2xx JSON answer
// into out (a *[]byte takes the body as it is).
func (c *Client) getJSON(ctx context.Context, path string, query url.Values, out any) error {
	_, err := c.api.Call(ctx, http.MethodGet, path, query, c.header(), nil, out)
	return err
}

// send sends a request that changes something (POST, DELETE), as
// transport.Service.Send does.
func (c *Client) send(ctx context.Context, method, path string, body any, out any) error {
	return c.api.Send(ctx, method, path, c.header(), body, out)
}

// header is what every request of the client carries: its project.
func (c *Client) header() http.Header {
	return http.Header{"X-Project-Id": {c.projectID}}
}

func durationOr(d, fallback time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return fallback
}
