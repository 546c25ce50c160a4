package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"time"
)

// tokenLifetime is how long an IAM token is valid, as in the cloud.
const tokenLifetime = 24 * time.Hour

// tokenRequest is the body of POST /v3/auth/tokens: a password login (the
// user by name within an account named by name or id, or by id alone), or a
// token exchanged for one scoped to another project.
type tokenRequest struct {
	Auth struct {
		Identity struct {
			Methods  []string `json:"methods"`
			Password struct {
				User struct {
					ID       string `json:"id"`
					Name     string `json:"name"`
					Password string `json:"password"`
					Domain   struct {
						ID   string `json:"id"`
						Name string `json:"name"`
					} `json:"domain"`
				} `json:"user"`
			} `json:"password"`
			Token struct {
				ID string `json:"id"`
			} `json:"token"`
		} `json:"identity"`
		Scope struct {
			Project struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"project"`
			Domain struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"domain"`
		} `json:"scope"`
	} `json:"auth"`
}

// login answers POST /v3/auth/tokens with a token in X-Subject-Token.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	s.logins.Add(1)
	var body tokenRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeIAMError(w, r, http.StatusBadRequest, codeIAMBadRequest, msgInvalidParameter("auth"))
		return
	}
	identity := body.Auth.Identity
	var method string
	var user User
	switch {
	case slices.Equal(identity.Methods, []string{"password"}):
		var ok bool
		user, ok = s.userWithPassword(identity.Password.User.ID, identity.Password.User.Name,
			identity.Password.User.Domain.Name, identity.Password.User.Domain.ID, identity.Password.User.Password)
		if !ok {
			writeIAMError(w, r, http.StatusUnauthorized, codeIAMAuthFailed, msgLoginFailed())
			return
		}
		method = "password"
	case slices.Equal(identity.Methods, []string{"token"}) && s.validToken(identity.Token.ID):
		method = "token"
		user = s.tokenUser(identity.Token.ID)
	default:
		writeIAMError(w, r, http.StatusUnauthorized, codeIAMAuthFailed, msgLoginFailed())
		return
	}
	if domain := body.Auth.Scope.Domain; domain.ID != "" || domain.Name != "" {
		s.loginToDomain(w, r, method, user, domain.ID, domain.Name)
		return
	}
	scope := body.Auth.Scope.Project
	projectID, projectName := scope.ID, scope.Name
	if projectID == "" {
		projectID = s.projects()[projectName]
	} else {
		projectName = s.regionOf(projectID)
	}
	if projectID == "" || projectName == "" {
		writeIAMError(w, r, http.StatusBadRequest, codeIAMBadRequest, msgNoSuchProject())
		return
	}

	token, expiresAt := newToken(), s.now().Add(tokenLifetime).UTC()
	s.mu.Lock()
	s.tokens[token] = issuedToken{projectID: projectID, expiresAt: expiresAt, user: user}
	s.mu.Unlock()
	w.Header().Set("X-Subject-Token", token)
	writeJSON(w, http.StatusCreated, map[string]any{"token": map[string]any{
		"expires_at": expiresAt.Format("2006-01-02T15:04:05.000000Z"),
		"issued_at":  s.now().UTC().Format("2006-01-02T15:04:05.000000Z"),
		"methods":    []string{method},
		"project":    map[string]any{"id": projectID, "name": projectName},
	}})
}

// validToken says whether token is the static token or one IAM issued and
// still valid: the token method exchanges it.
func (s *Server) validToken(token string) bool {
	if token == "" {
		return false
	}
	if s.opts.Token != "" && token == s.opts.Token {
		return true
	}
	s.mu.Lock()
	issued, ok := s.tokens[token]
	s.mu.Unlock()
	return ok && s.now().Before(issued.expiresAt)
}

