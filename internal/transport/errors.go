package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// maxErrorBodyInMessage bounds how much of an unparsable error body is quoted.
const maxErrorBodyInMessage = 512

// APIError is a non-2xx answer from the API.
type APIError struct {
	// StatusCode is the HTTP status, e.g. 401.
	StatusCode int
	// Code is the API's error_code, e.g. APIGW.0301 or DBS.200001.
	Code string
	// Message is the API's error_msg.
	Message string
	// RequestID is the gateway's request id, when the answer carried one.
	RequestID string
	// Body holds the start of the body when it was not the API's error shape.
	Body string
	// EncodedAuthorizationMessage is what an identity policy's denial
	// carries: decoded by IAM, it names the permission that was missing.
	EncodedAuthorizationMessage string
	// Attempts is how many times the request was sent, over Elapsed: more
	// than one when the answer was retried (429, 5xx) until retries ran out.
	Attempts int
	Elapsed  time.Duration
}

// Error describes the failure the way a user reading a Terraform diagnostic
// needs it: status, code, message and request id. What to check after a 401
// depends on the credentials, which the provider knows and adds.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, ", error_code %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Code == "" && e.Message == "" && e.Body != "" {
		fmt.Fprintf(&b, ": %s", e.Body)
	}
	if e.EncodedAuthorizationMessage != "" {
		fmt.Fprintf(&b, "; encoded authorization message: %s", e.EncodedAuthorizationMessage)
	}
	var notes []string
	if e.RequestID != "" {
		notes = append(notes, "request id "+e.RequestID)
	}
	if e.Attempts > 1 {
		notes = append(notes, fmt.Sprintf("the same answer after %d attempts over %s", e.Attempts,
			e.Elapsed.Round(100*time.Millisecond)))
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, "; "))
	}
	return b.String()
}

// newAPIError builds an APIError from an answer and its already-read body,
// with redact applied to everything the server wrote.
func newAPIError(resp *http.Response, body []byte, redact func(string) string) *APIError {
	body = []byte(redact(string(body)))
	apiErr := &APIError{StatusCode: resp.StatusCode}
	// The gateway names each request in one of these; support staff ask for it.
	for _, name := range []string{"X-Request-Id", "X-Openstack-Request-Id"} {
		if id := resp.Header.Get(name); id != "" {
			apiErr.RequestID = id
			break
		}
	}
	if shape, ok := errorShape(body); ok {
		apiErr.Code, apiErr.Message = shape.code, shape.message
		apiErr.EncodedAuthorizationMessage = shape.encodedAuthorization
		if apiErr.RequestID == "" {
			apiErr.RequestID = shape.requestID
		}
		return apiErr
	}
	text := strings.TrimSpace(string(body))
	if len(text) > maxErrorBodyInMessage {
		text = text[:maxErrorBodyInMessage] + "..."
	}
	apiErr.Body = text
	return apiErr
}

// errorFields are what an error body of the cloud's services holds.
type errorFields struct {
	code, message, requestID, encodedAuthorization string
}

// errorShape reads an error body in any of the shapes the cloud's services
// use: error_code/error_msg (GaussDB, the gateway), code/message, or both
// nested under "error" (IAM); a request_id in the body stands in for a
// missing header, and encoded_authorization_message comes with a denial.
func errorShape(body []byte) (errorFields, bool) {
	type fields struct {
		ErrorCode            string `json:"error_code"`
		ErrorMsg             string `json:"error_msg"`
		Code                 any    `json:"code"`
		Message              string `json:"message"`
		RequestID            string `json:"request_id"`
		EncodedAuthorization string `json:"encoded_authorization_message"`
	}
	var shape struct {
		fields
		Error *fields `json:"error"`
	}
	if json.Unmarshal(body, &shape) != nil {
		return errorFields{}, false
	}
	var found errorFields
	for _, f := range []*fields{&shape.fields, shape.Error} {
		if f == nil {
			continue
		}
		found.code, found.message = f.ErrorCode, f.ErrorMsg
		if found.code == "" && f.Code != nil {
			found.code = fmt.Sprint(f.Code)
		}
		if found.message == "" {
			found.message = f.Message
		}
		if found.requestID == "" {
			found.requestID = f.RequestID
		}
		if found.encodedAuthorization == "" {
			found.encodedAuthorization = f.EncodedAuthorization
		}
		if found.code != "" || found.message != "" {
			return found, true
		}
	}
	return errorFields{}, false
}

// errorOnlyKeys are the fields of an error body.
var errorOnlyKeys = map[string]bool{
	"error_code": true, "error_msg": true, "code": true, "message": true, "error": true,
	"request_id": true, "encoded_authorization_message": true,
}

// IsErrorBody says whether a 2xx body is an error in disguise: an object
// of error fields and nothing else. Some gateways answer 200 with
// {"error_code": ..., "error_msg": ...}, which read as a page would be an
// empty list.
func IsErrorBody(body []byte) bool {
	// Every page is checked: one that names no error field is not parsed
	// a second time.
	if !bytes.Contains(body, []byte(`"error`)) && !bytes.Contains(body, []byte(`"code"`)) {
		return false
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil || len(fields) == 0 {
		return false
	}
	for key := range fields {
		if !errorOnlyKeys[key] {
			return false
		}
	}
	_, ok := errorShape(body)
	return ok
}

// redactor returns a function that replaces, in what a server wrote, every
// secret the request carried and every configured one.
func redactor(configured []string, log *attemptLog) func(string) string {
	secrets := append([]string(nil), configured...)
	if log != nil {
		secrets = append(secrets, log.sentSecrets()...)
	}
	return func(text string) string {
		for _, secret := range secrets {
			// Very short values would redact ordinary words.
			if len(secret) >= 6 {
				text = strings.ReplaceAll(text, secret, "(redacted)")
			}
		}
		return text
	}
}
