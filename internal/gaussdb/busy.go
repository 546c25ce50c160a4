package gaussdb

import (
	"errors"
	"net/http"
	"slices"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// busyCodes are the service's codes, with 409, for an instance that is
// being operated (the official provider retries them all).
var busyCodes = []string{"DBS.200019", "DBS.201014", "DBS.201015", "DBS.200047", "DBS.05000084", "DBS.212033"}

// IsBusy says whether err is the API's "another operation is in progress".
func IsBusy(err error) bool {
	var apiErr *transport.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusConflict &&
		(slices.Contains(busyCodes, apiErr.Code) || apiErr.Code == "")
}
