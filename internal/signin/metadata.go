package signin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// DefaultMetadataEndpoint is the ECS metadata service, reachable from an
// ECS server only.
const DefaultMetadataEndpoint = "http://169.254.169.254"

// metadataTimeout bounds each metadata call, as the SDK does: off ECS the
// address does not answer, and the error must come quickly.
const metadataTimeout = 3 * time.Second

// noAgencySentence is how the metadata service says the server has no agency.
const noAgencySentence = "Please configure Cloud Service Agency first"

// MetadataCredentials are the temporary credentials of an ECS server's
// agency, from its metadata service, with the SDK's session-token
// handshake. It has an HTTP client of its own: no proxy, 3 s per call.
type MetadataCredentials struct {
	endpoint string
	http     *http.Client
}

// NewMetadataCredentials reads credentials from the metadata service at
// endpoint (a base URL; "" means DefaultMetadataEndpoint).
func NewMetadataCredentials(endpoint string) *MetadataCredentials {
	if endpoint == "" {
		endpoint = DefaultMetadataEndpoint
	}
	transport := &http.Transport{
		Proxy:       nil, // the metadata service is on the link, never behind a proxy
		DialContext: (&net.Dialer{Timeout: metadataTimeout}).DialContext,
	}
	return &MetadataCredentials{
		endpoint: strings.TrimRight(endpoint, "/"),
		http: &http.Client{Transport: transport, Timeout: metadataTimeout,
			// The service answers on the link itself: a redirect could only
			// carry the session token, or hand over credentials, elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
}

// Retrieve asks for a session token (older servers have none), then for the
// credentials; a 401 that is not about a missing agency gets a new session
// token and one more try.
func (m *MetadataCredentials) Retrieve(ctx context.Context) (Credentials, error) {
	session, err := m.sessionToken(ctx)
	if err != nil {
		return Credentials{}, err
	}
	creds, status, err := m.securityKey(ctx, session)
	if status == http.StatusUnauthorized && !errors.Is(err, errNoAgency) {
		if session, err = m.sessionToken(ctx); err != nil {
			return Credentials{}, err
		}
		creds, _, err = m.securityKey(ctx, session)
	}
	return creds, err
}

// errNoAgency is an ECS server without an agency: it has no credentials.
var errNoAgency = errors.New("this ECS server has no agency (" + noAgencySentence + ")")

// sessionToken asks for a session token; 404, 405 and 503 mean the server
// does not hand them out, and the credentials are asked for without one.
func (m *MetadataCredentials) sessionToken(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, m.endpoint+"/meta-data/latest/api/token", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("X-Metadata-Token-Ttl-Seconds", "21600")
	resp, err := m.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("asking the ECS metadata service at %s for a session token: %w", m.endpoint, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if err := refuseRedirect(resp); err != nil {
		return "", err
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	switch resp.StatusCode {
	case http.StatusOK:
		return strings.TrimSpace(string(body)), nil
	case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusServiceUnavailable:
		return "", nil
	}
	return "", fmt.Errorf("the ECS metadata service refused a session token: HTTP %d", resp.StatusCode)
}

// securityKey reads /openstack/latest/securitykey.
func (m *MetadataCredentials) securityKey(ctx context.Context, session string) (Credentials, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.endpoint+"/openstack/latest/securitykey", nil)
	if err != nil {
		return Credentials{}, 0, err
	}
	if session != "" {
		req.Header.Set("X-Metadata-Token", session)
	}
	resp, err := m.http.Do(req)
	if err != nil {
		return Credentials{}, 0, fmt.Errorf("reading credentials from the ECS metadata service at %s: %w", m.endpoint, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if err := refuseRedirect(resp); err != nil {
		return Credentials{}, resp.StatusCode, err
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if strings.Contains(string(body), noAgencySentence) {
		return Credentials{}, resp.StatusCode, errNoAgency
	}
	if resp.StatusCode >= 400 {
		return Credentials{}, resp.StatusCode, fmt.Errorf("the ECS metadata service answered HTTP %d: %s",
			resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var answer struct {
		Credential temporaryCredential `json:"credential"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return Credentials{}, resp.StatusCode, fmt.Errorf("reading the ECS metadata service's answer: %w", err)
	}
	creds, err := answer.Credential.credentials("the ECS metadata service")
	return creds, resp.StatusCode, err
}

// temporaryCredential is how IAM and the metadata service write temporary
// credentials; the SDK also accepts the second spelling of each field.
type temporaryCredential struct {
	Access          string `json:"access"`
	AccessKeyID     string `json:"accessKeyId"`
	Secret          string `json:"secret"`
	SecretAccessKey string `json:"secretAccessKey"`
	SecurityToken   string `json:"securitytoken"`
	SecurityToken2  string `json:"securityToken"`
	ExpiresAt       string `json:"expires_at"`
	Expiration      string `json:"expiration"`
}

// credentials checks that every field is there; from names the service.
func (c temporaryCredential) credentials(from string) (Credentials, error) {
	creds := Credentials{
		AccessKey:     firstNonEmpty(c.Access, c.AccessKeyID),
		SecretKey:     firstNonEmpty(c.Secret, c.SecretAccessKey),
		SecurityToken: firstNonEmpty(c.SecurityToken, c.SecurityToken2),
	}
	expires := firstNonEmpty(c.ExpiresAt, c.Expiration)
	if creds.AccessKey == "" || creds.SecretKey == "" || creds.SecurityToken == "" || expires == "" {
		return Credentials{}, fmt.Errorf("%s answered without access, secret, securitytoken or expires_at", from)
	}
	var err error
	if creds.Expires, err = time.Parse(time.RFC3339Nano, expires); err != nil {
		return Credentials{}, fmt.Errorf("%s answered an expiry %q that is not a time", from, expires)
	}
	return creds, nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// refuseRedirect makes an error of a redirect from the metadata service.
func refuseRedirect(resp *http.Response) error {
	if resp.StatusCode < 300 || resp.StatusCode > 399 || resp.StatusCode == http.StatusNotModified {
		return nil
	}
	return fmt.Errorf("the ECS metadata service answered HTTP %d, a redirect to %s, which the provider does not "+
		"follow: the service answers on the link itself", resp.StatusCode, resp.Header.Get("Location"))
}
