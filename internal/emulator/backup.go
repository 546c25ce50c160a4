package emulator

import (
	"encoding/json"
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

// MarshalJSON writes the backup as the API does.
func (b Backup) MarshalJSON() ([]byte, error) {
	endTime := ""
	if !b.EndTime.IsZero() {
		endTime = b.EndTime.Format(apiTimeLayout)
	}
	return json.Marshal(struct {
		ID           string    `json:"id"`
		Name         string    `json:"name"`
		BeginTime    string    `json:"begin_time"`
		EndTime      string    `json:"end_time"`
		TakeUpTime   int       `json:"take_up_time"`
		Status       string    `json:"status"`
		Type         string    `json:"type"`
		Size         float64   `json:"size"`
		Datastore    Datastore `json:"datastore"`
		InstanceID   string    `json:"instance_id"`
		InstanceName string    `json:"instance_name,omitempty"`
		BackupLevel  string    `json:"backup_level,omitempty"`
		Description  string    `json:"description,omitempty"`
	}{
		ID: b.ID, Name: b.Name, BeginTime: b.BeginTime.Format(apiTimeLayout), EndTime: endTime,
		TakeUpTime: b.TakeUpTime, Status: b.Status, Type: b.Type, Size: b.SizeMB,
		Datastore: b.Datastore, InstanceID: b.InstanceID, InstanceName: b.InstanceName,
		BackupLevel: b.BackupLevel, Description: b.Description,
	})
}
