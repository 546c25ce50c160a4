package emulator

import (
	"cmp"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server.
type Options struct {
	// Token is an X-Auth-Token accepted for ProjectID, besides the tokens
	// that the emulator's IAM issues.
	Token string
	// ProjectID is the project of Region.
	ProjectID string
	// Region is the region of ProjectID; "" means cn-north-4.
	Region string
	// Projects adds projects in other regions: region name -> project id.
	// Each serves the same backups.
	Projects map[string]string
	// Credentials are the access keys accepted for signed requests.
	Credentials []Credential
	// Users may log in to the emulator's IAM with a password.
	Users []User
	// Now is the gateway's clock; nil means time.Now.
	Now func() time.Time
	// Backups are the backups served, in any order.
	Backups []Backup
	// IncrementalBackups are the logs served, in any order; the restore
	// window is derived from them and the restorable full backups.
	IncrementalBackups []IncrementalBackup
	// LogRetention is how long logs are kept, counted back from the end of
	// each instance's newest log; zero means a week.
	LogRetention time.Duration
	// Latency delays every answer.
	Latency time.Duration
	// Quirks switches on answers that older or other deployments give.
	Quirks Quirks
	// Readings answer the questions the API's pages leave open.
	Readings Readings
	// Agencies may be assumed by the account's callers (IAM v3, STS v5).
	Agencies []Agency
	// IdentityProviders accept one id token each: IdP id -> id token.
	IdentityProviders map[string]string
	// Metadata serves the ECS metadata service; nil serves none.
	Metadata *Metadata
	// CredentialLifetime is how long issued temporary credentials last;
	// zero means an hour.
	CredentialLifetime time.Duration
	// Faults switches on misbehaviours.
	Faults Faults
	// Operations shapes manual backups, deletions and restores.
	Operations Operations
}

// Server serves the API. Create it with New; it is an http.Handler.
type Server struct {
	opts        Options
	mux         *http.ServeMux
	requests    atomic.Int64
	backupCalls atomic.Int64
	// incrementalCalls and restoreTimeCalls count the requests of those
	// APIs; their faults count them.
	incrementalCalls atomic.Int64
	restoreTimeCalls atomic.Int64
	logins           atomic.Int64
	projectLookups   atomic.Int64

	mu      sync.Mutex
	backups []Backup // newest first by begin_time, ties by id
	// incrementals are the logs, newest first by begin_time, ties by id.
	incrementals []IncrementalBackup
	grownLogs    int
	// jobs, restores and the rest track Operations.
	jobs            []*job
	jobCount        int
	manualCount     int
	backupsCreated  int
	conflictsServed int
	deleting        map[string]bool
	restores        []Restore
	tokens          map[string]issuedToken
	// failedPages, grown and counts track Faults.
	failedPages map[string]bool
	grown       int
	counts      map[string]int
	// issued, federated and sessions are the temporary credentials,
	// federated tokens and metadata session tokens handed out.
	issued      map[string]knownCredential
	issuedCount map[string]int
	signedBy    map[string]int
	federated   map[string]time.Time
	sessions    map[string]bool
}

// New returns a Server for opts.
func New(opts Options) *Server {
	s := &Server{
		opts: opts, mux: http.NewServeMux(), tokens: map[string]issuedToken{}, failedPages: map[string]bool{},
		counts: map[string]int{}, deleting: map[string]bool{},
		issued: map[string]knownCredential{}, issuedCount: map[string]int{}, signedBy: map[string]int{},
		federated: map[string]time.Time{}, sessions: map[string]bool{},
	}
	for _, b := range opts.Backups {
		s.AddBackup(b)
	}
	for _, b := range opts.IncrementalBackups {
		s.AddIncrementalBackup(b)
	}
	// The newer documentation also lists the API under /mysql.
	s.mux.HandleFunc("GET /v3/{project_id}/backups", s.listBackups)
	s.mux.HandleFunc("GET /mysql/v3/{project_id}/backups", s.listBackups)
	s.mux.HandleFunc("GET /v3/{project_id}/instances/{instance_id}/incremental-backups", s.listIncrementalBackups)
	s.mux.HandleFunc("GET /v3/{project_id}/instances/{instance_id}/restore-time", s.restoreTime)
	s.mux.HandleFunc("POST /v3/{project_id}/backups/create", s.createBackup)
	s.mux.HandleFunc("DELETE /v3/{project_id}/backups/{backup_id}", s.deleteBackup)
	s.mux.HandleFunc("POST /v3/{project_id}/instances/restore", s.restore)
	s.mux.HandleFunc("GET /v3/{project_id}/jobs", s.getJob)
	s.mux.HandleFunc("GET /v3/{project_id}/immediate-jobs", s.listImmediateJobs)
	// IAM, which the provider reaches at {url}/v3.
	s.mux.HandleFunc("POST /v3/auth/tokens", s.login)
	s.mux.HandleFunc("GET /v3/projects", s.listProjects)
	s.mux.HandleFunc("GET /v3/auth/domains", s.listDomains)
	s.mux.HandleFunc("POST /v3.0/OS-CREDENTIAL/securitytokens", s.securityTokens)
	s.mux.HandleFunc("POST /v3.0/OS-AUTH/id-token/tokens", s.idTokenTokens)
	// STS.
	s.mux.HandleFunc("POST /v5/agencies/assume", s.assumeAgency)
	// The ECS metadata service.
	s.mux.HandleFunc("PUT /meta-data/latest/api/token", s.metadataToken)
	s.mux.HandleFunc("GET /openstack/latest/securitykey", s.securityKey)
	// For benchmarks: how many backups requests were answered.
	s.mux.HandleFunc("GET /emulator/stats", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]int64{"backup_requests": s.BackupRequests()})
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, http.StatusNotFound, codeNoSuchAPI, msgNoSuchAPI())
	})
	return s
}

