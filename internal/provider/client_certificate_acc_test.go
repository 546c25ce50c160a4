package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// testPKI is a CA and a client certificate it signed, in PEM, plus another
// key that does not belong to the certificate.
type testPKI struct {
	caCert, clientCert, clientKey, otherKey string
	pool                                    *x509.CertPool
}

func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTemplate := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	clientKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	clientDER, err := x509.CreateCertificate(rand.Reader, &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "ci-pipeline"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, KeyUsage: x509.KeyUsageDigitalSignature,
	}, ca, &clientKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	keyPEM := func(k *ecdsa.PrivateKey) string {
		der, err := x509.MarshalECPrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	return testPKI{
		caCert:     string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})),
		clientCert: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: clientDER})),
		clientKey:  keyPEM(clientKey), otherKey: keyPEM(otherKey), pool: pool,
	}
}

// mutualTLSEmulator serves the emulator over TLS, requiring a client
// certificate signed by pki's CA, and returns its URL and its own
// certificate in PEM (to trust as cacert_file).
func mutualTLSEmulator(t *testing.T, pki testPKI) (string, string) {
	t.Helper()
	server := httptest.NewUnstartedServer(emulator.New(emulator.Options{Token: testToken, ProjectID: acctest.ProjectID, Backups: emulator.Seed(7)}))
	server.TLS = &tls.Config{ClientCAs: pki.pool, ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12}
	server.StartTLS()
	t.Cleanup(server.Close)
	return server.URL, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}))
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAccProvider_clientCertificate(t *testing.T) {
	pki := newTestPKI(t)
	url, serverCA := mutualTLSEmulator(t, pki)
	withTLS := func(settings string) string {
		return regexp.MustCompile(`max_retries = 1`).ReplaceAllString(backupsConfig(url, ""), "max_retries = 1\n"+settings)
	}
	certFile, keyFile := writeFile(t, "client.pem", pki.clientCert), writeFile(t, "client.key", pki.clientKey)
	caFile := writeFile(t, "ca.pem", serverCA)
	tests := []struct {
		name     string
		settings string
		env      map[string]string
		want     *regexp.Regexp
	}{
		{"without a client certificate the gateway refuses", fmt.Sprintf("cacert_file = %q", caFile), nil,
			regexp.MustCompile(`(?s)certificate required.*1 attempt`)},
		{"cert and key as paths", fmt.Sprintf("cacert_file = %q\ncert = %q\nkey = %q", caFile, certFile, keyFile), nil, nil},
		{"cert, key and the CA as PEM text", fmt.Sprintf("cacert_file = %q\ncert = %q\nkey = %q", serverCA, pki.clientCert, pki.clientKey), nil, nil},
		{"cert and key from OS_CERT and OS_KEY", fmt.Sprintf("cacert_file = %q", caFile), map[string]string{envCert: certFile, envKey: keyFile}, nil},
		{"cert without key", fmt.Sprintf("cacert_file = %q\ncert = %q", caFile, certFile), nil,
			regexp.MustCompile(`(?s)Incomplete client certificate.*OS_CERT.*OS_KEY`)},
		{"cert in the block, its key from OS_KEY", fmt.Sprintf("cacert_file = %q\ncert = %q", caFile, certFile),
			map[string]string{envKey: keyFile}, nil},
		{"OS_CERT without OS_KEY", fmt.Sprintf("cacert_file = %q", caFile), map[string]string{envCert: certFile},
			regexp.MustCompile(`(?s)Incomplete client certificate.*OS_CERT.*OS_KEY`)},
		{"a key that is not the certificate's", fmt.Sprintf("cacert_file = %q\ncert = %q\nkey = %q", caFile, certFile, pki.otherKey), nil,
			regexp.MustCompile(`(?s)Invalid key.*private key does not match public key`)},
		{"a certificate file that does not exist", fmt.Sprintf("cacert_file = %q\ncert = %q\nkey = %q", caFile, certFile+".missing", keyFile), nil,
			regexp.MustCompile(`(?s)Invalid cert.*neither PEM text.*no\s+file\s+exists\s+at\s+the\s+path\s+given`)},
		{"a key pasted without its BEGIN line is not repeated", fmt.Sprintf("cacert_file = %q\ncert = %q\nkey = %q", caFile, certFile,
			pemBody(pki.clientKey)), nil, regexp.MustCompile(`(?s)Invalid key.*not\s+repeated\s+here`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step := resource.TestStep{Config: withTLS(tt.settings), ExpectError: tt.want}
			if tt.want == nil {
				step.ConfigStateChecks = []statecheck.StateCheck{expectTotal(backupsAddress, 7)}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProvidersWithEnv(tt.env),
				Steps:                    []resource.TestStep{step},
			})
		})
	}
}

// pemBody is a PEM block's base64 body, without its BEGIN and END lines:
// a key pasted carelessly.
func pemBody(pem string) string {
	var body []string
	for _, line := range strings.Split(pem, "\n") {
		if !strings.HasPrefix(line, "-----") {
			body = append(body, line)
		}
	}
	return strings.Join(body, "\n")
}
