package client

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"strings"
)

// tlsConfig verifies certificates against the system's CAs plus those of
// opts.CACertFile, unless opts.Insecure.
func tlsConfig(opts HTTPOptions) (*tls.Config, error) {
	config := &tls.Config{MinVersion: tls.VersionTLS12}
	if opts.Insecure {
		config.InsecureSkipVerify = true //nolint:gosec // the user asked for it with insecure = true
	}
	if opts.CACertFile == "" {
		return config, nil
	}
	pem, err := os.ReadFile(opts.CACertFile)
	if err != nil {
		return nil, fmt.Errorf("reading cacert_file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("cacert_file %s holds no PEM certificate", opts.CACertFile)
	}
	config.RootCAs = pool
	return config, nil
}

// isLoopback says whether host is this machine: localhost or a loopback IP.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
