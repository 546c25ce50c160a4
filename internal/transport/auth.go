package transport

import (
	"context"
	"net/http"
)

// Authenticator adds credentials to a request. A Service calls it for
// every attempt, retries included, so that a signature is always fresh.
type Authenticator interface {
	Authenticate(ctx context.Context, req *http.Request) error
}

// Expirer is an Authenticator whose temporary credentials can be dropped,
// so that the next attempt fetches new ones: a 401 to them (they may have
// expired early) is sent once more after Expire, when it returns true
// (there were credentials to drop).
type Expirer interface {
	Authenticator
	Expire() bool
}

// authTransport runs the Authenticator on each request that reaches the
// network, which with retryablehttp means on each attempt.
type authTransport struct {
	base http.RoundTripper
	auth Authenticator
}

// RoundTrip authenticates a copy of the request, as RoundTrippers must not
// change the request they are given. A 401 to temporary credentials that
// can be fetched anew (they may have expired early) is sent once more with
// new ones.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.send(req)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	refreshable, ok := t.auth.(Expirer)
	if !ok || (req.Body != nil && req.GetBody == nil) || !refreshable.Expire() {
		return resp, nil
	}
	_ = resp.Body.Close()
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		req = req.Clone(req.Context())
		req.Body = body
	}
	return t.send(req)
}

// send authenticates a copy of req and sends it.
func (t *authTransport) send(req *http.Request) (*http.Response, error) {
	authenticated := req.Clone(req.Context())
	if err := t.auth.Authenticate(req.Context(), authenticated); err != nil {
		return nil, &authenticationError{err: err}
	}
	if log := attemptLogOf(req.Context()); log != nil {
		log.noteSent(authenticated.Header.Get("X-Auth-Token"), authenticated.Header.Get("X-Security-Token"))
	}
	return t.base.RoundTrip(authenticated)
}

// authenticationError is a failure to obtain credentials (e.g. a refused
// password login). It is not retried: asking again gives the same answer.
type authenticationError struct {
	err error
}

func (e *authenticationError) Error() string { return "authenticating request: " + e.err.Error() }

func (e *authenticationError) Unwrap() error { return e.err }
