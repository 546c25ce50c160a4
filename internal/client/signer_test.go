package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// signingVector is one entry of testdata/signing-vectors.json: a request and
// the Authorization header the official Go SDK's signer produced for it.
type signingVector struct {
	Name     string `json:"name"`
	Method   string `json:"method"`
	Endpoint string `json:"endpoint"`
	Path     string `json:"path"`
	Query    []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"query"`
	Headers               map[string]string `json:"headers"`
	Body                  string            `json:"body"`
	AK                    string            `json:"ak"`
	SK                    string            `json:"sk"`
	XSdkDate              string            `json:"x_sdk_date"`
	ExpectedAuthorization string            `json:"expected_authorization"`
}

func loadSigningVectors(t *testing.T) []signingVector {
	t.Helper()
	data, err := os.ReadFile("testdata/signing-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vectors []signingVector
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	if len(vectors) == 0 {
		t.Fatal("testdata/signing-vectors.json holds no vectors")
	}
	return vectors
}

func (v signingVector) request(t *testing.T) SigningRequest {
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
			if got := Sign(v.request(t), v.AK, v.SK); got != v.ExpectedAuthorization {
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
			in := v.request(t)
			req, err := http.NewRequestWithContext(context.Background(), v.Method, v.Endpoint+v.Path+"?"+EncodeQuery(in.Query), nil)
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
			if req.URL.RawQuery != EncodeQuery(req.URL.Query()) {
				t.Errorf("sent query %q differs from the canonical %q", req.URL.RawQuery, EncodeQuery(req.URL.Query()))
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
