package gaussdb

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

// Time is a time as the API writes it. The zero value means the API gave
// none (a BUILDING backup has no end_time yet); Raw holds what the API
// gave when it could not be read as a time.
type Time struct {
	time.Time
	Raw string
}

// Unreadable says whether the API gave a time that could not be read.
func (t Time) Unreadable() bool {
	return t.Raw != ""
}

// UnmarshalJSON reads a time in any of the forms deployments use, an empty
// string or null. A value that is none of these is kept in Raw, not an
// error: one odd backup must not fail a whole listing.
func (t *Time) UnmarshalJSON(data []byte) error {
	*t = Time{}
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	if len(data) == 0 || data[0] != '"' {
		// Not a string: kept as the API sent it.
		t.Raw = string(data)
		return nil
	}
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return err
	}
	if text == "" {
		return nil
	}
	if parsed, ok := parseAnswerTime(text); ok {
		t.Time = parsed
		return nil
	}
	t.Raw = text
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
