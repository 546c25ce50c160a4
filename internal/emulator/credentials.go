package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Agency is an agency the account's callers may assume: named Name in the
// account named DomainName (IAM v3) or with the id DomainID (STS v5).
type Agency struct {
	Name       string
	DomainName string
	DomainID   string
	// Projects are the delegating account's projects, region -> id; the
	// agency's credentials read those and no others. Nil means the
	// caller's own account.
	Projects map[string]string
}

// Metadata configures the ECS metadata service, which hands out the
// credentials of the server's agency.
type Metadata struct {
	// RequireSessionToken answers only with a session token (from PUT
	// /meta-data/latest/api/token); without it, that call answers 404, as
	// older servers do.
	RequireSessionToken bool
	// NoAgency answers as a server without an agency.
	NoAgency bool
}

// defaultCredentialLifetime is how long issued credentials last when
// Options.CredentialLifetime does not say.
const defaultCredentialLifetime = time.Hour

// Durations the cloud grants: IAM's exchange of a token for temporary keys
// lasts 15 minutes unless a duration is asked; STS refuses more than an
// hour to a caller that holds temporary credentials itself.
const (
	defaultTokenExchange     = 15 * time.Minute
	maxWithTemporaryCaller   = time.Hour
	minDuration, maxDuration = 900, 86400
)

// issue creates temporary credentials for origin, valid only with their
// security token, only until they expire, and only for the projects of
// account (nil: the server's own). They last lifetime (0: an hour), unless
// Options.CredentialLifetime says otherwise.
func (s *Server) issue(origin string, account map[string]string, lifetime time.Duration) knownCredential {
	if s.opts.CredentialLifetime > 0 {
		lifetime = s.opts.CredentialLifetime
	}
	if lifetime <= 0 {
		lifetime = defaultCredentialLifetime
	}
	c := knownCredential{
		Credential: Credential{AccessKey: "TMP" + strings.ToUpper(randomHex(8)), SecretKey: randomHex(20), SecurityToken: "sts-" + randomHex(64)},
		expires:    s.now().Add(lifetime).UTC(),
		origin:     origin,
		account:    account,
	}
	s.mu.Lock()
	s.issued[c.AccessKey] = c
	s.issuedCount[origin]++
	s.mu.Unlock()
	return c
}

// ExpireIssued ends every temporary credential issued so far, as their
// expiry or a revocation would: the gateway refuses them from now on.
func (s *Server) ExpireIssued() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for key, c := range s.issued {
		c.expires = s.now()
		s.issued[key] = c
	}
}

// IssuedSecrets returns every secret the emulator handed out: temporary
// secret keys and security tokens, federated tokens and metadata session
// tokens, for tests that check none is ever logged.
func (s *Server) IssuedSecrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var secrets []string
	for _, c := range s.issued {
		secrets = append(secrets, c.SecretKey, c.SecurityToken)
	}
	for token := range s.federated {
		secrets = append(secrets, token)
	}
	for token := range s.sessions {
		secrets = append(secrets, token)
	}
	return secrets
}

// Issued returns how many credentials were issued for origin ("agency
// NAME", "oidc", "metadata").
func (s *Server) Issued(origin string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issuedCount[origin]
}

// SignedBy returns how many backups requests were signed by keys of origin
// ("key AK" for a configured key, or an origin of Issued).
func (s *Server) SignedBy(origin string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signedBy[origin]
}

// securityTokens answers POST /v3.0/OS-CREDENTIAL/securitytokens: an
// agency assumed by an authenticated caller, or a federated token
// exchanged for temporary credentials.
func (s *Server) securityTokens(w http.ResponseWriter, r *http.Request) {
	body := readBody(r)
	var request struct {
		Auth struct {
			Identity struct {
				Methods    []string `json:"methods"`
				AssumeRole struct {
					AgencyName string `json:"agency_name"`
					DomainName string `json:"domain_name"`
				} `json:"assume_role"`
				Token struct {
					ID              string `json:"id"`
					DurationSeconds int    `json:"duration_seconds"`
				} `json:"token"`
			} `json:"identity"`
		} `json:"auth"`
	}
	if json.Unmarshal(body, &request) != nil || len(request.Auth.Identity.Methods) != 1 {
		writeIAMError(w, r, http.StatusBadRequest, codeIAMBadRequest, msgInvalidParameter("auth"))
		return
	}
	identity := request.Auth.Identity
	var origin string
	var account map[string]string
	lifetime := time.Duration(0)
	switch identity.Methods[0] {
	case "assume_role":
		if who := s.authenticate(r, body); who.authFailed != nil {
			s.writeFailure(w, r, *who.authFailed)
			return
		}
		found, ok := s.agency(Agency{Name: identity.AssumeRole.AgencyName, DomainName: identity.AssumeRole.DomainName})
		if !ok {
			writeIAMError(w, r, http.StatusForbidden, codeIAMForbidden, msgNoSuchAgency())
			return
		}
		origin, account = "agency "+found.Name, found.Projects
	case "token":
		if !s.isFederated(identity.Token.ID) {
			writeIAMError(w, r, http.StatusUnauthorized, codeIAMAuthFailed, msgLoginFailed())
			return
		}
		origin, lifetime = "oidc", defaultTokenExchange
		if asked := identity.Token.DurationSeconds; asked != 0 {
			if asked < minDuration || asked > maxDuration {
				writeIAMError(w, r, http.StatusBadRequest, codeIAMBadRequest, msgInvalidParameter("duration_seconds"))
				return
			}
			lifetime = time.Duration(asked) * time.Second
		}
	default:
		writeIAMError(w, r, http.StatusBadRequest, codeIAMBadRequest, msgInvalidParameter("methods"))
		return
	}
	c := s.issue(origin, account, lifetime)
	writeJSON(w, http.StatusCreated, map[string]any{"credential": map[string]string{
		"access": c.AccessKey, "secret": c.SecretKey, "securitytoken": c.SecurityToken,
		"expires_at": c.expires.Format("2006-01-02T15:04:05.000000Z"),
	}})
}

