package client

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// bufferingTransport reads each answer's body before the answer is handed
// on. go-retryablehttp retries what fails inside the transport, so a
// connection that drops halfway through a body, or a body slower than the
// request timeout, is retried like a failure before the headers; a body
// read after the retry loop could only fail.
type bufferingTransport struct {
	base http.RoundTripper
	// limit caps a body, so that a misbehaving server cannot exhaust memory.
	limit int
}

// RoundTrip sends req and reads the whole answer.
func (t *bufferingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, int64(t.limit)+1))
	_ = resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("reading the answer (HTTP %d) after %d bytes: %w", resp.StatusCode, len(body), err)
	}
	if len(body) > t.limit {
		return nil, &answerTooLargeError{limit: t.limit}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// answerTooLargeError is a body over the limit: asking again would give
// the same, so it is not retried.
type answerTooLargeError struct {
	limit int
}

func (e *answerTooLargeError) Error() string {
	return fmt.Sprintf("the answer is larger than %d bytes", e.limit)
}
