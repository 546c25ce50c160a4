package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// Instance ids of the seeded backups, in the form the cloud uses.
const (
	SeedInstanceA = "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07"
	SeedInstanceB = "7c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5in07"
	SeedInstanceC = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5in07"
)

// Seed returns n backups, the same ones on every call: newest first, one
// every six hours, spread over three instances in two time zones. They hold
// what a real project holds: a BUILDING backup with no end_time (the
// newest), FAILED and AVAILABLE ones, automated and manual ones, decimal
// sizes, and backups with and without instance_name, backup_level and
// description.
func Seed(n int) []Backup {
	backups := make([]Backup, 0, n)
	for i := range n {
		backups = append(backups, seedBackup(i))
	}
	return backups
}

// SeedTied returns n backups as Seed does, but in groups of size that
// began in the same second, as instances sharing a backup window do.
func SeedTied(n, size int) []Backup {
	backups := Seed(n)
	if size < 2 {
		return backups
	}
	for i := range backups {
		if i%size != 0 {
			first := backups[i-i%size].BeginTime
			backups[i].BeginTime = first.In(backups[i].BeginTime.Location())
			if !backups[i].EndTime.IsZero() {
				backups[i].EndTime = backups[i].BeginTime.Add(time.Duration(backups[i].TakeUpTime) * time.Minute)
			}
		}
	}
	return backups
}

func seedBackup(i int) Backup {
	beijing := time.FixedZone("+0800", 8*3600)
	instances := [...]struct {
		id, name string
		zone     *time.Location
	}{
		{SeedInstanceA, "orders-db", beijing},
		{SeedInstanceB, "billing-db", time.UTC},
		{SeedInstanceC, "", beijing},
	}
	instance := instances[i%len(instances)]
	newest := time.Date(2026, 11, 20, 2, 0, 0, 0, beijing)
	begin := newest.Add(-time.Duration(i) * 6 * time.Hour).Add(-time.Duration(i%7) * time.Minute).In(instance.zone)
	takeUp := 2 + i%9

	b := Backup{
		ID:           seedID(i) + "br07",
		InstanceID:   instance.id,
		InstanceName: instance.name,
		BeginTime:    begin,
		EndTime:      begin.Add(time.Duration(takeUp) * time.Minute),
		Status:       "COMPLETED",
		TakeUpTime:   takeUp,
		Type:         "auto",
		SizeMB:       float64(100_000+(i*7919)%900_000) / 100,
		Datastore:    Datastore{Type: datastoreType, Version: "8.0"},
	}
	if i%5 == 4 {
		b.Type = "manual"
		b.Description = fmt.Sprintf("manual backup %d before a schema change", i)
	}
	switch {
	case i == 0:
		b.Status, b.EndTime, b.TakeUpTime = "BUILDING", time.Time{}, 0
	case i%17 == 5:
		b.Status = "FAILED"
	case i%11 == 3:
		b.Status = "AVAILABLE"
	}
	if instance.id != SeedInstanceC {
		b.BackupLevel = "2"
		if b.Status == "BUILDING" || b.Status == "FAILED" {
			b.BackupLevel = "0"
		}
	}
	name := instance.name
	if name == "" {
		name = "gauss-" + instance.id[:4]
	}
	b.Name = fmt.Sprintf("GaussDBforMySQL-%s-%s", name, begin.Format("20060102150405000"))
	return b
}

// seedID is a stable 32-hex-digit id for the i-th seeded backup.
func seedID(i int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("gaussdb-emulator-backup-%d", i)))
	return hex.EncodeToString(sum[:16])
}

// Respaced returns backups (newest first, as Seed makes them) moved to
// begin every apart from the newest's begin_time, each running for lasting
// (no end_time while BUILDING): backups that overlap, as in an account
// whose instances share a backup window.
func Respaced(backups []Backup, every, lasting time.Duration) []Backup {
	if len(backups) == 0 {
		return backups
	}
	newest := backups[0].BeginTime
	for i := range backups {
		b := &backups[i]
		b.BeginTime = newest.Add(-time.Duration(i) * every).In(b.BeginTime.Location())
		if !b.EndTime.IsZero() {
			b.EndTime = b.BeginTime.Add(lasting)
			b.TakeUpTime = int(lasting.Minutes())
		}
	}
	return backups
}
