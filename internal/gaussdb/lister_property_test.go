package gaussdb

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
	"pgregory.net/rapid"
)

// listingCases is how many listings the property test runs in make test;
// -rapid.checks, when given, says otherwise (make fuzz runs many more).
const listingCases = 1000

// scenario is one listing against the model API: the backups, how the API
// reads what its pages leave open and misbehaves throughout, the query's
// window, and what happens at which request.
type scenario struct {
	backups     []modelBackup
	mode        modelMode
	script      map[int][]modelEvent
	concurrency int
	seed        uint64
	// incremental lists incremental backups (pages of 50) instead of
	// backups (pages of 100).
	incremental bool
	// begin and end are the query's window (zero: none); now is the
	// client's clock.
	begin, end, now time.Time
}

// modelNewest is when the newest backup of a drawn scenario began.
var modelNewest = time.Date(2025, 12, 31, 23, 0, 0, 0, time.FixedZone("", 8*3600))

// drawScenario draws a scenario: up to 450 backups, often tied in the
// same second, each lasting up to a drawn span (so that they overlap, or
// not at all), some still running; a reading of each question the API's
// pages leave open; a mode for counts, caps and offsets; a window; and up
// to eight events, each at one of the first 30 requests.
func drawScenario(t *rapid.T) scenario {
	n := rapid.IntRange(0, 450).Draw(t, "backups")
	tiePercent := rapid.IntRange(0, 60).Draw(t, "tie percent")
	incremental := rapid.IntRange(0, 3).Draw(t, "incremental") == 0
	longest := rapid.SampledFrom([]time.Duration{0, time.Second, 30 * time.Second, 4 * time.Minute, 3 * time.Hour}).
		Draw(t, "longest run")
	runningPercent := 0
	offsitePercent := 0
	if incremental {
		// Every incremental backup has an end_time (see ListIncrementalBackups).
		offsitePercent = rapid.IntRange(0, 30).Draw(t, "offsite percent")
	} else {
		runningPercent = rapid.SampledFrom([]int{0, 0, 1, 10}).Draw(t, "running percent")
	}
	seed := rapid.Uint64().Draw(t, "seed")
	rng := rand.New(rand.NewPCG(seed, 1))
	backups := make([]modelBackup, n)
	at := modelNewest
	for i := range backups {
		if i > 0 && rng.IntN(100) >= tiePercent {
			at = at.Add(-time.Duration(1+rng.IntN(3600)) * time.Second)
		}
		b := modelBackup{id: fmt.Sprintf("b%04d", i), begin: at, offsite: rng.IntN(100) < offsitePercent}
		if rng.IntN(100) >= runningPercent {
			b.end = at.Add(time.Duration(rng.Int64N(int64(longest) + 1)).Truncate(time.Second))
		}
		backups[i] = b
	}
	mode := modelMode{
		counts:         modelCounts(rapid.IntRange(0, int(numCountModes)-1).Draw(t, "counts")),
		countShift:     rapid.IntRange(1, 200).Draw(t, "count shift"),
		pageCap:        rapid.SampledFrom([]int{0, 0, 0, 0, 20, 30, 50, 99}).Draw(t, "page cap"),
		offsetAsPage:   rapid.IntRange(0, 9).Draw(t, "offset as page") == 0,
		window:         modelWindow(rapid.IntRange(0, int(numModelWindows)-1).Draw(t, "window on")),
		lowerExclusive: rapid.Bool().Draw(t, "begin_time exclusive"),
		upperExclusive: rapid.Bool().Draw(t, "end_time exclusive"),
		runningOut:     rapid.Bool().Draw(t, "running backups out of windows"),
		oldestFirst:    incremental && rapid.IntRange(0, 2).Draw(t, "oldest first") == 0,
		offsiteIgnored: incremental && rapid.Bool().Draw(t, "offsite switch ignored"),
		neverRunning:   incremental,
	}
	script := map[int][]modelEvent{}
	for range rapid.IntRange(0, 8).Draw(t, "events") {
		at := rapid.IntRange(0, 29).Draw(t, "at request")
		script[at] = append(script[at], modelEvent(rapid.IntRange(0, int(numEvents)-1).Draw(t, "event")))
	}
	s := scenario{backups: backups, mode: mode, script: script, seed: seed, incremental: incremental,
		concurrency: rapid.SampledFrom([]int{1, 2, 4}).Draw(t, "concurrency"),
		now:         modelNewest.Add(time.Duration(rapid.IntRange(1, 7200).Draw(t, "now after newest")) * time.Second)}
	// A window a quarter of the time: bounds at backups' begin seconds (or
	// a second either side), or past now.
	if n > 0 && rapid.IntRange(0, 3).Draw(t, "window") == 0 {
		bound := func(label string) time.Time {
			b := backups[rapid.IntRange(0, n-1).Draw(t, label+" at backup")].begin
			return b.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, label+" shift")) * time.Second)
		}
		s.begin, s.end = bound("begin"), bound("end")
		if s.end.Before(s.begin) {
			s.begin, s.end = s.end, s.begin
		}
		if rapid.IntRange(0, 3).Draw(t, "end in the future") == 0 {
			s.end = s.now.Add(time.Hour)
		}
		if !incremental && rapid.Bool().Draw(t, "one bound only") {
			if rapid.Bool().Draw(t, "which") {
				s.begin = time.Time{}
			} else {
				s.end = time.Time{}
			}
		}
		if !s.end.After(s.begin) {
			s.end = s.begin.Add(time.Second)
		}
	}
	return s
}

