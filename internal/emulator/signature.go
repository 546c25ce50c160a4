package emulator

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
)

// sdkDateLayout is the layout of X-Sdk-Date.
const sdkDateLayout = "20060102T150405Z"

// maxClockSkew is how far X-Sdk-Date may be from the gateway's clock.
const maxClockSkew = 15 * time.Minute

// authorization is a parsed "<scheme> Access=..., SignedHeaders=...,
// Signature=..." header.
type authorization struct {
	scheme        gatewayScheme
	accessKey     string
	signedHeaders []string
	signature     string
}

// gatewayScheme is what the gateway knows of one signing scheme: its hash,
// the header that may stand for the payload's hash, and how a signature is
// checked with the secret key.
type gatewayScheme struct {
	name          string
	newHash       func() hash.Hash
	contentHeader string
	check         func(name, accessKey, secretKey, stringToSign string, signature []byte) bool
}

// gatewaySchemes are the four schemes the gateway accepts.
func gatewaySchemes() []gatewayScheme {
	return []gatewayScheme{
		{"SDK-HMAC-SHA256", sha256.New, "X-Sdk-Content-Sha256", checkHMAC(sha256.New)},
		{"SDK-HMAC-SM3", sm3.New, "X-Sdk-Content-Sm3", checkHMAC(sm3.New)},
		{"SDK-ECDSA-P256-SHA256", sha256.New, "X-Sdk-Content-Sha256", checkP256},
		{"SDK-SM2-SM3", sm3.New, "X-Sdk-Content-Sm3", checkSM2},
	}
}

func parseAuthorization(value string) (authorization, error) {
	var a authorization
	name, rest, _ := strings.Cut(value, " ")
	for _, s := range gatewaySchemes() {
		if s.name == name {
			a.scheme = s
		}
	}
	if a.scheme.name == "" {
		return authorization{}, fmt.Errorf("unknown signing scheme %q", name)
	}
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
// provider's signer (internal/signin) so that one cannot hide a mistake of the other.
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
	hexHash := func(data []byte) string {
		h := a.scheme.newHash()
		h.Write(data)
		return hex.EncodeToString(h.Sum(nil))
	}
	payloadHash := r.Header.Get(a.scheme.contentHeader)
	if payloadHash == "" {
		payloadHash = hexHash(body)
	}
	canonicalRequest := r.Method + "\n" +
		gatewayURI(r.URL.EscapedPath()) + "\n" +
		gatewayQuery(r.URL.RawQuery) + "\n" +
		canonicalHeaders.String() + "\n" +
		strings.Join(a.signedHeaders, ";") + "\n" +
		payloadHash
	toSign := a.scheme.name + "\n" + r.Header.Get("X-Sdk-Date") + "\n" + hexHash([]byte(canonicalRequest))
	signature, err := hex.DecodeString(a.signature)
	if err != nil || !a.scheme.check(a.scheme.name, a.accessKey, secretKey, toSign, signature) {
		return errors.New("signature mismatch")
	}
	return nil
}

// checkHMAC checks an HMAC signature keyed with the secret key.
func checkHMAC(newHash func() hash.Hash) func(name, accessKey, secretKey, stringToSign string, signature []byte) bool {
	return func(_, _, secretKey, stringToSign string, signature []byte) bool {
		mac := hmac.New(newHash, []byte(secretKey))
		mac.Write([]byte(stringToSign))
		return hmac.Equal(mac.Sum(nil), signature)
	}
}

// checkP256 verifies an ECDSA P-256 signature with the public key the
// gateway derives from the access key pair.
func checkP256(name, accessKey, secretKey, stringToSign string, signature []byte) bool {
	d, ok := gatewayScalar(name, sha256.New, elliptic.P256().Params().N, accessKey, secretKey)
	if !ok {
		return false
	}
	key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), d)
	if err != nil {
		return false
	}
	digest := sha256.Sum256([]byte(stringToSign))
	return ecdsa.VerifyASN1(&key.PublicKey, digest[:], signature)
}

// checkSM2 verifies an SM2 signature (default user id) with the public key
// the gateway derives from the access key pair.
func checkSM2(name, accessKey, secretKey, stringToSign string, signature []byte) bool {
	d, ok := gatewayScalar(name, sm3.New, sm2.P256().Params().N, accessKey, secretKey)
	if !ok {
		return false
	}
	key, err := sm2.NewPrivateKey(d)
	if err != nil {
		return false
	}
	return sm2.VerifyASN1WithSM2(&key.PublicKey, nil, []byte(stringToSign), signature)
}

// gatewayScalar derives the private scalar of an access key pair as the
// gateway does: HMAC-hash keyed with the secret key over
// 00000001 || scheme || 00 || AK || counter || 00000100, for the first
// counter whose result c satisfies c <= n-2; the scalar is c+1.
func gatewayScalar(name string, newHash func() hash.Hash, n *big.Int, accessKey, secretKey string) ([]byte, bool) {
	limit := new(big.Int).Sub(n, big.NewInt(2))
	for counter := range 256 {
		mac := hmac.New(newHash, []byte(secretKey))
		mac.Write(append(append(append([]byte{0, 0, 0, 1}, name...), 0), accessKey...))
		mac.Write([]byte{byte(counter), 0, 0, 1, 0})
		c := new(big.Int).SetBytes(mac.Sum(nil))
		if c.Cmp(limit) <= 0 {
			return c.Add(c, big.NewInt(1)).FillBytes(make([]byte, 32)), true
		}
	}
	return nil, false
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
