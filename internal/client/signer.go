package client

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Names of the AK/SK signing scheme, as the gateway spells them.
const (
	signingAlgorithm  = "SDK-HMAC-SHA256"
	sdkDateHeader     = "X-Sdk-Date"
	sdkDateLayout     = "20060102T150405Z"
	securityTokenHead = "X-Security-Token"
)

// SignerAuth signs each request with an access key and secret key
// (SDK-HMAC-SHA256), as the official SDKs do. With a SecurityToken it signs
// with temporary credentials.
type SignerAuth struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Authenticate dates and signs req. The client calls it on every attempt, so
// a retry carries a fresh X-Sdk-Date.
func (a SignerAuth) Authenticate(_ context.Context, req *http.Request) error {
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	req.Header.Set(sdkDateHeader, now().UTC().Format(sdkDateLayout))
	if a.SecurityToken != "" {
		req.Header.Set(securityTokenHead, a.SecurityToken)
	}
	// The host is signed too, as the gateway sees it in the Host header.
	headers := req.Header.Clone()
	headers.Set("Host", req.URL.Host)
	var body []byte
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return err
		}
		defer func() { _ = rc.Close() }()
		if body, err = io.ReadAll(rc); err != nil {
			return err
		}
	}
	req.Header.Set("Authorization", Sign(SigningRequest{
		Method:  req.Method,
		Host:    req.URL.Host,
		Path:    req.URL.Path,
		Query:   req.URL.Query(),
		Headers: headers,
		Body:    body,
	}, a.AccessKey, a.SecretKey))
	return nil
}

// SigningRequest is what a signature covers.
type SigningRequest struct {
	Method string
	// Host is the endpoint's host[:port], the value signed for a Host header.
	Host    string
	Path    string
	Query   url.Values
	Headers http.Header
	Body    []byte
}

// Sign returns the Authorization header value for r, keyed with sk. r.Headers
// must hold X-Sdk-Date.
func Sign(r SigningRequest, ak, sk string) string {
	names := signedHeaderNames(r.Headers)
	canonical := strings.Join([]string{
		r.Method,
		canonicalURI(r.Path),
		encodeQuery(r.Query),
		canonicalHeaders(r, names),
		strings.Join(names, ";"),
		hexSHA256(r.Body),
	}, "\n")
	stringToSign := signingAlgorithm + "\n" + r.Headers.Get(sdkDateHeader) + "\n" + hexSHA256([]byte(canonical))
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(stringToSign))
	return signingAlgorithm + " Access=" + ak + ", SignedHeaders=" + strings.Join(names, ";") +
		", Signature=" + hex.EncodeToString(mac.Sum(nil))
}

// signedHeaderNames lists the lower-cased header names to sign: all but
// content-type (and names starting with it) and names with an underscore.
func signedHeaderNames(headers http.Header) []string {
	names := make([]string, 0, len(headers))
	for name := range headers {
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "content-type") || strings.Contains(lower, "_") {
			continue
		}
		names = append(names, lower)
	}
	sort.Strings(names)
	return names
}

// canonicalURI percent-encodes each path segment and ends the path with "/".
func canonicalURI(path string) string {
	segments := strings.Split(path, "/")
	for i, segment := range segments {
		segments[i] = percentEncode(segment)
	}
	uri := strings.Join(segments, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

// canonicalHeaders writes "name:value\n" per signed header; host is signed
// with the endpoint's host.
func canonicalHeaders(r SigningRequest, names []string) string {
	var b strings.Builder
	for _, name := range names {
		value := r.Headers.Get(name)
		if name == "host" {
			value = r.Host
		}
		b.WriteString(name + ":" + strings.TrimSpace(value) + "\n")
	}
	return b.String()
}

func hexSHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
