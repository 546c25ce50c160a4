package transport

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// bufferingTransport reads each answer's body before the answer is handed
// on. go-retryablehttp retries what fails inside the transport, so a
// connection that drops halfway through a body, a body slower than the
// request timeout, or a 200 whose body is an error, is retried like a
// failure before the headers; a body read after the retry loop could only
// fail.
type bufferingTransport struct {
	base http.RoundTripper
	// limit caps a body, so that a misbehaving server cannot exhaust memory.
	limit int
	// secrets are redacted from an error body (see redactor).
	secrets []string
	// buffers are reused between answers: a body of unknown length is read
	// into one, and copied out at its size.
	buffers *sync.Pool
}

func newBufferingTransport(base http.RoundTripper, limit int, secrets []string) *bufferingTransport {
	return &bufferingTransport{base: base, limit: limit, secrets: secrets,
		buffers: &sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

// RoundTrip sends req and reads the whole answer.
func (t *bufferingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	buffer, ok := t.buffers.Get().(*bytes.Buffer)
	if !ok {
		buffer = new(bytes.Buffer)
	}
	defer t.buffers.Put(buffer)
	buffer.Reset()
	if resp.ContentLength > 0 && resp.ContentLength <= int64(t.limit) {
		buffer.Grow(int(resp.ContentLength) + bytes.MinRead)
	}
	_, err = buffer.ReadFrom(io.LimitReader(resp.Body, int64(t.limit)+1))
	_ = resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("reading the answer (HTTP %d) after %d bytes: %w", resp.StatusCode, buffer.Len(), err)
	}
	if buffer.Len() > t.limit {
		return nil, &answerTooLargeError{limit: t.limit}
	}
	body := bytes.Clone(buffer.Bytes())
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 && IsErrorBody(body) {
		// Some gateways answer 200 with {"error_code": ..., "error_msg":
		// ...}; read as a page it would be an empty list.
		return nil, newAPIError(resp, body, redactor(t.secrets, attemptLogOf(req.Context())))
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// readBody reads a body that bufferingTransport has read already: its
// length is known, so it is read into one allocation of that size.
func readBody(resp *http.Response) ([]byte, error) {
	if resp.ContentLength < 0 {
		return io.ReadAll(resp.Body)
	}
	body := make([]byte, resp.ContentLength)
	_, err := io.ReadFull(resp.Body, body)
	return body, err
}

// answerTooLargeError is a body over the limit: asking again would give
// the same, so it is not retried.
type answerTooLargeError struct {
	limit int
}

func (e *answerTooLargeError) Error() string {
	return fmt.Sprintf("the answer is larger than %d bytes", e.limit)
}