// wanted says whether a backup is one the listing must hold when it lasts:
// in the window by its begin_time, and not a copy in another region.
func (s scenario) wanted(b modelBackup) bool {
	return (s.begin.IsZero() || !b.begin.Before(s.begin)) && (s.end.IsZero() || !b.begin.After(s.end)) &&
		(!s.incremental || !b.offsite)
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
		believed := s.served() - s.mode.countShift
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
	// The model answers a request with the last fault scripted for it.
	fault := func(n int) (modelEvent, bool) {
		for i := len(s.script[n]) - 1; i >= 0; i-- {
			if e := s.script[n][i]; !e.changesList() {
				return e, true
			}
		}
		return 0, false
	}
	for n := range s.script {
		e, ok := fault(n)
		if !ok || !e.wrongAnswer() {
			continue
		}
		next := n + 1
		for f, ok := fault(next); ok && f.retried(); f, ok = fault(next) {
			next++
		}
		if f, ok := fault(next); ok && f.wrongAnswer() {
			return false
		}
	}
	return true
}

// served is how many backups the model's unbounded answers count: offsite
// copies of incremental backups only when the switch is ignored.
func (s scenario) served() int {
	n := 0
	for _, b := range s.backups {
		if !s.incremental || !b.offsite || s.mode.offsiteIgnored {
			n++
		}
	}
	return n
}

// keepsA6 says whether every backup still running is among the newest
// page (A6 of the proof), or the API keeps running backups in windows, so
// that a running backup left out of every window would be seen.
func (s scenario) keepsA6() bool {
	if !s.mode.runningOut {
		return true
	}
	for i, b := range s.backups {
		if b.end.IsZero() && i >= s.pageSize()/2 {
			return false
		}
	}
	return true
}

// mustSucceed says whether the listing must give the exact list: the API
// misbehaves in ways the proof recovers from. The rest may also end in an
// error (never in a wrong list): a count that says more than the pages
// hold, more tied backups than half a page, several wrong answers at once,
// or a reading under which only offsets can prove the list (see
// needsOffsets) with an API that misreads them.
func (s scenario) mustSucceed() bool {
	changes, deletions, retried, wrong := s.events()
	// A backup created ties with the newest at most; two may be created.
	return s.keepsA3() && s.mode.counts != countHigh && (!s.needsOffsets() || !s.mode.offsetAsPage) &&
		(s.mode.counts != countCached || deletions == 0) && changes <= 2 && retried <= 3 && wrong <= 1 &&
		2*(largestTie(s.backups)+2) < s.pageSize()
}

// needsOffsets says whether the scenario's reading leaves the lister only
// offsets to prove the list with: oldest first, end_time compared with
// each backup's end_time or not applied, running backups left out of
// windows, or no backup lasting the two seconds that show how end_time is
// read.
func (s scenario) needsOffsets() bool {
	if s.mode.oldestFirst || s.mode.window == windowOnEnd || s.mode.window == windowIgnored {
		return true
	}
	created := false
	for _, events := range s.script {
		created = created || slices.Contains(events, eventCreate)
	}
	if s.mode.runningOut && (created && !s.mode.neverRunning ||
		slices.ContainsFunc(s.backups, func(b modelBackup) bool { return b.end.IsZero() })) {
		return true // running backups left out of every window
	}
	for _, b := range s.backups {
		if !b.end.IsZero() && !b.end.Before(b.begin.Add(2*time.Second)) {
			return false
		}
	}
	return true
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
	window := "none"
	if !s.begin.IsZero() || !s.end.IsZero() {
		window = fmt.Sprintf("[%s, %s] (now %s)", s.begin.Format(time.RFC3339), s.end.Format(time.RFC3339),
			s.now.Format(time.RFC3339))
	}
	return fmt.Sprintf("%d %s (at most %d tied), mode %+v, window %s, concurrency %d, events: %s",
		len(s.backups), kind, largestTie(s.backups), s.mode, window, s.concurrency, strings.Join(events, ", "))
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
		c := s.client(t, api)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var ids []string
		var err error
		if s.incremental {
			listing, listErr := c.ListIncrementalBackups(ctx, IncrementalBackupQuery{InstanceID: "i1",
				BeginTime: s.begin, EndTime: s.end})
			for _, b := range listing.Backups {
				ids = append(ids, b.ID)
			}
			err = listErr
		} else {
			listing, listErr := c.ListBackups(ctx, BackupQuery{BeginTime: s.begin, EndTime: s.end})
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
		if !s.keepsA3() || !s.keepsA4() || !s.keepsA6() {
			outside++
			return
		}
		lasting := api.lasting(s.backups)
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
		for _, b := range s.backups {
			if !listed[b.id] && s.wanted(b) && slices.Contains(lasting, b.id) {
				t.Fatalf("%s\nlisted %d backups with no error, but not %s, which lasted through the listing",
					s, len(ids), b.id)
			}
			if listed[b.id] && !s.wanted(b) {
				t.Fatalf("%s\nlisted %s, which the query does not select", s, b.id)
			}
		}
		exact++
		if s.mustSucceed() {
			mustSucceed++
		}
	})
}

// client returns a client of the scenario's model API, at its clock.
func (s scenario) client(t *rapid.T, api http.RoundTripper) *Client {
	opts := transport.Options{MaxRetries: 4, RetryWaitMin: time.Microsecond, RetryWaitMax: time.Microsecond, Transport: api}
	c, err := New(Options{Endpoint: "https://gaussdb.example", ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		MaxConcurrentRequests: s.concurrency, HTTP: opts, Now: func() time.Time { return s.now }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// flagWasSet says whether a flag was given on the command line.
func flagWasSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
