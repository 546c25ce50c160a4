package gaussdb

import (
	"encoding/json"
	"testing"
	"time"
)

func TestBackupDecodingIsTolerant(t *testing.T) {
	const body = `{
		"id": "b1", "name": "n", "instance_id": "i1",
		"begin_time": "2018-08-06T12:41:14+0800", "end_time": "",
		"take_up_time": 2, "status": "BUILDING", "type": "auto", "size": 2803.12,
		"datastore": {"type": "GaussDB(for MySQL)", "version": "8.0"},
		"a_field_from_a_newer_api": {"nested": [1, 2]}
	}`
	var b Backup
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if b.Size == nil || float64(*b.Size) != 2803.12 {
		t.Errorf("size = %v, want 2803.12 kept with its decimals", b.Size)
	}
	if !b.EndTime.IsZero() {
		t.Errorf("an empty end_time decoded as %v, want the zero time", b.EndTime)
	}
	if b.BeginTime.Format(apiTimeLayout) != "2018-08-06T12:41:14+0800" {
		t.Errorf("begin_time = %v", b.BeginTime)
	}
	if b.InstanceName != nil || b.BackupLevel != nil || b.Description != nil {
		t.Errorf("missing optional fields must stay nil, got instance_name %v, backup_level %v, description %v",
			b.InstanceName, b.BackupLevel, b.Description)
	}
}

func TestNumberDecoding(t *testing.T) {
	tests := []struct {
		json string
		want float64
		ok   bool
	}{
		{`2803`, 2803, true},
		{`2803.12`, 2803.12, true},
		{`"2803.12"`, 2803.12, true},
		{`1e3`, 1000, true},
		{`"big"`, 0, false},
		{`true`, 0, false},
		{`"NaN"`, 0, false},
	}
	for _, tt := range tests {
		var n Number
		err := json.Unmarshal([]byte(tt.json), &n)
		if (err == nil) != tt.ok {
			t.Errorf("Number from %s: error %v, want ok = %v", tt.json, err, tt.ok)
			continue
		}
		if tt.ok && float64(n) != tt.want {
			t.Errorf("Number from %s = %v, want %v", tt.json, n, tt.want)
		}
	}
}

func TestTimesInEveryFormSeenAreRead(t *testing.T) {
	beijing := time.FixedZone("", 8*3600)
	tests := map[string]time.Time{
		`"2026-11-20T00:50:00+0800"`:  time.Date(2026, 11, 20, 0, 50, 0, 0, beijing),
		`"2026-11-20T00:50+0800"`:     time.Date(2026, 11, 20, 0, 50, 0, 0, beijing),
		`"2026-11-20T00:50:07+08"`:    time.Date(2026, 11, 20, 0, 50, 7, 0, beijing),
		`"2026-11-20T00:50:07+08:00"`: time.Date(2026, 11, 20, 0, 50, 7, 0, beijing),
		`"2018-08-06 12:41:14"`:       time.Date(2018, 8, 6, 12, 41, 14, 0, time.UTC),
		`"2018-08-06T12:41:14.25Z"`:   time.Date(2018, 8, 6, 12, 41, 14, 250_000_000, time.UTC),
	}
	for text, want := range tests {
		var got Time
		if err := json.Unmarshal([]byte(text), &got); err != nil || !got.Equal(want) || got.Unreadable() {
			t.Errorf("%s read as %v (unreadable %v, error %v), want %v", text, got.Time, got.Unreadable(), err, want)
		}
	}
}

func TestATimeThatCannotBeReadIsKeptNotFatal(t *testing.T) {
	for _, text := range []string{`"yesterday"`, `"2026-02-30T10:00:00Z"`, `1700000000`, `"2026-11-20T00:50:00+1900"`} {
		var b Backup
		if err := json.Unmarshal([]byte(`{"id":"b1","begin_time":`+text+`}`), &b); err != nil {
			t.Errorf("begin_time %s failed the backup: %v", text, err)
			continue
		}
		if !b.BeginTime.Unreadable() || !b.BeginTime.IsZero() {
			t.Errorf("begin_time %s became %v (raw %q), want no time and the raw text kept", text, b.BeginTime.Time, b.BeginTime.Raw)
		}
	}
}
