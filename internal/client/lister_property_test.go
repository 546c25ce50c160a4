package client

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// listingCases is how many listings the property test runs in make test;
// -rapid.checks, when given, says otherwise (make fuzz runs many more).
const listingCases = 1000

// scenario is one listing against the model API: the backups, how the API
// misbehaves throughout, and what happens at which request.
type scenario struct {
	backups     []modelBackup
	mode        modelMode
	script      map[int][]modelEvent
	concurrency int
	seed        uint64
	// incremental lists incremental backups (pages of 50) instead of
	// backups (pages of 100).
	incremental bool
}

// drawScenario draws a scenario: up to 450 backups, often tied in the
// same second; a mode for counts, caps, offsets and end_time; and up to
// eight events, each at one of the first 30 requests.
func drawScenario(t *rapid.T) scenario {
	n := rapid.IntRange(0, 450).Draw(t, "backups")
	tiePercent := rapid.IntRange(0, 60).Draw(t, "tie percent")
	seed := rapid.Uint64().Draw(t, "seed")
	rng := rand.New(rand.NewPCG(seed, 1))
	backups := make([]modelBackup, n)
	at := time.Date(2025, 12, 31, 23, 0, 0, 0, time.FixedZone("", 8*3600))
	for i := range backups {
		if i > 0 && rng.IntN(100) >= tiePercent {
			at = at.Add(-time.Duration(1+rng.IntN(3600)) * time.Second)
		}
		backups[i] = modelBackup{id: fmt.Sprintf("b%04d", i), begin: at}
	}
	mode := modelMode{
		counts:        modelCounts(rapid.IntRange(0, int(numCountModes)-1).Draw(t, "counts")),
		countShift:    rapid.IntRange(1, 200).Draw(t, "count shift"),
		pageCap:       rapid.SampledFrom([]int{0, 0, 0, 0, 20, 30, 50, 99}).Draw(t, "page cap"),
		offsetAsPage:  rapid.IntRange(0, 9).Draw(t, "offset as page") == 0,
		ignoreEndTime: rapid.IntRange(0, 14).Draw(t, "ignore end_time") == 0,
	}
	script := map[int][]modelEvent{}
	for range rapid.IntRange(0, 8).Draw(t, "events") {
		at := rapid.IntRange(0, 29).Draw(t, "at request")
		script[at] = append(script[at], modelEvent(rapid.IntRange(0, int(numEvents)-1).Draw(t, "event")))
	}
	return scenario{backups: backups, mode: mode, script: script, seed: seed,
		concurrency: rapid.SampledFrom([]int{1, 2, 4}).Draw(t, "concurrency"),
		incremental: rapid.IntRange(0, 3).Draw(t, "incremental") == 0}
}

// events counts the scenario's events by kind.
func (s scenario) events() (changes, deletions, retried, wrong int) {
	for _, events := range s.script {
		for _, e := range events {
			switch {
			case e.changesList():
				changes++
				if e != eventCreate {
					deletions++
				}
			case e.retried():
				retried++
			case e.wrongAnswer():
				wrong++
			}
		}
	}
	return changes, deletions, retried, wrong
}

// pageSize is the most backups one answer of the scenario's API holds.
func (s scenario) pageSize() int {
	limit := backupsPageLimit
	if s.incremental {
		limit = incrementalPageLimit
	}
	if s.mode.pageCap > 0 {
		return min(s.mode.pageCap, limit)
	}
	return limit
}

// keepsA3 says whether every total_count the listing may believe is true
// at its moment (A3 of the proof). A count too low, or cached while the
// list changes, breaks it where it agrees with an answer: a first answer
// that is a whole page while the count says the list ends there is
// believed, as any listing of ceil(N/100) requests must believe it; so is
// such a count that happens to agree with a wrong answer. A count too
// high never agrees with an answer, and a lying count that does not agree
// is caught.
func (s scenario) keepsA3() bool {
	changes, _, _, wrong := s.events()
	switch s.mode.counts {
	case countCached:
		return changes == 0
	case countLow:
		believed := len(s.backups) - s.mode.countShift
		return changes == 0 && wrong == 0 && (believed <= 0 || believed%s.pageSize() != 0)
	}
	return true
}

// keepsA4 says whether no two wrong answers come in a row (A4 of the
// proof): two alike answers in a row are believed, so two alike faults in
// a row (two empty answers to a request for a list) would be. The lister's
// next request after n is the model's next one that is not a failure the
// HTTP layer retries: a 429 between two empty answers hides from the
// lister that they were two requests apart.
func (s scenario) keepsA4() bool {
	has := func(n int, kind func(modelEvent) bool) bool { return slices.ContainsFunc(s.script[n], kind) }
	for n, events := range s.script {
		wrong := 0
		for _, e := range events {
			if e.wrongAnswer() {
				wrong++
			}
		}
		next := n + 1
		for has(next, modelEvent.retried) {
			next++
		}
		if wrong > 1 || wrong == 1 && has(next, modelEvent.wrongAnswer) {
			return false
		}
	}
	return true
}

