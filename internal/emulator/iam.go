package emulator

import (
	"encoding/json"
	"net/http"
	"sort"
	"time"
)

// tokenLifetime is how long an IAM token is valid, as in the cloud.
const tokenLifetime = 24 * time.Hour

// passwordLogin is the body of POST /v3/auth/tokens.
type passwordLogin struct {
	Auth struct {
		Identity struct {
			Methods  []string `json:"methods"`
			Password struct {
				User struct {
					Name     string `json:"name"`
					Password string `json:"password"`
					Domain   struct {
						Name string `json:"name"`
					} `json:"domain"`
				} `json:"user"`
			} `json:"password"`
		} `json:"identity"`
		Scope struct {
			Project struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"project"`
		} `json:"scope"`
	} `json:"auth"`
}

// login answers POST /v3/auth/tokens with a token in X-Subject-Token.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	s.logins.Add(1)
	var body passwordLogin
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeIAMError(w, r, http.StatusBadRequest, codeIAMBadRequest, msgInvalidParameter("auth"))
		return
	}
	user := body.Auth.Identity.Password.User
	if !s.knowsUser(User{Domain: user.Domain.Name, Name: user.Name, Password: user.Password}) {
		writeIAMError(w, r, http.StatusUnauthorized, codeIAMAuthFailed, msgLoginFailed())
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
	s.tokens[token] = issuedToken{projectID: projectID, expiresAt: expiresAt}
	s.mu.Unlock()
	w.Header().Set("X-Subject-Token", token)
	writeJSON(w, http.StatusCreated, map[string]any{"token": map[string]any{
		"expires_at": expiresAt.Format("2006-01-02T15:04:05.000000Z"),
		"issued_at":  s.now().UTC().Format("2006-01-02T15:04:05.000000Z"),
		"methods":    []string{"password"},
		"project":    map[string]any{"id": projectID, "name": projectName},
		"user":       map[string]any{"name": user.Name, "domain": map[string]any{"name": user.Domain.Name}},
	}})
}

// listProjects answers GET /v3/projects?name=REGION for signed or token
// callers.
func (s *Server) listProjects(w http.ResponseWriter, r *http.Request) {
	s.projectLookups.Add(1)
	if who := s.authenticate(r, readBody(r)); who.authFailed != nil {
		s.writeFailure(w, r, *who.authFailed)
		return
	}
	name := r.URL.Query().Get("name")
	projectByRegion := s.projects()
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

func (s *Server) knowsUser(u User) bool {
	for _, known := range s.opts.Users {
		if known == u {
			return true
		}
	}
	return false
}

// projects maps each region the account has a project in to its id.
func (s *Server) projects() map[string]string {
	projects := map[string]string{s.region(): s.opts.ProjectID}
	for region, id := range s.opts.Projects {
		projects[region] = id
	}
	return projects
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
