package client

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signingvectors"
)

func loadSigningVectors(t *testing.T) []signingvectors.Vector {
	t.Helper()
	return signingvectors.Load(t, "testdata/signing-vectors.json")
}

// signingRequest is what Sign is given for v.
func signingRequest(t *testing.T, v signingvectors.Vector) SigningRequest {
	t.Helper()
	endpoint, err := url.Parse(v.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	query := url.Values{}
	for _, pair := range v.Query {
		query.Add(pair.Key, pair.Value)
	}
	headers := http.Header{}
	for name, value := range v.Headers {
		headers.Set(name, value)
	}
	headers.Set(sdkDateHeader, v.XSdkDate)
	return SigningRequest{Method: v.Method, Host: endpoint.Host, Path: v.Path, Query: query, Headers: headers, Body: []byte(v.Body)}
}

func TestSignMatchesTheOfficialSDKOnEveryVector(t *testing.T) {
	for _, v := range loadSigningVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			if got := Sign(signingRequest(t, v), v.AK, v.SK); got != v.ExpectedAuthorization {
				t.Errorf("Authorization =\n  %s\nwant\n  %s", got, v.ExpectedAuthorization)
			}
		})
	}
}

// TestSentRequestsAreSignedAsTheVectors signs real requests through the
// client's Authenticator and checks that the query actually sent is the
// canonical one, so the gateway computes the same signature.
func TestSentRequestsAreSignedAsTheVectors(t *testing.T) {
	for _, v := range loadSigningVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			in := signingRequest(t, v)
			req, err := http.NewRequestWithContext(context.Background(), v.Method, v.Endpoint+v.Path+"?"+encodeQuery(in.Query), nil)
			if err != nil {
				t.Fatal(err)
			}
			for name, value := range v.Headers {
				if !strings.EqualFold(name, "Host") {
					req.Header.Set(name, value)
				}
			}
			date, _ := time.Parse(sdkDateLayout, v.XSdkDate)
			auth := SignerAuth{AccessKey: v.AK, SecretKey: v.SK, Now: func() time.Time { return date }}
			if token := v.Headers[securityTokenHead]; token != "" {
				auth.SecurityToken = token
			}
			if err := auth.Authenticate(context.Background(), req); err != nil {
				t.Fatal(err)
			}
			if req.URL.RawQuery != encodeQuery(req.URL.Query()) {
				t.Errorf("sent query %q differs from the canonical %q", req.URL.RawQuery, encodeQuery(req.URL.Query()))
			}
			// The client always signs the host; the vector does only when it lists Host.
			in.Headers.Set("Host", in.Host)
			if want := Sign(in, v.AK, v.SK); req.Header.Get("Authorization") != want {
				t.Errorf("Authorization = %s, want %s", req.Header.Get("Authorization"), want)
			}
			if !strings.Contains(req.Header.Get("Authorization"), "host;") {
				t.Errorf("the host is not signed: %s", req.Header.Get("Authorization"))
			}
		})
	}
}

func TestEveryAttemptIsSignedAfresh(t *testing.T) {
	var dates []string
	clock := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	tick := func() time.Time { clock = clock.Add(time.Second); return clock }
	server := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dates = append(dates, r.Header.Get(sdkDateHeader))
		if len(dates) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
	})
	c := newTestClient(t, server)
	c.api.http.HTTPClient.Transport.(*authTransport).auth = SignerAuth{AccessKey: "ak", SecretKey: "sk", Now: tick}
	if _, err := c.ListBackups(context.Background(), BackupQuery{}); err != nil {
		t.Fatal(err)
	}
	if len(dates) != 3 || dates[0] == dates[1] || dates[1] == dates[2] {
		t.Errorf("X-Sdk-Date over three attempts = %v, want three different dates", dates)
	}
}
