// Package emulator serves the GaussDB(for MySQL) backups API the way the
// cloud does, from backups held in memory, so that the provider can be run
// and tested with no cloud account.
package emulator

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server.
type Options struct {
	// Token is the only X-Auth-Token accepted.
	Token string
	// ProjectID is the only project served.
	ProjectID string
	// Backups are the backups served, in any order.
	Backups []Backup
	// Latency delays every answer.
	Latency time.Duration
	// LegacyFilters ignores name and instance_name, as older API versions do.
	LegacyFilters bool
}

// Server serves the API. Create it with New; it is an http.Handler.
type Server struct {
	opts     Options
	mux      *http.ServeMux
	requests atomic.Int64

	mu      sync.Mutex
	backups []Backup // newest first by begin_time, ties by id
}

// New returns a Server for opts.
func New(opts Options) *Server {
	s := &Server{opts: opts, mux: http.NewServeMux()}
	for _, b := range opts.Backups {
		s.AddBackup(b)
	}
	// The newer documentation also lists the API under /mysql.
	s.mux.HandleFunc("GET /v3/{project_id}/backups", s.listBackups)
	s.mux.HandleFunc("GET /mysql/v3/{project_id}/backups", s.listBackups)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, codeNoSuchAPI, msgNoSuchAPI().in(language(r)))
	})
	return s
}

// AddBackup adds a backup, as the cloud does when a backup starts.
func (s *Server) AddBackup(b Backup) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, _ := slices.BinarySearchFunc(s.backups, b, newestFirst)
	s.backups = slices.Insert(s.backups, i, b)
}

// Requests returns how many API requests the server has answered.
func (s *Server) Requests() int64 {
	return s.requests.Load()
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
	lang := language(r)
	if r.Header.Get("X-Auth-Token") != s.opts.Token || r.PathValue("project_id") != s.opts.ProjectID {
		writeError(w, http.StatusUnauthorized, codeAuthFailed, msgAuthFailed().in(lang))
		return
	}
	q, problem := parseListQuery(r.URL.Query(), s.opts.LegacyFilters)
	if problem != nil {
		writeError(w, http.StatusBadRequest, codeInvalidParameter, problem.in(lang))
		return
	}

	s.mu.Lock()
	matching := make([]Backup, 0, len(s.backups))
	for _, b := range s.backups {
		if q.matches(b) {
			matching = append(matching, b)
		}
	}
	s.mu.Unlock()

	page := matching[min(q.offset, len(matching)):min(q.offset+q.limit, len(matching))]
	writeJSON(w, http.StatusOK, map[string]any{"backups": page, "total_count": len(matching)})
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

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"error_code": code, "error_msg": msg})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("X-Request-Id", "emulator-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
