package gaussdb

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestNewestListingIsAnExactPrefixOrAnError is ListNewestBackups' promise
// as a property, against the same model API and scenarios as the whole
// listing: the answer holds at most n backups, newest first, each once,
// each one the API served; no backup that lasted through the listing is
// missing ahead of the answer's last one; and when it holds fewer than n,
// it holds every lasting backup. Or it is an error, which is not allowed
// where the whole listing's is not.
func TestNewestListingIsAnExactPrefixOrAnError(t *testing.T) {
	if f := flag.Lookup("rapid.checks"); f != nil && !flagWasSet("rapid.checks") {
		_ = f.Value.Set(fmt.Sprint(listingCases))
		defer func() { _ = f.Value.Set(f.DefValue) }()
	}
	rapid.Check(t, func(t *rapid.T) {
		s := drawScenario(t)
		// The full listing's API, whatever was drawn: pages of 100.
		s.incremental, s.mode.oldestFirst, s.mode.offsiteIgnored = false, false, false
		// Often where a page ends, where ties straddle what was read.
		n := rapid.OneOf(rapid.IntRange(1, 4), rapid.IntRange(96, 104), rapid.IntRange(1, 320)).Draw(t, "newest")
		// The whole list: the prefix is what is judged.
		s.begin, s.end = time.Time{}, time.Time{}
		api := newModelAPI(s.backups, s.mode, s.script, s.seed)
		c := s.client(t, api)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		listing, err := c.ListNewestBackups(ctx, BackupQuery{}, n, nil)
		if err != nil {
			if s.mustSucceed() {
				t.Fatalf("%s\nnewest %d failed: %v", s, n, err)
			}
			return
		}
		if !s.keepsA3() || !s.keepsA4() || !s.keepsA6() {
			return
		}
		got := listing.Backups
		if len(got) > n {
			t.Fatalf("%s\nasked for %d, got %d", s, n, len(got))
		}
		listed := map[string]bool{}
		for i, b := range got {
			if listed[b.ID] || !api.ever[b.ID] {
				t.Fatalf("%s\n%s listed twice, or never served", s, b.ID)
			}
			listed[b.ID] = true
			if i > 0 && newerOrFirst(b, got[i-1]) < 0 {
				t.Fatalf("%s\n%s comes after %s but sorts before it", s, b.ID, got[i-1].ID)
			}
		}
		begins := map[string]time.Time{}
		for _, b := range s.backups {
			begins[b.id] = b.begin
		}
		for _, id := range api.lasting(s.backups) {
			if listed[id] {
				continue
			}
			if len(got) < n {
				t.Fatalf("%s\nnewest %d gave %d, but not %s, which lasted", s, n, len(got), id)
			}
			missing := Backup{ID: id, BeginTime: Time{Time: begins[id]}}
			if last := got[len(got)-1]; newerOrFirst(missing, last) < 0 {
				t.Fatalf("%s\nnewest %d: %s (%v) lasted and sorts before the last listed, %s (%v)", s, n, id,
					begins[id], last.ID, last.BeginTime.Time)
			}
		}
	})
}

// newerOrFirst orders two backups as listings do: newest first, ties by id.
func newerOrFirst(a, b Backup) int {
	if c := b.BeginTime.Compare(a.BeginTime.Time); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

func TestNewestListingReadsOnlyThePagesItNeeds(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ backups, n, requests int }{
		{1000, 10, 1}, {1000, 100, 2}, {1000, 250, 3}, {50, 250, 1}, {1000, 1000, 11},
	} {
		c, api := modelClient(t, tt.backups, now)
		listing, err := c.ListNewestBackups(context.Background(), BackupQuery{}, tt.n, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(tt.n, tt.backups); len(listing.Backups) != want || listing.Backups[0].ID != "log0000" ||
			listing.Backups[want-1].ID != fmt.Sprintf("log%04d", want-1) {
			t.Errorf("newest %d of %d: got %d", tt.n, tt.backups, len(listing.Backups))
		}
		if len(api.queries) != tt.requests {
			t.Errorf("newest %d of %d: %d requests, want %d", tt.n, tt.backups, len(api.queries), tt.requests)
		}
	}
}
