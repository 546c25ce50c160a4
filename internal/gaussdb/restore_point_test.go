package gaussdb

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// truthPoint is the newest point the world's instance can be restored to by
// notAfter, and its backup.
func (w *restoreWorld) truthPoint(notAfter time.Time) (kind string, at time.Time, backup string) {
	var base worldBackup
	for _, b := range w.bases {
		if (b.status == StatusCompleted || b.status == StatusAvailable) && !b.end.IsZero() && !b.end.After(notAfter) &&
			(base.id == "" || b.end.After(base.end)) {
			base = b
		}
	}
	if base.id == "" {
		return "", time.Time{}, ""
	}
	if spans := w.truthWithin(base.end, notAfter); len(spans) > 0 && spans[len(spans)-1].End.After(base.end) {
		return RestoreTypeTimestamp, spans[len(spans)-1].End, base.id
	}
	return RestoreTypeBackup, base.end, base.id
}

// An answer of restore-time without spans once gave a full backup 28 hours
// older than the newest point, with no error. Under every reading the point
// is now the newest, or an error naming both sides.
func TestLatestRestorePointUnderEveryReading(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	notAfters := map[string]time.Time{
		"now":                 now,
		"in the future":       now.Add(time.Hour),
		"in the gap":          now.Add(-48*time.Hour + 30*time.Minute),
		"yesterday evening":   time.Date(2026, 11, 19, 21, 0, 0, 0, time.UTC),
		"as a backup ends":    time.Date(2026, 11, 18, 2, 20, 0, 0, time.UTC),
		"a second after that": time.Date(2026, 11, 18, 2, 20, 1, 0, time.UTC),
	}
	for _, reading := range readings {
		for name, notAfter := range notAfters {
			t.Run(reading.String()+" "+name, func(t *testing.T) {
				world := plainWorld(now)
				world.reading = reading
				point, err := worldClient(t, world).LatestRestorePoint(context.Background(), "i1", notAfter)
				kind, at, backup := world.truthPoint(earlierTime(notAfter, now))
				switch {
				case err != nil && reading.benign():
					t.Fatalf("%v, want %s at %v from %s", err, kind, at, backup)
				case err != nil:
					var disagree *RestorePointDisagreesError
					if reading.missing == "empty" && !errors.As(err, &disagree) {
						t.Errorf("got %v, want an error naming both sides", err)
					}
					return
				case point.Type != kind || !point.Time.Equal(at) || point.Backup.ID != backup:
					t.Fatalf("got %s at %v from %s, want %s at %v from %s", point.Type, point.Time, point.Backup.ID,
						kind, at, backup)
				}
			})
		}
	}
}

func TestLatestRestorePointFromTheBackupThatEndedLast(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	world := plainWorld(now)
	// A long backup that began before the newest and ended after it.
	newest := world.bases[0]
	world.bases = append(world.bases, worldBackup{id: "long", status: StatusAvailable,
		begin: newest.begin.Add(-time.Hour), end: newest.end.Add(10 * time.Minute)})
	point, err := worldClient(t, world).LatestRestorePoint(context.Background(), "i1", newest.end.Add(5*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if point.Backup.ID != newest.id || point.Type != RestoreTypeTimestamp {
		t.Errorf("got %s from %s, want a point in time from %s, which ended by not_after", point.Type, point.Backup.ID, newest.id)
	}
	point, err = worldClient(t, world).LatestRestorePoint(context.Background(), "i1", now)
	if err != nil {
		t.Fatal(err)
	}
	if point.Backup.ID != "long" {
		t.Errorf("base backup %s, want long, which ended last though it began first", point.Backup.ID)
	}
}

func TestLatestRestorePointThatTheWindowAndTheBinlogsDisagreeOnNamesBoth(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	world := plainWorld(now)
	world.reading.missing = "empty"
	_, err := worldClient(t, world).LatestRestorePoint(context.Background(), "i1", now)
	var disagree *RestorePointDisagreesError
	if !errors.As(err, &disagree) {
		t.Fatalf("got %v, want a RestorePointDisagreesError", err)
	}
	for _, part := range []string{"no span past that backup's end", "without a gap, reach",
		"backup " + world.bases[0].id} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("%q does not say %q", err, part)
		}
	}
}

func TestLatestRestorePointOfAnInstanceWithoutRestorableBackupsIsAnError(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	world := plainWorld(now)
	_, err := worldClient(t, world).LatestRestorePoint(context.Background(), "i1", now.AddDate(0, 0, -10))
	var none *NoRestorePointError
	if !errors.As(err, &none) || none.Backups != 6 {
		t.Fatalf("got %v, want a NoRestorePointError counting 6 backups", err)
	}
	if len(world.windowQueries) != 0 {
		t.Errorf("asked the restore window %d times, with no backup to restore from", len(world.windowQueries))
	}
}