// mustSucceed says whether the listing must give the exact list: the API
// misbehaves in ways the proof recovers from. The rest may also end in an
// error (never in a wrong list): a count that says more than the pages
// hold, an end_time the API ignores, more tied backups than half a page,
// or several wrong answers at once.
func (s scenario) mustSucceed() bool {
	changes, deletions, retried, wrong := s.events()
	// A backup created ties with the newest at most; two may be created.
	return s.keepsA3() && s.mode.counts != countHigh && !s.mode.ignoreEndTime &&
		(s.mode.counts != countCached || deletions == 0) && changes <= 2 && retried <= 3 && wrong <= 1 &&
		2*(largestTie(s.backups)+2) < s.pageSize()
}

// largestTie is the most backups that began in one second.
func largestTie(backups []modelBackup) int {
	largest, run := 0, 0
	for i, b := range backups {
		if i > 0 && b.begin.Equal(backups[i-1].begin) {
			run++
		} else {
			run = 1
		}
		largest = max(largest, run)
	}
	return largest
}

func (s scenario) String() string {
	var events []string
	for _, at := range slices.Sorted(func(yield func(int) bool) {
		for k := range s.script {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, e := range s.script[at] {
			events = append(events, fmt.Sprintf("%s at request %d", e, at))
		}
	}
	kind := "backups"
	if s.incremental {
		kind = "incremental backups"
	}
	return fmt.Sprintf("%d %s (at most %d tied), mode %+v, concurrency %d, events: %s",
		len(s.backups), kind, largestTie(s.backups), s.mode, s.concurrency, strings.Join(events, ", "))
}

// TestListingIsExactOrAnError is the listing's promise as a property: for
// any scenario that keeps the proof's assumptions, the listing holds every
// backup that lasted through it, each once, and nothing the API never
// served; or it is an error. And when the API misbehaves only in ways the
// proof recovers from (any one wrong answer among them), it is not an
// error.
func TestListingIsExactOrAnError(t *testing.T) {
	if f := flag.Lookup("rapid.checks"); f != nil && !flagWasSet("rapid.checks") {
		_ = f.Value.Set(fmt.Sprint(listingCases))
		defer func() { _ = f.Value.Set(f.DefValue) }()
	}
	var exact, mustSucceed, failed, outside int
	defer func() {
		t.Logf("%d listings exact (%d of them where no error was allowed), %d failed with an error, "+
			"%d outside the proof's assumptions", exact, mustSucceed, failed, outside)
	}()
	rapid.Check(t, func(t *rapid.T) {
		s := drawScenario(t)
		api := newModelAPI(s.backups, s.mode, s.script, s.seed)
		opts := HTTPOptions{MaxRetries: 4, RetryWaitMin: time.Microsecond, RetryWaitMax: time.Microsecond, Transport: api}
		c, err := New(Options{Endpoint: "https://gaussdb.example", ProjectID: testProject, Auth: tokenAuth{testToken},
			MaxConcurrentRequests: s.concurrency, HTTPOptions: opts})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var ids []string
		if s.incremental {
			listing, listErr := c.ListIncrementalBackups(ctx, IncrementalBackupQuery{InstanceID: "i1"})
			for _, b := range listing.Backups {
				ids = append(ids, b.ID)
			}
			err = listErr
		} else {
			listing, listErr := c.ListBackups(ctx, BackupQuery{})
			for _, b := range listing.Backups {
				ids = append(ids, b.ID)
			}
			err = listErr
		}
		if err != nil {
			if s.mustSucceed() {
				t.Fatalf("%s\nfailed: %v", s, err)
			}
			failed++
			return
		}
		if !s.keepsA3() || !s.keepsA4() {
			outside++
			return
		}
		listed := map[string]bool{}
		for _, id := range ids {
			if listed[id] {
				t.Fatalf("%s\nlisted %s twice", s, id)
			}
			listed[id] = true
			if !api.ever[id] {
				t.Fatalf("%s\nlisted %s, which the API never served", s, id)
			}
		}
		for _, id := range api.lasting(s.backups) {
			if !listed[id] {
				t.Fatalf("%s\nlisted %d backups with no error, but not %s, which lasted through the listing",
					s, len(ids), id)
			}
		}
		exact++
		if s.mustSucceed() {
			mustSucceed++
		}
	})
}

// flagWasSet says whether a flag was given on the command line.
func flagWasSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
