package transport

import (
	"net/http"
	"strings"
	"testing"
)

func TestRedactedHeadersHideCredentials(t *testing.T) {
	header := http.Header{
		"X-Auth-Token":     {"tok-secret"},
		"X-Subject-Token":  {"subject-secret"},
		"X-Security-Token": {"sts-secret"},
		"Authorization":    {"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=sig-secret"},
		"X-Project-Id":     {"project-1"},
	}
	got := redactedHeaders(header)
	for _, secret := range []string{"tok-secret", "subject-secret", "sts-secret", "sig-secret"} {
		if strings.Contains(got, secret) {
			t.Errorf("%q shows in %q", secret, got)
		}
	}
	if !strings.Contains(got, "X-Project-Id: project-1") {
		t.Errorf("harmless headers are hidden too: %q", got)
	}
}
