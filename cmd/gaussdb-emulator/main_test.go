package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeSelfSigned writes a self-signed certificate and its key as PEM files.
func writeSelfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	_ = os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	_ = os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return certFile, keyFile
}

func TestTheFlagsServeTLSAndRequireClientCertificates(t *testing.T) {
	certFile, keyFile := writeSelfSigned(t)
	if config, err := serverTLS("", "", ""); err != nil || config != nil {
		t.Errorf("no flags gave %v, %v; want plain HTTP", config, err)
	}
	config, err := serverTLS(certFile, keyFile, "")
	if err != nil || len(config.Certificates) != 1 || config.ClientAuth != tls.NoClientCert {
		t.Errorf("-tls-cert and -tls-key gave %+v, %v", config, err)
	}
	config, err = serverTLS(certFile, keyFile, certFile)
	if err != nil || config.ClientAuth != tls.RequireAndVerifyClientCert || config.ClientCAs == nil {
		t.Errorf("-client-ca gave %+v, %v; want client certificates required", config, err)
	}
	if _, err := serverTLS("", "", certFile); err == nil {
		t.Error("-client-ca without -tls-cert was accepted")
	}
}
