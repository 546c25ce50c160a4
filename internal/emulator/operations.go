package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// validBackupName is the API's rule for a manual backup's name, as the
// SDK's request model gives it: 4 to 64 characters and at most 64 bytes, a
// letter or a Chinese character first, then letters, digits, Chinese
// characters, "-" and "_".
func validBackupName(name string) bool {
	if n := utf8.RuneCountInString(name); n < 4 || n > 64 || len(name) > 64 {
		return false
	}
	for i, r := range name {
		letter := r < utf8.RuneSelf && unicode.IsLetter(r) || unicode.Is(unicode.Han, r)
		other := r >= '0' && r <= '9' || r == '-' || r == '_'
		if !letter && (i == 0 || !other) {
			return false
		}
	}
	return true
}

// createBackup answers POST /v3/{project_id}/backups/create.
func (s *Server) createBackup(w http.ResponseWriter, r *http.Request) {
	body, ok := s.admitWithBody(w, r)
	if !ok {
		return
	}
	var req struct {
		InstanceID  string `json:"instance_id"`
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	if json.Unmarshal(body, &req) != nil {
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgParameterError())
		return
	}
	switch {
	case !validBackupName(req.Name):
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgInvalidParameter("name"))
		return
	case utf8.RuneCountInString(req.Description) > 256 || strings.ContainsAny(req.Description, "!<\"='>&\r"):
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgInvalidParameter("description"))
		return
	case !s.instanceExists(req.InstanceID):
		s.writeError(w, r, http.StatusBadRequest, codeNoSuchInstance, msgNoSuchInstance())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleJobs()
	if s.refuseWhenBusy(w, r, req.InstanceID) {
		return
	}
	ops := s.opts.Operations
	now := s.now().Truncate(time.Second)
	s.manualCount++
	b := Backup{
		ID:   fmt.Sprintf("%sbr01", seedID(2_000_000+s.manualCount)),
		Name: req.Name, Description: req.Description, InstanceID: req.InstanceID, InstanceName: s.instanceName(req.InstanceID),
		BeginTime: now, Status: "BUILDING", Type: "manual", BackupLevel: "0",
		Datastore: Datastore{Type: datastoreType, Version: "8.0"},
	}
	s.insertBackup(b)
	id := b.ID
	jobID := s.startJob(jobSpec{name: jobCreateBackup, instanceID: req.InstanceID, takes: ops.BackupDuration,
		failure: ops.BackupFailure, done: func(failed bool) { s.endBackup(id, failed) }})
	s.backupsCreated++
	writeJSON(w, http.StatusCreated, map[string]any{
		"backup": map[string]any{"id": b.ID, "name": b.Name, "description": b.Description,
			"begin_time": b.BeginTime.Format(apiTimeLayout), "status": b.Status, "type": b.Type, "instance_id": b.InstanceID},
		"job_id": jobID,
	})
}

// endBackup applies the end of a manual backup's job. The caller holds
// s.mu.
func (s *Server) endBackup(id string, failed bool) {
	i := slices.IndexFunc(s.backups, func(b Backup) bool { return b.ID == id })
	if i < 0 {
		return
	}
	ops := s.opts.Operations
	b := &s.backups[i]
	b.EndTime = b.BeginTime.Add(max(ops.BackupDuration, time.Second))
	b.TakeUpTime = max(1, int(ops.BackupDuration/time.Minute))
	b.Status, b.BackupLevel, b.SizeMB = "COMPLETED", "2", 1234.5
	if ops.BackupsCompleteAs != "" {
		b.Status = ops.BackupsCompleteAs
	}
	if failed {
		b.Status, b.BackupLevel, b.SizeMB = "FAILED", "0", 0
	}
}

