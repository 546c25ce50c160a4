package emulator

import (
	"encoding/json"
	"math"
	"strconv"
	"time"
)

// apiTimeLayout is how the API writes times: 2020-07-06T10:41:14+0800.
const apiTimeLayout = "2006-01-02T15:04:05-0700"

// Backup is one backup held by the emulator.
type Backup struct {
	ID           string
	Name         string
	InstanceID   string
	InstanceName string // empty: left out of the answer, as the API may do
	BeginTime    time.Time
	EndTime      time.Time // zero: sent as "", as for a backup still BUILDING
	Status       string
	TakeUpTime   int
	Type         string
	SizeMB       float64
	Datastore    Datastore
	BackupLevel  string // empty: left out, as when level-1 backup is off
	Description  string // empty: left out
}

// Datastore is the engine a backup was taken from.
type Datastore struct {
	Type    string `json:"type"`
	Version string `json:"version"`
}

// datastoreType is the engine's name in answers, as the current spec and
// SDK write it (an older vendor page shows "GaussDB(for MySQL)").
const datastoreType = "gaussdb-mysql"

// MarshalJSON writes the backup as the current API does.
func (b Backup) MarshalJSON() ([]byte, error) {
	return json.Marshal(b.wire(false))
}

// wire is the backup as the API writes it; numeric writes backup_level as
// a number and size as an integer, as some deployments do.
func (b Backup) wire(numeric bool) any {
	endTime := ""
	if !b.EndTime.IsZero() {
		endTime = b.EndTime.Format(apiTimeLayout)
	}
	var size, backupLevel any = b.SizeMB, nil
	if b.BackupLevel != "" {
		backupLevel = b.BackupLevel
	}
	if numeric {
		size = int64(math.Round(b.SizeMB))
		if level, err := strconv.Atoi(b.BackupLevel); err == nil {
			backupLevel = level
		}
	}
	return struct {
		ID           string    `json:"id"`
		Name         string    `json:"name"`
		BeginTime    string    `json:"begin_time"`
		EndTime      string    `json:"end_time"`
		TakeUpTime   int       `json:"take_up_time"`
		Status       string    `json:"status"`
		Type         string    `json:"type"`
		Size         any       `json:"size"`
		Datastore    Datastore `json:"datastore"`
		InstanceID   string    `json:"instance_id"`
		InstanceName string    `json:"instance_name,omitempty"`
		BackupLevel  any       `json:"backup_level,omitempty"`
		Description  string    `json:"description,omitempty"`
	}{
		ID: b.ID, Name: b.Name, BeginTime: b.BeginTime.Format(apiTimeLayout), EndTime: endTime,
		TakeUpTime: b.TakeUpTime, Status: b.Status, Type: b.Type, Size: size,
		Datastore: b.Datastore, InstanceID: b.InstanceID, InstanceName: b.InstanceName,
		BackupLevel: backupLevel, Description: b.Description,
	}
}

// A full backup is listed: these are what the listing faults need.

func (b Backup) begins() time.Time { return b.BeginTime }

func (b Backup) impostor() Backup {
	b.BeginTime = b.BeginTime.AddDate(-1, 0, 0)
	return b
}

// wireWith is the backup as the API writes it, with quirks.
func (b Backup) wireWith(quirks Quirks) any {
	if quirks.Pre2023 {
		b.InstanceName = ""
	}
	return b.wire(quirks.NumericFields)
}
