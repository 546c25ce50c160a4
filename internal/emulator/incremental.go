package emulator

import (
	"fmt"
	"time"
)

// IncrementalBackup is one incremental (binlog) backup held by the
// emulator.
type IncrementalBackup struct {
	ID         string
	Name       string
	InstanceID string
	BeginTime  time.Time
	EndTime    time.Time
	SizeKB     float64
	// Type is "Log", or "OffSiteLog" for a copy in another region.
	Type string
}

// Incremental backup types.
const (
	typeLog        = "Log"
	typeOffSiteLog = "OffSiteLog"
)

func (b IncrementalBackup) begins() time.Time { return b.BeginTime }

func (b IncrementalBackup) impostor() IncrementalBackup {
	b.BeginTime = b.BeginTime.AddDate(-1, 0, 0)
	return b
}

// wireWith is the backup as the API writes it; NumericFields writes the
// size as an integer.
func (b IncrementalBackup) wireWith(quirks Quirks) any {
	var size any = b.SizeKB
	if quirks.NumericFields {
		size = int64(b.SizeKB)
	}
	return map[string]any{
		"id": b.ID, "name": b.Name, "instance_id": b.InstanceID, "begin_time": b.BeginTime.Format(apiTimeLayout),
		"end_time": b.EndTime.Format(apiTimeLayout), "size": size, "backup_type": b.Type,
	}
}

// IncrementalGap is the hour in which the seeded logs of SeedInstanceA are
// missing, as when binlog backup failed: the instance's restore window has
// a hole there until its next full backup.
var IncrementalGap = struct{ Begin, End time.Time }{
	Begin: time.Date(2026, 11, 18, 2, 0, 0, 0, time.UTC),
	End:   time.Date(2026, 11, 18, 3, 0, 0, 0, time.UTC),
}

// IncrementalHead is when the newest seeded log ends: half an hour after
// the newest seeded full backup began.
var IncrementalHead = time.Date(2026, 11, 19, 18, 30, 0, 0, time.UTC)

// SeedIncremental returns the logs of the three seeded instances, newest
// first: one every 30 minutes for each, back over days from
// IncrementalHead, but none of SeedInstanceA's in IncrementalGap; every
// tenth has a copy in another region (OffSiteLog). The same on every call.
func SeedIncremental(days int) []IncrementalBackup {
	var logs []IncrementalBackup
	steps := days * 48
	for step := range steps {
		end := IncrementalHead.Add(-time.Duration(step) * 30 * time.Minute)
		begin := end.Add(-30 * time.Minute)
		for k, instance := range []string{SeedInstanceA, SeedInstanceB, SeedInstanceC} {
			if instance == SeedInstanceA && begin.Before(IncrementalGap.End) && end.After(IncrementalGap.Begin) {
				continue
			}
			n := step*3 + k
			b := IncrementalBackup{
				ID:         fmt.Sprintf("%sbr08", seedID(1_000_000+n)),
				Name:       fmt.Sprintf("binlog-%s-%06d", instance[:8], steps-step),
				InstanceID: instance,
				BeginTime:  begin,
				EndTime:    end,
				SizeKB:     float64(20_000+(n*7919)%90_000) / 10,
				Type:       typeLog,
			}
			logs = append(logs, b)
			if step%10 == 9 {
				offsite := b
				offsite.ID, offsite.Type = fmt.Sprintf("%sbr09", seedID(1_000_000+n)), typeOffSiteLog
				logs = append(logs, offsite)
			}
		}
	}
	return logs
}
