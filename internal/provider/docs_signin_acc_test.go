package provider

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
)

// The values the documentation's sign-in examples are run with: what the
// emulator command is started to accept, as a user would start it.
const (
	docsAccessKey     = "DOCSACCESSKEY0000000"
	docsSecretKey     = "docs-secret-key"
	docsTempAccessKey = "DOCSTEMPKEY000000000"
	docsTempSecretKey = "docs-temporary-secret"
	docsSecurityToken = "docs-security-token"
	docsToken         = "docs-iam-token"
	docsPassword      = "docs password"
	docsIDToken       = "eyJhbGciOiJSUzI1NiJ9.docs.signature"
)

// docsEmulatorFlags start the emulator command with every identity the
// examples name: the keys, the user (by name and by id), the projects, the
// agency, the identity provider and the metadata service.
func docsEmulatorFlags() []string {
	return []string{
		"-token", docsToken, "-project-id", acctest.ProjectID, "-region", "cn-north-4",
		"-project", "cn-east-5=ea5700000000000000000000000000ea", "-project", "cn-north-4_dev=de0000000000000000000000000000de",
		"-access-key", docsAccessKey + ":" + docsSecretKey,
		"-access-key", docsTempAccessKey + ":" + docsTempSecretKey + ":" + docsSecurityToken,
		"-user", "name=ci-bot,domain=acme,domain-id=a1b2c3d4e5f60718293a4b5c6d7e8f90,id=0f1e2d3c4b5a69788796a5b4c3d2e1f0,password=" + docsPassword,
		"-agency", "ci-backup-reader", "-agency-domain-id", "0123456789abcdef0123456789abcdef",
		"-idp-id", "github-actions", "-id-token", docsIDToken,
		"-metadata", "-backups", "7",
	}
}

// startEmulatorCommand runs the emulator command and returns its URL.
func startEmulatorCommand(t *testing.T, binary string, flags ...string) string {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"-listen", "127.0.0.1:0"}, flags...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if url, ok := strings.CutPrefix(lines.Text(), "listening on "); ok {
				found <- url
			}
		}
	}()
	select {
	case url := <-found:
		return url
	case <-time.After(30 * time.Second):
		t.Fatal("the emulator command did not start")
	}
	return ""
}

// providerAliases lists the aliases of the provider blocks of an example
// ("" for one without).
func providerAliases(hcl string) []string {
	var aliases []string
	for _, block := range regexp.MustCompile(`(?s)provider "gaussdb" \{(.*?)\n\}`).FindAllStringSubmatch(hcl, -1) {
		alias := ""
		if m := regexp.MustCompile(`alias\s*=\s*"([^"]+)"`).FindStringSubmatch(block[1]); m != nil {
			alias = m[1]
		}
		aliases = append(aliases, alias)
	}
	return aliases
}

