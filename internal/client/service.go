package client

import (
	"context"
	"errors"
	"net/http"
	neturl "net/url"
)

// Service is one of the cloud's HTTP APIs (GaussDB, IAM, STS), reached
// through the client's HTTP stack: retries, time-outs, the body read
// inside the retry loop, redirects refused, credentials added to every
// attempt and redacted from errors.
type Service struct {
	api *api
}

// NewService returns the service at endpoint (a base URL); a nil auth
// sends requests as they are.
func NewService(endpoint string, auth Authenticator, opts HTTPOptions) (*Service, error) {
	a, err := newAPI(endpoint, auth, opts)
	if err != nil {
		return nil, err
	}
	return &Service{api: a}, nil
}

// Call sends a request with a JSON body (nil for none) and decodes a 2xx
// JSON answer into out. It returns the answer's headers; a non-2xx answer
// is an *APIError, no answer a *RequestError.
func (s *Service) Call(ctx context.Context, method, path string, query neturl.Values, header http.Header, body []byte, out any) (http.Header, error) {
	return s.api.call(ctx, method, path, query, header, body, out)
}

// BaseURL returns the scheme and host of rawURL: IAM and STS are reached
// at theirs, whatever path an auth URL names.
func BaseURL(rawURL string) (string, error) {
	parsed, err := neturl.Parse(rawURL)
	if err != nil || parsed.Scheme == "" || parsed.Host == "" {
		return "", errors.New("not an http:// or https:// URL with a host")
	}
	return parsed.Scheme + "://" + parsed.Host, nil
}