// AddBackup adds a backup, as the cloud does when a backup starts.
func (s *Server) AddBackup(b Backup) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.insertBackup(b)
}

// DeleteBackup removes a backup, as the cloud does when one expires or is
// deleted, and says whether it was there.
func (s *Server) DeleteBackup(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.backups, func(b Backup) bool { return b.ID == id })
	if i < 0 {
		return false
	}
	s.backups = slices.Delete(s.backups, i, i+1)
	return true
}

// HasBackup says whether the server holds a backup.
func (s *Server) HasBackup(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.ContainsFunc(s.backups, func(b Backup) bool { return b.ID == id })
}

// BackupRequests returns how many authenticated backups requests the server
// has answered, faults included.
func (s *Server) BackupRequests() int64 {
	return s.backupCalls.Load()
}

// Requests returns how many requests the server has answered, IAM's included.
func (s *Server) Requests() int64 {
	return s.requests.Load()
}

// Logins returns how many password logins IAM has answered.
func (s *Server) Logins() int64 {
	return s.logins.Load()
}

// ProjectLookups returns how many project look-ups IAM has answered.
func (s *Server) ProjectLookups() int64 {
	return s.projectLookups.Load()
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if s.opts.Latency > 0 {
		select {
		case <-time.After(s.opts.Latency):
		case <-r.Context().Done():
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// listBackups answers GET /v3/{project_id}/backups.
func (s *Server) listBackups(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	n := s.backupCalls.Add(1)
	s.growEvery(n)
	deleteNearFront(s, &s.backups, n)
	if s.injectFault(w, r, n) {
		return
	}
	q, problem := parseListQuery(r.URL.Query(), s.opts.Quirks, s.now())
	q.readings = s.opts.Readings
	if problem != nil {
		if s.opts.Quirks.GenericParameterError {
			generic := msgParameterError()
			problem = &generic
		}
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, *problem)
		return
	}

	var keep func(Backup) bool
	if q.filters() {
		keep = q.matches
	}
	serveList(s, w, r, n, &s.backups, keep, q.offset, q.limit, false)
	s.growAfterFirstPage(q.offset)
}

// admit authenticates a request of the project in its path, as the
// gateway does, and answers it when it is refused.
func (s *Server) admit(w http.ResponseWriter, r *http.Request) bool {
	_, ok := s.admitWithBody(w, r)
	return ok
}

// admitWithBody is admit for a request with a body, which it returns.
func (s *Server) admitWithBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body := readBody(r)
	who := s.authenticate(r, body)
	if who.authFailed != nil {
		s.writeFailure(w, r, *who.authFailed)
		return nil, false
	}
	project := r.PathValue("project_id")
	if !who.mayRead(project) || !slices.Contains(slices.Collect(maps.Values(s.projectsOf(who))), project) {
		s.writeError(w, r, http.StatusUnauthorized, codeAuthFailed, msgAuthFailed())
		return nil, false
	}
	if who.signer != "" {
		s.mu.Lock()
		s.signedBy[who.signer]++
		s.mu.Unlock()
	}
	return body, true
}

// writeHalfAndDrop sends the headers and half of body, then closes the
// connection, as a load balancer that restarts mid-answer does.
func writeHalfAndDrop(w http.ResponseWriter, body any) {
	encoded, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(encoded)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(encoded[:len(encoded)/2])
	if flusher, ok := w.(http.Flusher); ok {
		flusher.Flush()
	}
	panic(http.ErrAbortHandler)
}

func newestFirst(a, b Backup) int {
	if c := b.BeginTime.Compare(a.BeginTime); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

func language(r *http.Request) string {
	return r.Header.Get("X-Language")
}

func (s *Server) writeFailure(w http.ResponseWriter, r *http.Request, f apiFailure) {
	s.writeError(w, r, f.status, f.code, f.msg)
}

// writeError writes an error body in the request's language, in the shape
// the quirks say.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, status int, code string, msg message) {
	text := msg.in(language(r))
	if s.opts.Quirks.CodeMessageErrors {
		writeJSON(w, status, map[string]string{"code": code, "message": text})
		return
	}
	writeJSON(w, status, map[string]string{"error_code": code, "error_msg": text})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("X-Request-Id", "emulator-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
