package transport

import "fmt"

// OutcomeUnknownError is a request that changes something whose answer was
// lost (a dropped connection, a timeout, a 5xx): the API may or may not
// have acted on it, so it is not sent again.
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s: no answer could be read (%v), so it is not known whether the API acted on it; it was "+
		"not sent again, since that could act twice", e.Method, e.Path, e.Err)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }
