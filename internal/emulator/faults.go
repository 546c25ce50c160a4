package emulator

import (
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Faults are misbehaviours a test can switch on, each seen in the wild:
// throttling, flaky gateways, lying counts, backups created mid-listing,
// servers that ignore offset, HTML error pages and stalled answers. Counts
// are deterministic: "every Nth" counts the API's backups requests.
type Faults struct {
	// FailEachPageOnce answers the first request for each distinct page
	// (query string) with this status, e.g. 503; 0 is off.
	FailEachPageOnce int
	// ThrottleEvery answers every Nth backups request with 429 APIGW.0308
	// and the header Retry-After: RetryAfter (when set); 0 is off.
	ThrottleEvery int
	RetryAfter    string
	// ServerErrorEvery answers every Nth backups request with 500; 0 is off.
	ServerErrorEvery int
	// HTMLErrorEvery answers every Nth backups request with a 502 HTML page
	// from a proxy; 0 is off.
	HTMLErrorEvery int
	// DropEvery closes the connection of every Nth backups request without
	// an answer, as a load balancer that restarts does; 0 is off.
	DropEvery int
	// TotalCountExtra is added to every total_count: a count that lies.
	TotalCountExtra int
	// GrowDuringListings creates a new, newest backup right after serving
	// the first page of a listing (offset 0), for this many listings.
	GrowDuringListings int
	// GrowEvery creates a new, newest backup before answering every Nth
	// backups request, as a steady stream of new backups would; 0 is off.
	GrowEvery int
	// IgnoreOffset serves the first page whatever the offset.
	IgnoreOffset bool
	// OffsetAsPage reads offset as a page number: offset=100 with limit=100
	// starts at backup 10,000.
	OffsetAsPage bool
	// Stall accepts requests and never answers them (until the client
	// gives up or the server closes).
	Stall bool
	// PageCap serves at most this many backups per answer, whatever limit
	// says, while total_count counts them all; 0 is off.
	PageCap int
	// EmptyPageEvery answers every Nth backups request with no backups and
	// the true total_count, once; 0 is off.
	EmptyPageEvery int
	// ShuffleTies orders backups that began in the same second anew for
	// each answer, as a database does for rows tied on ORDER BY.
	ShuffleTies bool
	// DropMidBodyEvery sends half of every Nth answer and then closes the
	// connection; 0 is off.
	DropMidBodyEvery int
	// DeleteNearFrontEvery deletes one of the five newest backups before
	// every Nth backups request; 0 is off.
	DeleteNearFrontEvery int
	// CachedCount answers each query (paging aside) with the total_count
	// it gave the first time, however the backups change since.
	CachedCount bool
	// ErrorIn200Every answers every Nth backups request with HTTP 200 and
	// an error body, as some gateways do; 0 is off.
	ErrorIn200Every int
	// RepeatIDEvery puts the first backup of every Nth answer in it twice,
	// the second time with another begin_time; 0 is off.
	RepeatIDEvery int
	// NoListEvery answers every Nth listing request with {}: no backups
	// member and no total_count; 0 is off.
	NoListEvery int
}

// injectFault answers the request with a fault when one is due, and says
// whether it did.
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request, n int64) bool {
	f := s.opts.Faults
	if f.Stall {
		<-r.Context().Done()
		return true
	}
	if f.FailEachPageOnce != 0 && s.firstTimeFor(r.URL.RawQuery) {
		s.writeError(w, r, f.FailEachPageOnce, "DBS.200500", untranslated(http.StatusText(f.FailEachPageOnce)))
		return true
	}
	if every(f.ThrottleEvery, n) {
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		s.writeError(w, r, http.StatusTooManyRequests, "APIGW.0308",
			untranslated("The throttling threshold has been reached: policy user over ratelimit,limit:200,time:5 minute"))
		return true
	}
	if every(f.ServerErrorEvery, n) {
		s.writeError(w, r, http.StatusInternalServerError, "DBS.200500", untranslated("Internal server error"))
		return true
	}
	if every(f.DropEvery, n) {
		if hijacker, ok := w.(http.Hijacker); ok {
			if conn, _, err := hijacker.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
	}
	if every(f.ErrorIn200Every, n) {
		s.writeError(w, r, http.StatusOK, "DBS.280343", untranslated("Internal error."))
		return true
	}
	if every(f.HTMLErrorEvery, n) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"))
		return true
	}
	return false
}

// firstTimeFor says whether a page is asked for the first time.
func (s *Server) firstTimeFor(query string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failedPages[query] {
		return false
	}
	s.failedPages[query] = true
	return true
}

// growAfterFirstPage creates a backup after the first page of a listing was
// served, while GrowDuringListings lasts.
func (s *Server) growAfterFirstPage(offset int) {
	if offset != 0 {
		return
	}
	s.mu.Lock()
	grow := s.grown < s.opts.Faults.GrowDuringListings
	s.mu.Unlock()
	if grow {
		s.grow()
	}
}

// cachedCount returns the total_count first answered to the query (paging
// aside) when CachedCount is on, or count.
func (s *Server) cachedCount(query url.Values, count int) int {
	if !s.opts.Faults.CachedCount {
		return count
	}
	key := maps.Clone(query)
	key.Del("offset")
	key.Del("limit")
	s.mu.Lock()
	defer s.mu.Unlock()
	if first, ok := s.counts[key.Encode()]; ok {
		return first
	}
	s.counts[key.Encode()] = count
	return count
}

// growEvery creates a backup before the nth backups request when GrowEvery
// says so.
func (s *Server) growEvery(n int64) {
	if every(s.opts.Faults.GrowEvery, n) {
		s.grow()
	}
}

// grow creates a new backup, newer than every other, as a backup starting
// now does.
func (s *Server) grow() {
	s.mu.Lock()
	s.grown++
	n := s.grown
	newest := time.Now()
	if len(s.backups) > 0 && !s.backups[0].BeginTime.Before(newest) {
		newest = s.backups[0].BeginTime
	}
	s.mu.Unlock()
	s.AddBackup(grownBackup(n, newest.Add(time.Minute)))
}

// grownBackup is the nth backup that a growth fault creates, starting at
// begin: tests recognise it by its id prefix, "grown".
func grownBackup(n int, begin time.Time) Backup {
	return Backup{
		ID:         "grown" + strconv.Itoa(n) + "0000000000000000000000000000br07",
		Name:       "GaussDBforMySQL-grown-" + strconv.Itoa(n),
		InstanceID: SeedInstanceA, InstanceName: "orders-db",
		BeginTime: begin, Status: "BUILDING", Type: "auto",
		Datastore: Datastore{Type: datastoreType, Version: "8.0"},
	}
}

func every(n int, count int64) bool {
	return n > 0 && count%int64(n) == 0
}
