package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"time"
)

// Credential is an access key pair the emulator accepts. With a
// SecurityToken it is a temporary key, valid only with that token.
type Credential struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
}

// User is an IAM user that can log in with a password: by name within its
// account (named by Domain or DomainID), or by ID.
type User struct {
	Domain   string
	DomainID string
	Name     string
	ID       string
	Password string
}

// issuedToken is a token the emulator's IAM handed out: scoped to a
// project, or (domainScoped) to the user's account, which no service of a
// project accepts.
type issuedToken struct {
	projectID    string
	expiresAt    time.Time
	user         User
	domainScoped bool
}

// caller is who a request authenticated as: a token scoped to one project,
// or an access key that may call any project of the account.
type caller struct {
	projectID  string // "" for an access key: every project
	authFailed *apiFailure
	// signer says where the signing key came from (see SignedBy).
	signer string
	// account holds the projects of another account, for an agency's
	// credentials; nil is the server's own account.
	account map[string]string
}

// apiFailure is an error answer.
type apiFailure struct {
	status int
	code   string
	msg    message
}

// authenticate checks a request's token or signature as the gateway does.
func (s *Server) authenticate(r *http.Request, body []byte) caller {
	// The gateway answers every refusal with APIGW.0301; the message says why.
	denied := func(m message) caller {
		return caller{authFailed: &apiFailure{status: http.StatusUnauthorized, code: codeAuthFailed, msg: m}}
	}
	if token := r.Header.Get("X-Auth-Token"); token != "" {
		if s.opts.Token != "" && token == s.opts.Token {
			return caller{projectID: s.opts.ProjectID}
		}
		s.mu.Lock()
		issued, ok := s.tokens[token]
		s.mu.Unlock()
		switch {
		case !ok || !s.now().Before(issued.expiresAt):
			return denied(msgAuthFailed())
		case issued.domainScoped && r.URL.Path != "/v3/projects":
			// A token of the account, not of a project: IAM's own calls only.
			return denied(msgAuthFailed())
		case issued.domainScoped:
			return caller{}
		}
		return caller{projectID: issued.projectID}
	}
	auth, err := parseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return denied(msgAuthFailed())
	}
	credential, ok := s.credential(auth.accessKey)
	if !ok {
		return denied(msgAuthFailed())
	}
	if !credential.expires.IsZero() && !s.now().Before(credential.expires) {
		return denied(msgTokenExpired())
	}
	if err := checkSdkDate(r.Header.Get("X-Sdk-Date"), s.now()); err != nil {
		return denied(msgSignatureExpired())
	}
	if credential.SecurityToken != "" && r.Header.Get("X-Security-Token") != credential.SecurityToken {
		return denied(msgAuthFailed())
	}
	// The gateway accepts the security token whether or not the signature
	// covers it (the SDK signs it).
	if err := verifySignature(r, auth, credential.SecretKey, body); err != nil {
		return denied(msgAuthFailed())
	}
	return caller{signer: credential.origin, account: credential.account}
}

// mayRead says whether the caller may read the project.
func (c caller) mayRead(projectID string) bool {
	return c.projectID == "" || c.projectID == projectID
}

func (s *Server) credential(accessKey string) (knownCredential, bool) {
	for _, c := range s.opts.Credentials {
		if c.AccessKey == accessKey {
			return knownCredential{Credential: c, origin: "key " + c.AccessKey}, true
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	issued, ok := s.issued[accessKey]
	return issued, ok
}

// knownCredential is a key pair the gateway accepts: configured, or issued
// by the emulator's IAM, STS or metadata service until it expires.
type knownCredential struct {
	Credential
	expires time.Time
	origin  string
	account map[string]string
}

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// readBody reads a request body for signature checks; requests are small.
func readBody(r *http.Request) []byte {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	return body
}

// newToken returns a long random token, as IAM's are several kilobytes.
func newToken() string {
	raw := make([]byte, 512)
	_, _ = rand.Read(raw)
	return "MII" + hex.EncodeToString(raw)
}
