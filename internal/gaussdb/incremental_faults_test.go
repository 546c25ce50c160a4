package gaussdb

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// listIncrementalWithFaults lists instance B's seeded logs (two days: 96)
// from an emulator with faults on, and returns them with the ids seeded.
func listIncrementalWithFaults(t *testing.T, faults emulator.Faults) (IncrementalListing, map[string]bool, error) {
	t.Helper()
	seeded := emulator.SeedIncremental(2)
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, IncrementalBackups: seeded, Faults: faults})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	opts := acctest.FastRetries()
	opts.MaxRetries = 10
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: opts})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, b := range seeded {
		if b.InstanceID == emulator.SeedInstanceA && b.Type == IncrementalTypeLog {
			want[b.ID] = true
		}
	}
	listing, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: emulator.SeedInstanceA})
	return listing, want, err
}

// TestIncrementalListingUnderTheListingFaults runs the incremental listing
// against each fault of the full listing that applies to it: the list is
// exact (logs created meanwhile may or may not be in it), or an error.
func TestIncrementalListingUnderTheListingFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults emulator.Faults
		// exact says the faults are ones the listing must recover from.
		exact bool
	}{
		{"one 503 on every page", emulator.Faults{FailEachPageOnce: 503}, true},
		{"429 on every third request", emulator.Faults{ThrottleEvery: 3, RetryAfter: "0"}, true},
		{"an HTML 502 every other request", emulator.Faults{HTMLErrorEvery: 2}, true},
		{"an error inside a 200 every third", emulator.Faults{ErrorIn200Every: 3}, true},
		{"half a body every third", emulator.Faults{DropMidBodyEvery: 3}, true},
		{"pages capped at 20", emulator.Faults{PageCap: 20}, true},
		{"a log uploaded after the first page", emulator.Faults{GrowDuringListings: 1}, true},
		{"a log uploaded every second request", emulator.Faults{GrowEvery: 2}, true},
		{"ties shuffled", emulator.Faults{ShuffleTies: true}, true},
		{"offset ignored", emulator.Faults{IgnoreOffset: true}, true},
		{"offset read as a page", emulator.Faults{OffsetAsPage: true}, true},
		{"an empty page every fourth", emulator.Faults{EmptyPageEvery: 4}, true},
		{"a repeated id every fourth", emulator.Faults{RepeatIDEvery: 4}, true},
		{"total_count 7 too high", emulator.Faults{TotalCountExtra: 7}, false},
		{"total_count 50 too low", emulator.Faults{TotalCountExtra: -50}, false},
		{"a cached count while logs are uploaded", emulator.Faults{CachedCount: true, GrowEvery: 2}, false},
		{"a log near the front deleted every third", emulator.Faults{DeleteNearFrontEvery: 3}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			listing, want, err := listIncrementalWithFaults(t, tt.faults)
			if err != nil {
				if tt.exact {
					t.Fatal(err)
				}
				t.Logf("an error, as allowed: %v", err)
				return
			}
			seen := map[string]bool{}
			for _, b := range listing.Backups {
				if seen[b.ID] {
					t.Errorf("%s listed twice", b.ID)
				}
				seen[b.ID] = true
				if !want[b.ID] && !strings.HasPrefix(b.ID, "grownlog") {
					t.Errorf("%s listed, which is not one of the instance's logs", b.ID)
				}
			}
			missing := 0
			for id := range want {
				if !seen[id] {
					missing++
				}
			}
			// Deleted logs may be missing; nothing else may.
			if missing > 0 && tt.faults.DeleteNearFrontEvery == 0 {
				t.Errorf("%d of the %d seeded logs missing", missing, len(want))
			}
		})
	}
}