// assumeAgency answers POST /v5/agencies/assume.
func (s *Server) assumeAgency(w http.ResponseWriter, r *http.Request) {
	body := readBody(r)
	if who := s.authenticate(r, body); who.authFailed != nil {
		s.writeFailure(w, r, *who.authFailed)
		return
	}
	var request struct {
		SessionName     string `json:"agency_session_name"`
		URN             string `json:"agency_urn"`
		DurationSeconds int    `json:"duration_seconds"`
	}
	_ = json.Unmarshal(body, &request)
	lifetime := time.Duration(request.DurationSeconds) * time.Second
	temporaryCaller := r.Header.Get("X-Security-Token") != ""
	if request.DurationSeconds != 0 && (request.DurationSeconds < minDuration || request.DurationSeconds > 43200 ||
		temporaryCaller && lifetime > maxWithTemporaryCaller) {
		s.writeError(w, r, http.StatusBadRequest, "STS.0105", untranslated("duration_seconds is out of range: at "+
			"most 3600 for a caller with temporary credentials, else 900 to 43200"))
		return
	}
	// iam::{domain id}:agency:{agency name}
	rest, _ := strings.CutPrefix(request.URN, "iam::")
	domainID, name, _ := strings.Cut(rest, ":agency:")
	found, ok := s.agency(Agency{Name: name, DomainID: domainID})
	if !ok || domainID == "" || len(request.SessionName) < 2 {
		s.writeError(w, r, http.StatusForbidden, codeIAMForbidden, msgNoSuchAgency())
		return
	}
	c := s.issue("agency "+name, found.Projects, lifetime)
	writeJSON(w, http.StatusOK, map[string]any{"credentials": map[string]string{
		"access_key_id": c.AccessKey, "secret_access_key": c.SecretKey, "security_token": c.SecurityToken,
		"expiration": c.expires.Format(time.RFC3339),
	}})
}

// idTokenTokens answers POST /v3.0/OS-AUTH/id-token/tokens: an id token of
// a known identity provider for a federated token.
func (s *Server) idTokenTokens(w http.ResponseWriter, r *http.Request) {
	var request struct {
		Auth struct {
			IDToken struct {
				ID string `json:"id"`
			} `json:"id_token"`
		} `json:"auth"`
	}
	_ = json.NewDecoder(r.Body).Decode(&request)
	want, ok := s.opts.IdentityProviders[r.Header.Get("X-Idp-Id")]
	if !ok || request.Auth.IDToken.ID == "" || request.Auth.IDToken.ID != want {
		writeIAMError(w, r, http.StatusUnauthorized, codeIAMAuthFailed, msgLoginFailed())
		return
	}
	token := newToken()
	s.mu.Lock()
	s.federated[token] = s.now().Add(15 * time.Minute)
	s.mu.Unlock()
	w.Header().Set("X-Subject-Token", token)
	writeJSON(w, http.StatusCreated, map[string]any{"token": map[string]any{
		"expires_at": s.now().Add(15 * time.Minute).UTC().Format("2006-01-02T15:04:05.000000Z"),
		"methods":    []string{"mapped"},
	}})
}

// metadataToken answers PUT /meta-data/latest/api/token.
func (s *Server) metadataToken(w http.ResponseWriter, _ *http.Request) {
	if s.opts.Metadata == nil || !s.opts.Metadata.RequireSessionToken {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	token := randomHex(16)
	s.mu.Lock()
	s.sessions[token] = true
	s.mu.Unlock()
	_, _ = w.Write([]byte(token))
}

// securityKey answers GET /openstack/latest/securitykey with the server's
// agency's credentials.
func (s *Server) securityKey(w http.ResponseWriter, r *http.Request) {
	m := s.opts.Metadata
	switch {
	case m == nil:
		w.WriteHeader(http.StatusNotFound)
		return
	case m.NoAgency:
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"message": "Please configure Cloud Service Agency first"}`))
		return
	}
	if m.RequireSessionToken {
		s.mu.Lock()
		valid := s.sessions[r.Header.Get("X-Metadata-Token")]
		s.mu.Unlock()
		if !valid {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	}
	c := s.issue("metadata", nil, 0)
	writeJSON(w, http.StatusOK, map[string]any{"credential": map[string]string{
		"access": c.AccessKey, "secret": c.SecretKey, "securitytoken": c.SecurityToken,
		"expires_at": c.expires.Format("2006-01-02T15:04:05.000000Z"),
	}})
}

// agency finds the configured agency that a request names.
func (s *Server) agency(a Agency) (Agency, bool) {
	for _, known := range s.opts.Agencies {
		if known.Name == a.Name && (a.DomainID != "" && known.DomainID == a.DomainID ||
			a.DomainID == "" && known.DomainName == a.DomainName) {
			return known, true
		}
	}
	return Agency{}, false
}

func (s *Server) isFederated(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	expires, ok := s.federated[token]
	return ok && s.now().Before(expires)
}

func randomHex(n int) string {
	raw := make([]byte, n)
	_, _ = rand.Read(raw)
	return hex.EncodeToString(raw)
}
