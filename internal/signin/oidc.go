package signin

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// federatedSeconds is how long the temporary keys of the federated token
// are asked to last: the official SDK's FederalAccessor asks as much.
const federatedSeconds = 21600

// OIDCCredentials exchange an OpenID Connect id token (e.g. from a CI
// system) for temporary credentials, as the official provider does: the id
// token for a federated token at IAM, that token for temporary AK/SK, and,
// with an agency, those for the agency's (STS v5).
type OIDCCredentials struct {
	// IdentityProvider is the IAM identity provider's id.
	IdentityProvider string
	// IDToken returns the id token; a token file is read again at each call.
	IDToken func() (string, error)
	// Agency, when its name is set, is assumed with the federated
	// credentials.
	Agency    Agency
	Algorithm SigningAlgorithm
	IAM, STS  string
	Options   transport.Options
}

// Retrieve runs the exchange.
func (o OIDCCredentials) Retrieve(ctx context.Context) (Credentials, error) {
	idToken, err := o.IDToken()
	if err != nil {
		return Credentials{}, err
	}
	body := map[string]any{"auth": map[string]any{"id_token": map[string]string{"id": idToken}}}
	header := http.Header{"X-Idp-Id": {o.IdentityProvider}}
	respHeader, err := postJSONHeaders(ctx, o.IAM, nil, o.Options, "/v3.0/OS-AUTH/id-token/tokens", header, body, &struct{}{})
	if err != nil {
		return Credentials{}, fmt.Errorf("exchanging the id token at identity provider %s: %w", o.IdentityProvider, err)
	}
	federated := respHeader.Get("X-Subject-Token")
	if federated == "" {
		return Credentials{}, errors.New("exchanging the id token: IAM answered without an X-Subject-Token header")
	}
	// Without a duration IAM grants 15 minutes; the SDK asks six hours.
	tokenBody := map[string]any{"auth": map[string]any{"identity": map[string]any{
		"methods": []string{"token"}, "token": map[string]any{"id": federated, "duration_seconds": federatedSeconds},
	}}}
	var answer struct {
		Credential *temporaryCredential `json:"credential"`
	}
	if err := postJSON(ctx, o.IAM, nil, o.Options, "/v3.0/OS-CREDENTIAL/securitytokens", nil, tokenBody, &answer); err != nil {
		return Credentials{}, fmt.Errorf("exchanging the federated token for temporary credentials: %w", err)
	}
	if answer.Credential == nil {
		return Credentials{}, errors.New("exchanging the federated token: IAM answered without a credential")
	}
	federatedCreds, err := answer.Credential.credentials("IAM, for the federated token,")
	if err != nil || o.Agency.Name == "" {
		return federatedCreds, err
	}
	base := CredentialsAuth{Source: StaticCredentials(federatedCreds), Algorithm: o.Algorithm}
	return AssumedAgency{Agency: o.Agency, Base: base, IAM: o.IAM, STS: o.STS, Options: o.Options}.Retrieve(ctx)
}
