package signin

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Headers of AK/SK signing, as the gateway spells them.
const (
	sdkDateHeader     = "X-Sdk-Date"
	sdkDateLayout     = "20060102T150405Z"
	securityTokenHead = "X-Security-Token"
	// unsignedPayload stands for the body's hash when the body is not JSON.
	unsignedPayload = "UNSIGNED-PAYLOAD"
)

// SignerAuth signs each request with an access key and secret key, as the
// official SDK does, with one of its four algorithms. With a SecurityToken it
// signs with temporary credentials.
type SignerAuth struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// Algorithm is the signing algorithm; empty means HmacSHA256.
	Algorithm SigningAlgorithm
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Authenticate dates and signs req. The client calls it on every attempt, so
// a retry carries a fresh X-Sdk-Date.
func (a SignerAuth) Authenticate(_ context.Context, req *http.Request) error {
	s, err := schemeOf(a.Algorithm)
	if err != nil {
		return err
	}
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	req.Header.Set(sdkDateHeader, now().UTC().Format(sdkDateLayout))
	if a.SecurityToken != "" {
		req.Header.Set(securityTokenHead, a.SecurityToken)
	}
	if isUnsignedPayload(req.Header) {
		// As the SDK does: a body that is not JSON is not hashed, and the
		// header saying so is sent and signed.
		req.Header.Set(s.contentHeader, unsignedPayload)
	}
	body, err := requestBody(req)
	if err != nil {
		return err
	}
	// The host is signed too, as the gateway sees it in the Host header.
	headers := req.Header.Clone()
	headers.Set("Host", req.URL.Host)
	authorization, err := sign(s, signable{
		Method: req.Method, Host: req.URL.Host, Path: req.URL.Path, Query: req.URL.Query(), Headers: headers, Body: body,
	}, a.AccessKey, a.SecretKey)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", authorization)
	return nil
}

// isUnsignedPayload says whether a request's body goes unhashed: the SDK
// does so when Content-Type is set and names neither JSON nor BSON.
func isUnsignedPayload(header http.Header) bool {
	contentType := header.Get("Content-Type")
	return contentType != "" && !strings.Contains(contentType, "application/json") &&
		!strings.Contains(contentType, "application/bson")
}

// requestBody returns a copy of the body that will be sent.
func requestBody(req *http.Request) ([]byte, error) {
	if req.GetBody == nil {
		return nil, nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	defer func() { _ = rc.Close() }()
	return io.ReadAll(rc)
}

// signable is what a signature covers.
type signable struct {
	Method string
	// Host is the endpoint's host[:port], the value signed for a Host header.
	Host    string
	Path    string
	Query   url.Values
	Headers http.Header
	Body    []byte
}

// sign returns the Authorization header value for r, with s and the keys.
// r.Headers must hold X-Sdk-Date.
func sign(s scheme, r signable, ak, sk string) (string, error) {
	if ak == "" || sk == "" {
		return "", fmt.Errorf("signing with %s needs both the access key and the secret key", s.name)
	}
	names := signedHeaderNames(r.Headers)
	stringToSign := s.stringToSign(r.Headers.Get(sdkDateHeader), canonicalRequest(s, r, names))
	signature, err := s.sign(ak, sk, stringToSign)
	if err != nil {
		return "", err
	}
	return s.name + " Access=" + ak + ", SignedHeaders=" + strings.Join(names, ";") + ", Signature=" + signature, nil
}

// canonicalRequest is what the string to sign hashes: method, URI, query,
// headers, their names, and the payload's hash (or the content header's
// value, when the request carries one).
func canonicalRequest(s scheme, r signable, names []string) string {
	payloadHash := r.Headers.Get(s.contentHeader)
	if payloadHash == "" {
		payloadHash = s.hexHash(r.Body)
	}
	return strings.Join([]string{
		r.Method,
		canonicalURI(r.Path),
		transport.EncodeQuery(r.Query),
		canonicalHeaders(r, names),
		strings.Join(names, ";"),
		payloadHash,
	}, "\n")
}

// signedHeaderNames lists the lower-cased header names to sign: all but
// content-type (and names starting with it) and names with an underscore.
func signedHeaderNames(headers http.Header) []string {
	names := make([]string, 0, len(headers))
	for name := range headers {
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "content-type") || strings.Contains(lower, "_") || slices.Contains(names, lower) {
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
		segments[i] = transport.PercentEncode(segment)
	}
	uri := strings.Join(segments, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

// canonicalHeaders writes "name:value\n" per signed header; host is signed
// with the endpoint's host.
func canonicalHeaders(r signable, names []string) string {
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
