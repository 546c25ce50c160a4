package transport

import (
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// loggingTransport logs each attempt at DEBUG: method, URL, status and
// duration, and the headers with credentials redacted. Bodies are never
// logged: a login body holds a password.
type loggingTransport struct {
	base http.RoundTripper
}

// RoundTrip sends req and logs it and its answer.
func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	fields := map[string]any{
		"method":          req.Method,
		"url":             req.URL.Redacted(),
		"request_headers": redactedHeaders(req.Header),
		"duration":        time.Since(start).Round(time.Millisecond).String(),
	}
	if err != nil {
		fields["error"] = err.Error()
	} else {
		fields["status"] = resp.StatusCode
		fields["response_headers"] = redactedHeaders(resp.Header)
	}
	tflog.Debug(req.Context(), "GaussDB API request", fields)
	return resp, err
}

// redactedHeaders writes headers one per line, with the values of those that
// carry credentials replaced.
func redactedHeaders(header http.Header) string {
	var b strings.Builder
	for name, values := range header {
		value := strings.Join(values, ", ")
		switch strings.ToLower(name) {
		case "x-auth-token", "x-subject-token", "x-security-token", "authorization", "cookie", "set-cookie":
			value = "(redacted)"
		}
		b.WriteString(name + ": " + value + "\n")
	}
	return b.String()
}
