package client

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
)

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

// busyCodes are the service's codes, with 409, for an instance that is
// being operated (the official provider retries them all).
var busyCodes = []string{"DBS.200019", "DBS.201014", "DBS.201015", "DBS.200047", "DBS.05000084", "DBS.212033"}

// IsBusy says whether err is the API's "another operation is in progress".
func IsBusy(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusConflict &&
		(slices.Contains(busyCodes, apiErr.Code) || apiErr.Code == "")
}