// TestAccDocsSignInExamplesWorkAgainstTheEmulatorCommand runs each sign-in
// example of the documentation, unchanged, against the emulator command, as
// a user trying the provider would: Terraform override files point every
// provider block at the emulator, and a listing per block must find its 7
// backups.
func TestAccDocsSignInExamplesWorkAgainstTheEmulatorCommand(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraformPath, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is not on PATH: %v", err)
	}
	build := acctest.BuildProvider(t)
	bin, cliConfig := build.Dir, build.CLIConfig
	acctest.Build(t, "cmd/gaussdb-emulator", filepath.Join(bin, "gaussdb-emulator"))
	url := startEmulatorCommand(t, filepath.Join(bin, "gaussdb-emulator"), docsEmulatorFlags()...)
	pki := newTestPKI(t)
	serverCert, serverKey := selfSignedLoopback(t)
	tlsURL := startEmulatorCommand(t, filepath.Join(bin, "gaussdb-emulator"), append(docsEmulatorFlags(),
		"-tls-cert", writeFile(t, "server.pem", serverCert), "-tls-key", writeFile(t, "server.key", serverKey),
		"-client-ca", writeFile(t, "client-ca.pem", pki.caCert))...)

	variables := map[string]string{
		"access_key": docsAccessKey, "secret_key": docsSecretKey, "temporary_access_key": docsTempAccessKey,
		"temporary_secret_key": docsTempSecretKey, "security_token": docsSecurityToken, "password": docsPassword,
		"iam_token": docsToken, "client_key_pem": pki.clientKey,
	}
	tests := []struct {
		example string
		url     string
		// home holds the files the example names under ~.
		home map[string]string
		env  map[string]string
	}{
		{example: "provider/provider.tf", url: url, env: map[string]string{"HW_REGION_NAME": "cn-north-4",
			"HW_ACCESS_KEY": docsAccessKey, "HW_SECRET_KEY": docsSecretKey}},
		{example: "provider-agency/main.tf", url: url},
		{example: "provider-identity/main.tf", url: url},
		{example: "provider-oidc/main.tf", url: url},
		{example: "provider-profile/main.tf", url: url, home: map[string]string{".hcloud/config.json": fmt.Sprintf(
			`{"current": "prod-readonly", "profiles": [{"name": "prod-readonly", "mode": "AKSK", "accessKeyId": %q, `+
				`"secretAccessKey": %q, "region": "cn-north-4"}]}`, docsAccessKey, docsSecretKey)}},
		{example: "provider-signing/main.tf", url: url},
		{example: "provider-ecs/main.tf", url: url, env: map[string]string{envMetadataEndpoint: url}},
		{example: "provider-tls/main.tf", url: tlsURL, home: map[string]string{"pki/gateway-ca.pem": serverCert,
			"pki/ci-client.pem": pki.clientCert}},
	}
	if err := os.WriteFile("/tmp/oidc-token", []byte(docsIDToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			example, err := os.ReadFile(filepath.Join("../../examples", tt.example))
			if err != nil {
				t.Fatal(err)
			}
			dir, home := t.TempDir(), t.TempDir()
			for name, content := range tt.home {
				_ = os.MkdirAll(filepath.Dir(filepath.Join(home, name)), 0o700)
				if err := os.WriteFile(filepath.Join(home, name), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var overrides, listings strings.Builder
			overrides.WriteString("terraform {\n  required_providers {\n    gaussdb = { source = \"gaussdb-terraform/gaussdb\" }\n  }\n}\n")
			for _, alias := range providerAliases(string(example)) {
				aliasLine, reference, name := "", "gaussdb", "default"
				if alias != "" {
					aliasLine, reference, name = fmt.Sprintf("  alias = %q\n", alias), "gaussdb."+alias, alias
				}
				fmt.Fprintf(&overrides, "provider \"gaussdb\" {\n%s  auth_url = \"%s/v3\"\n  endpoints = {\n"+
					"    gaussdb = %q\n    iam     = %q\n    sts     = %q\n  }\n}\n", aliasLine, tt.url, tt.url, tt.url, tt.url)
				fmt.Fprintf(&listings, "data \"gaussdb_mysql_backups\" %q {\n  provider = %s\n}\n\noutput %q {\n"+
					"  value = data.gaussdb_mysql_backups.%s.total_count\n}\n\n", name, reference, name, name)
			}
			for file, content := range map[string]string{"main.tf": string(example), "main_override.tf": overrides.String(),
				"listings.tf": listings.String()} {
				if err := os.WriteFile(filepath.Join(dir, file), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			plan := exec.Command(terraformPath, "plan", "-no-color", "-input=false")
			plan.Dir = dir
			plan.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "TF_CLI_CONFIG_FILE=" + cliConfig}
			for name, value := range variables {
				plan.Env = append(plan.Env, "TF_VAR_"+name+"="+value)
			}
			for name, value := range tt.env {
				plan.Env = append(plan.Env, name+"="+value)
			}
			out, err := plan.CombinedOutput()
			if os.Getenv("DOCS_SIGNIN_DEBUG") != "" {
				t.Log(string(out))
			}
			if err != nil {
				t.Fatalf("terraform plan of %s: %v\n%s", tt.example, err, tail(out))
			}
			for _, alias := range providerAliases(string(example)) {
				name := alias
				if name == "" {
					name = "default"
				}
				if !regexp.MustCompile(`(?m)^\s*\+?\s*` + name + `\s*=\s*7$`).Match(out) {
					t.Errorf("%s: the listing of provider %q did not find the 7 backups:\n%s", tt.example, name, tail(out))
				}
			}
		})
	}
}

// selfSignedLoopback is a certificate for 127.0.0.1, signed by itself, and
// its key, in PEM: the gateway's own CA, for the TLS example.
func selfSignedLoopback(t *testing.T) (cert, key string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "gateway"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
}
