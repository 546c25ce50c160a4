package emulator

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest/signingvectors"
)

// signedRequest builds the request the SDK sent for v, carrying the SDK's
// Authorization header.
func signedRequest(v signingvectors.Vector) *http.Request {
	var query []string
	for _, pair := range v.Query {
		query = append(query, strictEscape(pair.Key)+"="+strictEscape(pair.Value))
	}
	target := v.Endpoint + v.Path
	if len(query) > 0 {
		target += "?" + strings.Join(query, "&")
	}
	r := httptest.NewRequest(v.Method, target, strings.NewReader(v.Body))
	for name, value := range v.Headers {
		if !strings.EqualFold(name, "Host") {
			r.Header.Set(name, value)
		}
	}
	r.Header.Set("X-Sdk-Date", v.XSdkDate)
	r.Header.Set("Authorization", v.ExpectedAuthorization)
	return r
}

func loadVectors(t *testing.T) []signingvectors.Vector {
	t.Helper()
	// Sign-in's tests run the same vectors against the signer.
	return signingvectors.Load(t)
}

func serverFor(v signingvectors.Vector) *Server {
	date, _ := time.Parse(sdkDateLayout, v.XSdkDate)
	return New(Options{
		ProjectID:   "p",
		Credentials: []Credential{{AccessKey: v.AK, SecretKey: v.SK, SecurityToken: v.Headers["X-Security-Token"]}},
		Now:         func() time.Time { return date.Add(5 * time.Minute) },
	})
}

func TestTheVerifierAcceptsEveryVectorOfTheOfficialSDK(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.ID(), func(t *testing.T) {
			r := signedRequest(v)
			if who := serverFor(v).authenticate(r, []byte(v.Body)); who.authFailed != nil {
				t.Errorf("the SDK's own signature was refused: %s", who.authFailed.code)
			}
		})
	}
}

func TestTheVerifierRefusesTamperedRequests(t *testing.T) {
	for _, v := range loadVectors(t) {
		tampers := map[string]func(r *http.Request){
			"another signature": func(r *http.Request) {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "Signature=", "Signature=0", 1))
			},
			"another project header": func(r *http.Request) { r.Header.Set("X-Project-Id", "someone-else") },
			"another query":          func(r *http.Request) { r.URL.RawQuery += "&limit=1" },
			"another path":           func(r *http.Request) { r.URL.Path += "x"; r.URL.RawPath = "" },
			"another date":           func(r *http.Request) { r.Header.Set("X-Sdk-Date", "20261127T081531Z") },
		}
		if v.Headers["X-Project-Id"] == "" {
			delete(tampers, "another project header") // not signed in this vector
		}
		for name, tamper := range tampers {
			t.Run(v.ID()+"/"+name, func(t *testing.T) {
				r := signedRequest(v)
				tamper(r)
				who := serverFor(v).authenticate(r, []byte(v.Body))
				if who.authFailed == nil || who.authFailed.code != codeAuthFailed {
					t.Errorf("a tampered request passed: %+v", who.authFailed)
				}
			})
		}
	}
}

func TestAStaleSdkDateIsAPIGW0301SignatureExpired(t *testing.T) {
	v := loadVectors(t)[0]
	date, _ := time.Parse(sdkDateLayout, v.XSdkDate)
	s := New(Options{
		ProjectID:   "p",
		Credentials: []Credential{{AccessKey: v.AK, SecretKey: v.SK}},
		Now:         func() time.Time { return date.Add(16 * time.Minute) },
	})
	who := s.authenticate(signedRequest(v), nil)
	if who.authFailed == nil || who.authFailed.code != codeAuthFailed || who.authFailed.status != http.StatusUnauthorized ||
		!strings.Contains(who.authFailed.msg.en, "signature expired") {
		t.Errorf("a 16-minute-old date gave %+v, want 401 APIGW.0301 saying the signature expired", who.authFailed)
	}
}

func TestATemporaryKeyNeedsItsSecurityToken(t *testing.T) {
	for _, v := range loadVectors(t) {
		if v.Headers["X-Security-Token"] == "" {
			continue
		}
		r := signedRequest(v)
		r.Header.Del("X-Security-Token")
		if who := serverFor(v).authenticate(r, nil); who.authFailed == nil {
			t.Errorf("%s: a temporary key without its security token passed", v.Name)
		}
	}
}
