package signingvectors

import (
	_ "embed"
	"encoding/json"
	"testing"
)

//go:embed signing-vectors.json
var vectorsJSON []byte

// Vector is one request and the Authorization header the SDK signed it with.
// A vector is identified by its name and algorithm together: the same
// request is signed with each algorithm.
type Vector struct {
	Name string `json:"name"`
	// Algorithm is HmacSHA256, HmacSM3, EcdsaP256SHA256 or SM2SM3.
	Algorithm string `json:"algorithm"`
	Method    string `json:"method"`
	Endpoint  string `json:"endpoint"`
	Path      string `json:"path"`
	Query     []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"query"`
	// Headers are the request's headers besides X-Sdk-Date.
	Headers               map[string]string `json:"headers"`
	Body                  string            `json:"body"`
	AK                    string            `json:"ak"`
	SK                    string            `json:"sk"`
	XSdkDate              string            `json:"x_sdk_date"`
	ExpectedAuthorization string            `json:"expected_authorization"`

	// CanonicalRequest and StringToSign are what the SDK hashed and signed.
	CanonicalRequest string `json:"canonical_request"`
	StringToSign     string `json:"string_to_sign"`

	// The ECDSA-family signatures are randomised: these let a test check
	// one by verification instead of comparison.
	ExpectedAuthorizationPrefix string `json:"expected_authorization_prefix"`
	SignatureDERHex             string `json:"signature_der_hex"`
	DerivedPrivateKeyD          string `json:"derived_private_key_d"`
	PublicKeyUncompressed       string `json:"public_key_uncompressed"`
}

// ID names a vector uniquely: its name and algorithm.
func (v Vector) ID() string {
	return v.Name + " (" + v.Algorithm + ")"
}

// Randomised says whether the vector's signature differs on every signing
// (ECDSA P-256 and SM2), so that it is checked by verification.
func (v Vector) Randomised() bool {
	return v.Algorithm == "EcdsaP256SHA256" || v.Algorithm == "SM2SM3"
}

// Load reads every vector, failing the test when there are none.
func Load(tb testing.TB) []Vector {
	tb.Helper()
	var vectors []Vector
	if err := json.Unmarshal(vectorsJSON, &vectors); err != nil {
		tb.Fatalf("reading signing-vectors.json: %v", err)
	}
	if len(vectors) == 0 {
		tb.Fatal("signing-vectors.json holds no vectors")
	}
	return vectors
}
