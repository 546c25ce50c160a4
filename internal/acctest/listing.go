package acctest

import (
	"slices"
	"strings"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// ExpectEveryOriginalOnce checks the listing's promise: every backup of
// original (which existed throughout) is listed, nothing is listed twice,
// and anything else listed is a backup that growth created ("grown...").
func ExpectEveryOriginalOnce[R interface{ RecordID() string }](t *testing.T, listed []R, original []emulator.Backup) {
	t.Helper()
	seen := map[string]bool{}
	for _, b := range listed {
		if seen[b.RecordID()] {
			t.Errorf("backup %s listed twice", b.RecordID())
		}
		seen[b.RecordID()] = true
	}
	missing := 0
	for _, b := range original {
		if !seen[b.ID] {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of the %d backups that existed throughout are missing", missing, len(original))
	}
	for id := range seen {
		if !strings.HasPrefix(id, "grown") && !slices.ContainsFunc(original, func(b emulator.Backup) bool { return b.ID == id }) {
			t.Errorf("backup %s was never served", id)
		}
	}
}