// deleteBackup answers DELETE /v3/{project_id}/backups/{backup_id}: a
// manual backup that is not being created goes, after DeleteDuration. The
// answer is {"backup_id", "backup_name"}, as the SDK's model has it since
// v0.1.64.
func (s *Server) deleteBackup(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	id := r.PathValue("backup_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleJobs()
	i := slices.IndexFunc(s.backups, func(b Backup) bool { return b.ID == id })
	switch {
	case i < 0:
		s.writeError(w, r, http.StatusBadRequest, codeNoSuchBackup, untranslated("The backup does not exist."))
		return
	case s.backups[i].Type != "manual":
		// DBS.280126 is invented: the pages say that automated backups
		// cannot be deleted, not with which code.
		s.writeError(w, r, http.StatusBadRequest, "DBS.280126", untranslated("Automated backups cannot be deleted."))
		return
	case s.backups[i].Status == "BUILDING" || s.deleting[id]:
		s.writeError(w, r, http.StatusConflict, codeBusy, msgBusy())
		return
	}
	s.deleting[id] = true
	name := s.backups[i].Name
	s.startJob(jobSpec{name: jobDeleteBackup, instanceID: s.backups[i].InstanceID, takes: s.opts.Operations.DeleteDuration,
		done: func(bool) {
			s.backups = slices.DeleteFunc(s.backups, func(b Backup) bool { return b.ID == id })
			delete(s.deleting, id)
		}})
	writeJSON(w, http.StatusOK, map[string]any{"backup_id": id, "backup_name": name})
}

// codeNoSuchBackup is the documented "invalid backup ID" (README.md of
// ../shared/api).
const codeNoSuchBackup = "DBS.280124"

// Restore is one restore the emulator accepted.
type Restore struct {
	SourceInstanceID, TargetInstanceID string
	// Type is "backup" or "timestamp"; BackupID or RestoreTime says what.
	Type        string
	BackupID    string
	RestoreTime time.Time
	JobID       string
}

// restore answers POST /v3/{project_id}/instances/restore.
func (s *Server) restore(w http.ResponseWriter, r *http.Request) {
	body, ok := s.admitWithBody(w, r)
	if !ok {
		return
	}
	var req struct {
		Source      string `json:"source_instance_id"`
		Target      string `json:"target_instance_id"`
		Type        string `json:"type"`
		BackupID    string `json:"backup_id"`
		RestoreTime *int64 `json:"restore_time"`
	}
	if json.Unmarshal(body, &req) != nil {
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgParameterError())
		return
	}
	if !s.instanceExists(req.Source) || !s.instanceExists(req.Target) {
		s.writeError(w, r, http.StatusBadRequest, codeNoSuchInstance, msgNoSuchInstance())
		return
	}
	record := Restore{SourceInstanceID: req.Source, TargetInstanceID: req.Target, Type: req.Type, BackupID: req.BackupID}
	switch req.Type {
	case "backup":
		s.mu.Lock()
		i := slices.IndexFunc(s.backups, func(b Backup) bool { return b.ID == req.BackupID })
		restorable := i >= 0 && s.backups[i].InstanceID == req.Source &&
			(s.backups[i].Status == "COMPLETED" || s.backups[i].Status == "AVAILABLE")
		s.mu.Unlock()
		if !restorable {
			s.writeError(w, r, http.StatusBadRequest, codeNoSuchBackup, untranslated("The backup does not exist or cannot be restored."))
			return
		}
	case "timestamp":
		if req.RestoreTime == nil {
			s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgInvalidParameter("restore_time"))
			return
		}
		record.RestoreTime = time.UnixMilli(*req.RestoreTime).UTC()
		if !slices.ContainsFunc(s.restoreWindow(req.Source), func(sp timeSpan) bool {
			return !record.RestoreTime.Before(sp.begin) && !record.RestoreTime.After(sp.end)
		}) {
			// DBS.280111 is invented: the pages do not say how a point
			// outside the window is refused.
			s.writeError(w, r, http.StatusBadRequest, "DBS.280111", untranslated("The restoration time is not within the restorable time range."))
			return
		}
	default:
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgInvalidParameter("type"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleJobs()
	if s.refuseWhenBusy(w, r, req.Target) {
		return
	}
	ops := s.opts.Operations
	record.JobID = s.startJob(jobSpec{name: jobRestore, instanceID: req.Target, waits: ops.RestoreUnauthorizedFor,
		takes: ops.RestoreDuration, failure: ops.RestoreFailure, cancellation: ops.RestoreCancellation})
	s.restores = append(s.restores, record)
	writeJSON(w, http.StatusOK, map[string]any{"job_id": record.JobID})
}

// Restores returns the restores the server accepted, in order.
func (s *Server) Restores() []Restore {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.restores)
}

// BackupsCreated returns how many manual backups the server accepted.
func (s *Server) BackupsCreated() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.backupsCreated
}

// instanceName is the name the backups of an instance carry. The caller
// holds s.mu.
func (s *Server) instanceName(instanceID string) string {
	for _, b := range s.backups {
		if b.InstanceID == instanceID && b.InstanceName != "" {
			return b.InstanceName
		}
	}
	return ""
}

// insertBackup adds a backup in order. The caller holds s.mu.
func (s *Server) insertBackup(b Backup) {
	i, _ := slices.BinarySearchFunc(s.backups, b, newestFirst)
	s.backups = slices.Insert(s.backups, i, b)
}
