package signin

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm2"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest/signingvectors"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

func loadSigningVectors(t *testing.T) []signingvectors.Vector {
	t.Helper()
	return signingvectors.Load(t)
}

// signingRequest is what sign is given for v.
func signingRequest(t *testing.T, v signingvectors.Vector) signable {
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
	return signable{Method: v.Method, Host: endpoint.Host, Path: v.Path, Query: query, Headers: headers, Body: []byte(v.Body)}
}

// schemeOfVector returns the scheme of v's algorithm, failing the test for
// an algorithm the signer does not know: no vector may be skipped.
func schemeOfVector(t *testing.T, v signingvectors.Vector) scheme {
	t.Helper()
	if v.Algorithm == "" {
		t.Fatalf("%s has no algorithm", v.ID())
	}
	s, err := schemeOf(SigningAlgorithm(v.Algorithm))
	if err != nil {
		t.Fatalf("%s: %v", v.ID(), err)
	}
	return s
}

// verifies says whether hexSignature is a valid signature of stringToSign
// by the key that the AK/SK derive for algorithm, as the gateway checks it.
func verifies(t *testing.T, algorithm SigningAlgorithm, ak, sk, stringToSign, hexSignature string) bool {
	t.Helper()
	der, err := hex.DecodeString(hexSignature)
	if err != nil {
		return false
	}
	switch algorithm {
	case EcdsaP256SHA256:
		key, err := p256Key(ak, sk)
		if err != nil {
			t.Fatal(err)
		}
		digest := sha256.Sum256([]byte(stringToSign))
		return ecdsa.VerifyASN1(&key.PublicKey, digest[:], der)
	case SM2SM3:
		key, err := sm2Key(ak, sk)
		if err != nil {
			t.Fatal(err)
		}
		return sm2.VerifyASN1WithSM2(&key.PublicKey, nil, []byte(stringToSign), der)
	}
	t.Fatalf("%s is not randomised", algorithm)
	return false
}

// derivedKey returns the private scalar and the uncompressed public key
// that the AK/SK derive for an ECDSA-family algorithm.
func derivedKey(t *testing.T, algorithm SigningAlgorithm, ak, sk string) (d, public []byte) {
	t.Helper()
	switch algorithm {
	case EcdsaP256SHA256:
		key, err := p256Key(ak, sk)
		if err != nil {
			t.Fatal(err)
		}
		public, err := key.PublicKey.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		d, err := key.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		return d, public
	default:
		key, err := sm2Key(ak, sk)
		if err != nil {
			t.Fatal(err)
		}
		return key.D.FillBytes(make([]byte, 32)), elliptic.Marshal(key.Curve, key.X, key.Y) //nolint:staticcheck // the uncompressed form the vectors record
	}
}

// TestSignMatchesTheOfficialSDKOnEveryVector runs every vector of the file:
// HMAC ones byte for byte; the randomised ECDSA-family ones by the same
// canonical request and string to sign, the same derived key, the SDK's
// signature verifying, ours verifying, and a changed string to sign not.
func TestSignMatchesTheOfficialSDKOnEveryVector(t *testing.T) {
	vectors := loadSigningVectors(t)
	ran := map[string]int{}
	for _, v := range vectors {
		t.Run(v.ID(), func(t *testing.T) {
			s := schemeOfVector(t, v)
			in := signingRequest(t, v)
			names := signedHeaderNames(in.Headers)
			canonical := canonicalRequest(s, in, names)
			stringToSign := s.stringToSign(v.XSdkDate, canonical)
			if v.CanonicalRequest != "" && canonical != v.CanonicalRequest {
				t.Errorf("canonical request =\n%q\nwant\n%q", canonical, v.CanonicalRequest)
			}
			if v.StringToSign != "" && stringToSign != v.StringToSign {
				t.Errorf("string to sign = %q, want %q", stringToSign, v.StringToSign)
			}
			got, err := sign(s, in, v.AK, v.SK)
			if err != nil {
				t.Fatal(err)
			}
			if !v.Randomised() {
				if got != v.ExpectedAuthorization {
					t.Errorf("Authorization =\n  %s\nwant\n  %s", got, v.ExpectedAuthorization)
				}
				ran[v.Algorithm]++
				return
			}
			algorithm := SigningAlgorithm(v.Algorithm)
			ours, found := strings.CutPrefix(got, v.ExpectedAuthorizationPrefix)
			if !found {
				t.Fatalf("Authorization %s does not start with %s", got, v.ExpectedAuthorizationPrefix)
			}
			d, public := derivedKey(t, algorithm, v.AK, v.SK)
			if hex.EncodeToString(d) != v.DerivedPrivateKeyD || hex.EncodeToString(public) != v.PublicKeyUncompressed {
				t.Errorf("derived key d=%x Q=%x, want d=%s Q=%s", d, public, v.DerivedPrivateKeyD, v.PublicKeyUncompressed)
			}
			if !verifies(t, algorithm, v.AK, v.SK, v.StringToSign, v.SignatureDERHex) {
				t.Error("the SDK's signature does not verify with the derived key")
			}
			if !verifies(t, algorithm, v.AK, v.SK, stringToSign, ours) {
				t.Error("our signature does not verify with the derived key")
			}
			if verifies(t, algorithm, v.AK, v.SK, stringToSign+"x", ours) || verifies(t, algorithm, v.AK, v.SK, v.StringToSign+"x", v.SignatureDERHex) {
				t.Error("a signature verifies for a changed string to sign")
			}
			ran[v.Algorithm]++
		})
	}
	for _, algorithm := range SigningAlgorithms() {
		if ran[string(algorithm)] == 0 {
			t.Errorf("no vector of %s ran", algorithm)
		}
	}
	total := 0
	for _, n := range ran {
		total += n
	}
	if total != len(vectors) {
		t.Errorf("%d of %d vectors ran", total, len(vectors))
	}
}

