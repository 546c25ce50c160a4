package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
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
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

// newAPIError builds an APIError from an answer and its already-read body.
func newAPIError(resp *http.Response, body []byte) *APIError {
	apiErr := &APIError{StatusCode: resp.StatusCode}
	// The gateway names each request in one of these; support staff ask for it.
	for _, name := range []string{"X-Request-Id", "X-Openstack-Request-Id"} {
		if id := resp.Header.Get(name); id != "" {
			apiErr.RequestID = id
			break
		}
	}
	if code, message, requestID, ok := errorShape(body); ok {
		apiErr.Code, apiErr.Message = code, message
		if apiErr.RequestID == "" {
			apiErr.RequestID = requestID
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

// errorShape reads an error body in any of the shapes the cloud's services
// use: error_code/error_msg (GaussDB, the gateway), code/message, or both
// nested under "error" (IAM); a request_id in the body stands in for a
// missing header.
func errorShape(body []byte) (code, message, requestID string, ok bool) {
	type fields struct {
		ErrorCode string `json:"error_code"`
		ErrorMsg  string `json:"error_msg"`
		Code      any    `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id"`
	}
	var shape struct {
		fields
		Error *fields `json:"error"`
	}
	if json.Unmarshal(body, &shape) != nil {
		return "", "", "", false
	}
	for _, f := range []*fields{&shape.fields, shape.Error} {
		if f == nil {
			continue
		}
		code, message = f.ErrorCode, f.ErrorMsg
		if code == "" && f.Code != nil {
			code = fmt.Sprint(f.Code)
		}
		if message == "" {
			message = f.Message
		}
		if requestID == "" {
			requestID = f.RequestID
		}
		if code != "" || message != "" {
			return code, message, requestID, true
		}
	}
	return "", "", "", false
}
