package emulator

import (
	"net/http"
	"net/http/httptest"
)

// InMemoryTransport returns a RoundTripper that answers requests by calling
// the server directly, without a network: for benchmarks that measure what
// is left when HTTP is taken away.
func (s *Server) InMemoryTransport() http.RoundTripper {
	return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
		recorder := httptest.NewRecorder()
		if req.Body == nil {
			// A server always sees a body; a client's GET may have none.
			req = req.Clone(req.Context())
			req.Body = http.NoBody
		}
		s.ServeHTTP(recorder, req)
		resp := recorder.Result()
		resp.Request = req
		return resp, nil
	})
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) {
	return f(req)
}
