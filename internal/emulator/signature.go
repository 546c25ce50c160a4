package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// sdkDateLayout is the layout of X-Sdk-Date.
const sdkDateLayout = "20060102T150405Z"

// maxClockSkew is how far X-Sdk-Date may be from the gateway's clock.
const maxClockSkew = 15 * time.Minute

// authorization is a parsed "SDK-HMAC-SHA256 Access=..., SignedHeaders=...,
// Signature=..." header.
type authorization struct {
	accessKey     string
	signedHeaders []string
	signature     string
}

func parseAuthorization(value string) (authorization, error) {
	rest, ok := strings.CutPrefix(value, "SDK-HMAC-SHA256 ")
	if !ok {
		return authorization{}, errors.New("not an SDK-HMAC-SHA256 signature")
	}
	var a authorization
	for _, part := range strings.Split(rest, ",") {
		key, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch key {
		case "Access":
			a.accessKey = val
		case "SignedHeaders":
			a.signedHeaders = strings.Split(val, ";")
		case "Signature":
			a.signature = val
		}
	}
	if a.accessKey == "" || a.signature == "" || len(a.signedHeaders) == 0 {
		return authorization{}, errors.New("incomplete signature")
	}
	return a, nil
}

// verifySignature checks a request's signature as the gateway does, with
// the signed headers the request names. It is written apart from the
// client's signer so that one cannot hide a mistake of the other.
func verifySignature(r *http.Request, a authorization, secretKey string, body []byte) error {
	if !slices.Contains(a.signedHeaders, "x-sdk-date") {
		return errors.New("x-sdk-date is not signed")
	}
	var canonicalHeaders strings.Builder
	for _, name := range a.signedHeaders {
		value := r.Header.Get(name)
		if name == "host" {
			value = r.Host
		}
		fmt.Fprintf(&canonicalHeaders, "%s:%s\n", name, strings.TrimSpace(value))
	}
	bodyHash := sha256.Sum256(body)
	canonicalRequest := r.Method + "\n" +
		gatewayURI(r.URL.EscapedPath()) + "\n" +
		gatewayQuery(r.URL.RawQuery) + "\n" +
		canonicalHeaders.String() + "\n" +
		strings.Join(a.signedHeaders, ";") + "\n" +
		hex.EncodeToString(bodyHash[:])
	requestHash := sha256.Sum256([]byte(canonicalRequest))
	toSign := "SDK-HMAC-SHA256\n" + r.Header.Get("X-Sdk-Date") + "\n" + hex.EncodeToString(requestHash[:])
	mac := hmac.New(sha256.New, []byte(secretKey))
	mac.Write([]byte(toSign))
	want := hex.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(a.signature)) {
		return errors.New("signature mismatch")
	}
	return nil
}

// gatewayURI rebuilds the canonical URI from the path as sent.
func gatewayURI(escapedPath string) string {
	var out []string
	for _, segment := range strings.Split(escapedPath, "/") {
		decoded, err := url.PathUnescape(segment)
		if err != nil {
			decoded = segment
		}
		out = append(out, strictEscape(decoded))
	}
	uri := strings.Join(out, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

// gatewayQuery rebuilds the canonical query from the query as sent. Like
// the gateway, it reads a bare "+" as a space, which is why the client must
// send "+" as %2B.
func gatewayQuery(rawQuery string) string {
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return rawQuery
	}
	type pair struct{ key, value string }
	var pairs []pair
	for key, vals := range values {
		for _, v := range vals {
			pairs = append(pairs, pair{strictEscape(key), strictEscape(v)})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	encoded := make([]string, len(pairs))
	for i, p := range pairs {
		encoded[i] = p.key + "=" + p.value
	}
	return strings.Join(encoded, "&")
}

// strictEscape percent-encodes all but RFC 3986's unreserved characters.
func strictEscape(s string) string {
	escaped := url.QueryEscape(s)
	escaped = strings.ReplaceAll(escaped, "+", "%20")
	escaped = strings.ReplaceAll(escaped, "%7E", "~")
	return escaped
}

// checkSdkDate rejects a date more than maxClockSkew from now.
func checkSdkDate(value string, now time.Time) error {
	date, err := time.Parse(sdkDateLayout, value)
	if err != nil {
		return fmt.Errorf("X-Sdk-Date %q is malformed", value)
	}
	if skew := now.Sub(date); skew > maxClockSkew || skew < -maxClockSkew {
		return fmt.Errorf("X-Sdk-Date %s is %s from the gateway's clock", value, skew.Round(time.Second))
	}
	return nil
}
