// Package signingvectors reads the AK/SK signing test vectors that the
// official SDK's signer produced (internal/client/testdata/signing-vectors.json),
// for the tests of the client's signer and of the emulator's verifier.
package signingvectors

import (
	"encoding/json"
	"os"
	"testing"
)

// Vector is one request and the Authorization header the SDK signed it with.
type Vector struct {
	Name     string `json:"name"`
	Method   string `json:"method"`
	Endpoint string `json:"endpoint"`
	Path     string `json:"path"`
	Query    []struct {
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
}

// Load reads every vector of the file at path, failing the test when there
// are none.
func Load(tb testing.TB, path string) []Vector {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var vectors []Vector
	if err := json.Unmarshal(data, &vectors); err != nil {
		tb.Fatalf("reading %s: %v", path, err)
	}
	if len(vectors) == 0 {
		tb.Fatalf("%s holds no vectors", path)
	}
	return vectors
}
