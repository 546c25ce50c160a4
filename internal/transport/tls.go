package transport

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"strings"
)

// TLSFile names one of the TLS options that name a file or hold PEM.
type TLSFile string

// The TLS files of Options.
const (
	CACertFile TLSFile = "the CA bundle"
	ClientCert TLSFile = "the client certificate"
	ClientKey  TLSFile = "the client certificate's key"
)

// TLSFileError is a TLS file that could not be used; File says which, so
// that the caller can name the setting it came from.
type TLSFileError struct {
	File TLSFile
	Err  error
}

func (e *TLSFileError) Error() string { return string(e.File) + ": " + e.Err.Error() }

func (e *TLSFileError) Unwrap() error { return e.Err }

// tlsConfig verifies certificates against the system's CAs plus those of
// opts.CACertFile, unless opts.Insecure, and presents opts' client
// certificate when there is one.
func tlsConfig(opts Options) (*tls.Config, error) {
	config := &tls.Config{MinVersion: tls.VersionTLS12}
	if opts.Insecure {
		config.InsecureSkipVerify = true //nolint:gosec // the caller asked for it with Insecure
	}
	if opts.CACertFile != "" {
		pem, err := pathOrPEM(opts.CACertFile)
		if err != nil {
			return nil, &TLSFileError{CACertFile, err}
		}
		// Unlike the official provider, the system's CAs stay trusted.
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, &TLSFileError{CACertFile, fmt.Errorf("%s holds no PEM certificate", describePathOrPEM(opts.CACertFile))}
		}
		config.RootCAs = pool
	}
	if opts.ClientCert != "" || opts.ClientKey != "" {
		certificate, err := clientCertificate(opts.ClientCert, opts.ClientKey)
		if err != nil {
			return nil, err
		}
		config.Certificates = []tls.Certificate{certificate}
	}
	return config, nil
}

// clientCertificate loads a certificate and its key, each a path or PEM.
func clientCertificate(cert, key string) (tls.Certificate, error) {
	if cert == "" || key == "" {
		return tls.Certificate{}, &TLSFileError{ClientCert, fmt.Errorf("a client certificate needs its key, and a key its certificate")}
	}
	certPEM, err := pathOrPEM(cert)
	if err != nil {
		return tls.Certificate{}, &TLSFileError{ClientCert, err}
	}
	keyPEM, err := pathOrPEM(key)
	if err != nil {
		return tls.Certificate{}, &TLSFileError{ClientKey, err}
	}
	certificate, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, &TLSFileError{ClientKey, fmt.Errorf("the certificate and the key are not a certificate and its "+
			"private key in PEM: %w", err)}
	}
	return certificate, nil
}

// pathOrPEM returns value itself when it is PEM text, else the contents of
// the file it names (a leading ~ is the home directory).
func pathOrPEM(value string) ([]byte, error) {
	if strings.Contains(value, "-----BEGIN") {
		return []byte(value), nil
	}
	data, err := ReadSettingFile(value)
	if err != nil {
		return nil, fmt.Errorf("it is neither PEM text (it has no -----BEGIN line) nor a file's path: %w", err)
	}
	return data, nil
}

// describePathOrPEM names a path-or-PEM value in an error without quoting
// it: PEM text may be a key, and so may a value that names no file.
func describePathOrPEM(value string) string {
	if strings.Contains(value, "-----BEGIN") {
		return "the PEM text given"
	}
	return "the file " + ExpandHome(value)
}

// isLoopback says whether host is this machine: localhost or a loopback IP.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