// TestSentRequestsAreSignedAsTheVectors signs real requests, body included,
// through the client's transport.Authenticator and checks that the query actually
// sent is the canonical one, so the gateway computes the same signature.
func TestSentRequestsAreSignedAsTheVectors(t *testing.T) {
	for _, v := range loadSigningVectors(t) {
		t.Run(v.ID(), func(t *testing.T) {
			s := schemeOfVector(t, v)
			in := signingRequest(t, v)
			var body io.Reader
			if v.Body != "" {
				body = strings.NewReader(v.Body)
			}
			req, err := http.NewRequestWithContext(context.Background(), v.Method, v.Endpoint+v.Path+"?"+transport.EncodeQuery(in.Query), body)
			if err != nil {
				t.Fatal(err)
			}
			for name, value := range v.Headers {
				if !strings.EqualFold(name, "Host") {
					req.Header.Set(name, value)
				}
			}
			date, _ := time.Parse(sdkDateLayout, v.XSdkDate)
			auth := SignerAuth{AccessKey: v.AK, SecretKey: v.SK, Algorithm: SigningAlgorithm(v.Algorithm), Now: func() time.Time { return date }}
			if token := v.Headers[securityTokenHead]; token != "" {
				auth.SecurityToken = token
			}
			if err := auth.Authenticate(context.Background(), req); err != nil {
				t.Fatal(err)
			}
			if req.URL.RawQuery != transport.EncodeQuery(req.URL.Query()) {
				t.Errorf("sent query %q differs from the canonical %q", req.URL.RawQuery, transport.EncodeQuery(req.URL.Query()))
			}
			if sent, _ := requestBody(req); string(sent) != v.Body {
				t.Errorf("the body sent is %q, want %q", sent, v.Body)
			}
			// The client always signs the host; the vector does only when it lists Host.
			in.Headers.Set("Host", in.Host)
			authorization := req.Header.Get("Authorization")
			if !strings.Contains(authorization, "host;") {
				t.Errorf("the host is not signed: %s", authorization)
			}
			want, err := sign(s, in, v.AK, v.SK)
			if err != nil {
				t.Fatal(err)
			}
			if !v.Randomised() {
				if authorization != want {
					t.Errorf("Authorization = %s, want %s", authorization, want)
				}
				return
			}
			prefix, _, _ := strings.Cut(want, "Signature=")
			signature, found := strings.CutPrefix(authorization, prefix+"Signature=")
			stringToSign := s.stringToSign(v.XSdkDate, canonicalRequest(s, in, signedHeaderNames(in.Headers)))
			if !found || !verifies(t, SigningAlgorithm(v.Algorithm), v.AK, v.SK, stringToSign, signature) {
				t.Errorf("Authorization %s does not verify", authorization)
			}
		})
	}
}

// TestABodyThatIsNotJSONIsNotHashed follows the SDK: with a Content-Type
// that names neither JSON nor BSON, the signer adds the algorithm's content
// header as UNSIGNED-PAYLOAD, signs it, and uses it as the payload's hash.
func TestABodyThatIsNotJSONIsNotHashed(t *testing.T) {
	for _, tt := range []struct {
		algorithm SigningAlgorithm
		header    string
	}{{HmacSHA256, "X-Sdk-Content-Sha256"}, {HmacSM3, "X-Sdk-Content-Sm3"}} {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodPut, "https://obs.example.com/b/o", strings.NewReader("\x00binary"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/octet-stream")
		date := time.Date(2026, 11, 27, 8, 15, 30, 0, time.UTC)
		auth := SignerAuth{AccessKey: "AK", SecretKey: "SK", Algorithm: tt.algorithm, Now: func() time.Time { return date }}
		if err := auth.Authenticate(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		if req.Header.Get(tt.header) != unsignedPayload {
			t.Errorf("%s: %s = %q, want UNSIGNED-PAYLOAD", tt.algorithm, tt.header, req.Header.Get(tt.header))
		}
		// Written out from the SDK's rules, apart from canonicalRequest.
		s, _ := schemeOf(tt.algorithm)
		lower := strings.ToLower(tt.header)
		canonical := "PUT\n/b/o/\n\nhost:obs.example.com\n" + lower + ":UNSIGNED-PAYLOAD\nx-sdk-date:20261127T081530Z\n\n" +
			"host;" + lower + ";x-sdk-date\nUNSIGNED-PAYLOAD"
		signature, _ := s.sign("AK", "SK", s.stringToSign("20261127T081530Z", canonical))
		want := s.name + " Access=AK, SignedHeaders=host;" + lower + ";x-sdk-date, Signature=" + signature
		if got := req.Header.Get("Authorization"); got != want {
			t.Errorf("%s: Authorization = %s, want %s", tt.algorithm, got, want)
		}
	}
}

func TestAnUnknownAlgorithmIsRefused(t *testing.T) {
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://example.com/", nil)
	err := SignerAuth{AccessKey: "AK", SecretKey: "SK", Algorithm: "HmacSHA1"}.Authenticate(context.Background(), req)
	if err == nil || !strings.Contains(err.Error(), "SM2SM3") {
		t.Errorf("error = %v, want one naming the four algorithms", err)
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
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	c, err := gaussdb.New(gaussdb.Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID,
		Auth: SignerAuth{AccessKey: "ak", SecretKey: "sk", Now: tick}, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListBackups(context.Background(), gaussdb.BackupQuery{}); err != nil {
		t.Fatal(err)
	}
	if len(dates) != 3 || dates[0] == dates[1] || dates[1] == dates[2] {
		t.Errorf("X-Sdk-Date over three attempts = %v, want three different dates", dates)
	}
}
