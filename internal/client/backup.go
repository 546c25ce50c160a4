package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Backup statuses, as the API spells them.
const (
	StatusBuilding  = "BUILDING"
	StatusCompleted = "COMPLETED"
	StatusFailed    = "FAILED"
	StatusAvailable = "AVAILABLE"
)

// Backup types, as the API spells them.
const (
	BackupTypeAuto   = "auto"
	BackupTypeManual = "manual"
)

// Backup is one backup as the API describes it. Pointer fields are nil when
// the API left them out.
type Backup struct {
	ID           string     `json:"id"`
	Name         *string    `json:"name"`
	InstanceID   string     `json:"instance_id"`
	InstanceName *string    `json:"instance_name"`
	BeginTime    Time       `json:"begin_time"`
	EndTime      Time       `json:"end_time"`
	Status       string     `json:"status"`
	TakeUpTime   *Number    `json:"take_up_time"`
	Type         string     `json:"type"`
	Size         *Number    `json:"size"`
	Datastore    *Datastore `json:"datastore"`
	BackupLevel  *Text      `json:"backup_level"`
	Description  *string    `json:"description"`
}

// Datastore names the database engine and version a backup was taken from.
type Datastore struct {
	Type    string `json:"type"`
	Version string `json:"version"`
}

// Time is a time as the API writes it. The zero value means the API gave an
// empty string (a BUILDING backup has no end_time yet).
type Time struct {
	time.Time
}

// UnmarshalJSON accepts the API's layout, RFC 3339, an empty string or null.
func (t *Time) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return fmt.Errorf("time must be a string, got %s", data)
	}
	if text == "" {
		t.Time = time.Time{}
		return nil
	}
	parsed, err := ParseTime(text)
	if err != nil {
		return err
	}
	t.Time = parsed
	return nil
}

// Number is a JSON number that may also arrive as a numeric string. The API
// documents sizes as integers (older SDKs model them as int64) but sends
// decimals too (2803.12, float64 in newer SDKs), so it is a float.
type Number float64

// UnmarshalJSON accepts a number or a string holding one.
func (n *Number) UnmarshalJSON(data []byte) error {
	text := string(data)
	if unquoted, err := strconv.Unquote(text); err == nil {
		text = unquoted
	}
	value, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(value) || math.IsInf(value, 0) {
		return fmt.Errorf("%s is not a number", data)
	}
	*n = Number(value)
	return nil
}

// Text is a JSON string that some deployments send as a number, as
// backup_level ("2" or 2); the official SDK's decoder accepts both.
type Text string

// UnmarshalJSON accepts a string or a number, keeping the number's digits.
func (t *Text) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		*t = Text(text)
		return nil
	}
	var number json.Number
	if err := json.Unmarshal(data, &number); err != nil {
		return fmt.Errorf("%s is neither a string nor a number", data)
	}
	*t = Text(number)
	return nil
}