// listProjects answers GET /v3/projects?name=REGION for signed or token
// callers.
func (s *Server) listProjects(w http.ResponseWriter, r *http.Request) {
	s.projectLookups.Add(1)
	who := s.authenticate(r, readBody(r))
	if who.authFailed != nil {
		s.writeFailure(w, r, *who.authFailed)
		return
	}
	name := r.URL.Query().Get("name")
	projectByRegion := s.projectsOf(who)
	var regions []string
	for region := range projectByRegion {
		if name == "" || region == name {
			regions = append(regions, region)
		}
	}
	sort.Strings(regions)
	projects := make([]map[string]any, 0, len(regions))
	for _, region := range regions {
		projects = append(projects, map[string]any{
			"id": projectByRegion[region], "name": region, "domain_id": "emulatordomain", "enabled": true,
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"projects": projects, "links": map[string]any{"self": r.URL.String()}})
}

// knowsPassword says whether a user, named by id, or by name within an
// account named by name or id, has this password.
func (s *Server) userWithPassword(id, name, domain, domainID, password string) (User, bool) {
	for _, u := range s.opts.Users {
		var sameUser bool
		switch {
		case id != "":
			sameUser = id == u.ID && name == "" && domain == "" && domainID == ""
		case domainID != "":
			sameUser = name == u.Name && domainID == u.DomainID && domain == ""
		default:
			sameUser = name == u.Name && domain == u.Domain
		}
		if sameUser && u.Password == password && password != "" {
			return u, true
		}
	}
	return User{}, false
}

// tokenUser is the user a token was issued to; the static token's is the
// first user's account, or none.
func (s *Server) tokenUser(token string) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if issued, ok := s.tokens[token]; ok {
		return issued.user
	}
	if len(s.opts.Users) > 0 {
		return User{Domain: s.opts.Users[0].Domain, DomainID: s.opts.Users[0].DomainID}
	}
	return User{}
}

// loginToDomain answers a login scoped to the user's account: a token that
// IAM accepts (for /v3/projects and /v3/auth/domains) but that no service
// of a project does, as in the cloud.
func (s *Server) loginToDomain(w http.ResponseWriter, r *http.Request, method string, user User, id, name string) {
	if id != "" && id != user.DomainID || name != "" && name != user.Domain {
		writeIAMError(w, r, http.StatusUnauthorized, codeIAMAuthFailed, msgLoginFailed())
		return
	}
	token, expiresAt := newToken(), s.now().Add(tokenLifetime).UTC()
	s.mu.Lock()
	s.tokens[token] = issuedToken{expiresAt: expiresAt, user: user, domainScoped: true}
	s.mu.Unlock()
	w.Header().Set("X-Subject-Token", token)
	writeJSON(w, http.StatusCreated, map[string]any{"token": map[string]any{
		"expires_at": expiresAt.Format("2006-01-02T15:04:05.000000Z"),
		"methods":    []string{method},
		"domain":     map[string]any{"id": user.DomainID, "name": user.Domain},
	}})
}

// listDomains answers GET /v3/auth/domains: the account of the token.
func (s *Server) listDomains(w http.ResponseWriter, r *http.Request) {
	token := r.Header.Get("X-Auth-Token")
	if !s.validToken(token) {
		writeIAMError(w, r, http.StatusUnauthorized, codeIAMAuthFailed, msgLoginFailed())
		return
	}
	user := s.tokenUser(token)
	writeJSON(w, http.StatusOK, map[string]any{"domains": []map[string]any{
		{"id": user.DomainID, "name": user.Domain, "enabled": true},
	}})
}

// projects maps each region the account has a project in to its id.
func (s *Server) projects() map[string]string {
	projects := map[string]string{s.region(): s.opts.ProjectID}
	for region, id := range s.opts.Projects {
		projects[region] = id
	}
	return projects
}

// projectsOf is the projects a caller's account has, region -> id.
func (s *Server) projectsOf(who caller) map[string]string {
	if who.account != nil {
		return who.account
	}
	return s.projects()
}

func (s *Server) region() string {
	if s.opts.Region != "" {
		return s.opts.Region
	}
	return "cn-north-4"
}

func (s *Server) regionOf(projectID string) string {
	for region, id := range s.projects() {
		if id == projectID {
			return region
		}
	}
	return ""
}

// writeIAMError writes an error as IAM does: nested under "error", with
// code and message.
func writeIAMError(w http.ResponseWriter, r *http.Request, status int, code string, msg message) {
	writeJSON(w, status, map[string]any{"error": map[string]string{
		"code": code, "message": msg.in(language(r)), "title": http.StatusText(status),
	}})
}
