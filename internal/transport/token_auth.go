package transport

import (
	"context"
	"net/http"
)

// TokenAuth authenticates with an IAM token sent as X-Auth-Token.
type TokenAuth struct {
	Token string
}

// Authenticate sets the X-Auth-Token header.
func (a TokenAuth) Authenticate(_ context.Context, req *http.Request) error {
	req.Header.Set("X-Auth-Token", a.Token)
	return nil
}
