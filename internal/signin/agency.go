package signin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Agency is an agency to assume: in the account named DomainName (IAM v3)
// or with the id DomainID (STS v5, chosen by its presence).
type Agency struct {
	Name       string
	DomainName string
	DomainID   string
	// Duration is how long the credentials should last; zero leaves it to
	// the service.
	Duration time.Duration
}

// describe names the agency in an error.
func (a Agency) describe() string {
	if a.DomainID != "" {
		return fmt.Sprintf("agency %s of account %s (STS v5)", a.Name, a.DomainID)
	}
	return fmt.Sprintf("agency %s of account %s (IAM v3)", a.Name, a.DomainName)
}

// AssumedAgency is the temporary credentials of an agency, assumed by Base:
// the provider's credentials for the first hop of a chain (a signature, or a
// token, which STS v5 accepts), the hop before for the others.
type AssumedAgency struct {
	Agency Agency
	Base   transport.Authenticator
	// IAM and STS are the base URLs of the services.
	IAM, STS string
	Options  transport.Options
}

// Retrieve assumes the agency: POST /v3.0/OS-CREDENTIAL/securitytokens at
// IAM without a domain id, POST /v5/agencies/assume at STS with one.
func (a AssumedAgency) Retrieve(ctx context.Context) (Credentials, error) {
	if a.Agency.DomainID != "" {
		return a.assumeV5(ctx, a.Base)
	}
	return a.assumeV3(ctx, a.Base)
}

func (a AssumedAgency) assumeV3(ctx context.Context, auth transport.Authenticator) (Credentials, error) {
	assumeRole := map[string]any{"agency_name": a.Agency.Name, "domain_name": a.Agency.DomainName}
	if a.Agency.Duration > 0 {
		assumeRole["duration_seconds"] = int(a.Agency.Duration / time.Second)
	}
	body := map[string]any{"auth": map[string]any{"identity": map[string]any{
		"methods": []string{"assume_role"}, "assume_role": assumeRole,
	}}}
	var answer struct {
		Credential *temporaryCredential `json:"credential"`
	}
	if err := postJSON(ctx, a.IAM, auth, a.Options, "/v3.0/OS-CREDENTIAL/securitytokens", nil, body, &answer); err != nil {
		return Credentials{}, fmt.Errorf("assuming %s: %w", a.Agency.describe(), err)
	}
	if answer.Credential == nil {
		return Credentials{}, fmt.Errorf("assuming %s: IAM answered without a credential", a.Agency.describe())
	}
	return answer.Credential.credentials("IAM, assuming " + a.Agency.describe() + ",")
}

func (a AssumedAgency) assumeV5(ctx context.Context, auth transport.Authenticator) (Credentials, error) {
	body := map[string]any{
		"agency_session_name": a.Agency.Name,
		"agency_urn":          "iam::" + a.Agency.DomainID + ":agency:" + a.Agency.Name,
	}
	if a.Agency.Duration > 0 {
		body["duration_seconds"] = int(a.Agency.Duration / time.Second)
	}
	var answer struct {
		Credentials *struct {
			AccessKeyID     string `json:"access_key_id"`
			SecretAccessKey string `json:"secret_access_key"`
			SecurityToken   string `json:"security_token"`
			Expiration      string `json:"expiration"`
		} `json:"credentials"`
	}
	if err := postJSON(ctx, a.STS, auth, a.Options, "/v5/agencies/assume", nil, body, &answer); err != nil {
		return Credentials{}, fmt.Errorf("assuming %s: %w", a.Agency.describe(), err)
	}
	if answer.Credentials == nil {
		return Credentials{}, fmt.Errorf("assuming %s: STS answered without credentials", a.Agency.describe())
	}
	c := answer.Credentials
	return temporaryCredential{Access: c.AccessKeyID, Secret: c.SecretAccessKey, SecurityToken: c.SecurityToken,
		ExpiresAt: c.Expiration}.credentials("STS, assuming " + a.Agency.describe() + ",")
}

// postJSON posts body as JSON to base+path with auth (nil for none) and
// decodes a 2xx answer into out; it returns the answer's headers.
func postJSON(ctx context.Context, base string, auth transport.Authenticator, opts transport.Options, path string, header http.Header,
	body, out any,
) error {
	_, err := postJSONHeaders(ctx, base, auth, opts, path, header, body, out)
	return err
}

func postJSONHeaders(ctx context.Context, base string, auth transport.Authenticator, opts transport.Options, path string, header http.Header,
	body, out any,
) (http.Header, error) {
	// IAM and STS are reached at their scheme and host: the paths here are
	// the services' own.
	root, err := transport.BaseURL(base)
	if err != nil {
		return nil, err
	}
	service, err := transport.New(root, auth, opts)
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	if header == nil {
		header = http.Header{}
	}
	header.Set("Content-Type", "application/json;charset=UTF-8")
	return service.Call(ctx, http.MethodPost, path, nil, header, payload, out)
}
