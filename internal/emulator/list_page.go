package emulator

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"time"
)

// listed is what the listing faults need of an item of a listing API.
type listed[T any] interface {
	begins() time.Time
	// impostor is the item with another begin_time: a record that claims
	// the item's id.
	impostor() T
	// wireWith is the item as the API writes it, with quirks.
	wireWith(quirks Quirks) any
}

// serveList answers the nth request of a listing API: the items of list
// (newest first; guarded by s.mu) that keep selects (nil: all), oldest first
// when asked, from offset, at most limit, with the faults that change what
// an answer holds.
func serveList[T listed[T]](s *Server, w http.ResponseWriter, r *http.Request, n int64, list *[]T, keep func(T) bool,
	offset, limit int, oldestFirst bool,
) {
	faults := s.opts.Faults
	switch {
	case faults.IgnoreOffset:
		offset = 0
	case faults.OffsetAsPage:
		offset *= limit
	}
	if faults.PageCap > 0 {
		limit = min(limit, faults.PageCap)
	}
	s.mu.Lock()
	s.settleJobs()
	matching := *list
	if keep != nil || faults.ShuffleTies || oldestFirst {
		matching = make([]T, 0, len(*list))
		for _, item := range *list {
			if keep == nil || keep(item) {
				matching = append(matching, item)
			}
		}
	}
	if oldestFirst {
		slices.Reverse(matching)
	}
	if faults.ShuffleTies {
		shuffleTies(matching)
	}
	// A copy: the list may change once the lock is released.
	page := slices.Clone(matching[min(offset, len(matching)):min(offset+limit, len(matching))])
	s.mu.Unlock()
	count := s.cachedCount(r.URL.Query(), len(matching)) + faults.TotalCountExtra
	page = wrongPage(faults, page, n)
	if every(faults.NoListEvery, n) {
		writeJSON(w, http.StatusOK, map[string]any{})
		return
	}
	items := make([]any, len(page))
	for i, item := range page {
		items[i] = item.wireWith(s.opts.Quirks)
	}
	s.writeList(w, items, count, every(faults.DropMidBodyEvery, n))
}

// writeList writes one answer of a listing API as the API does, or as the
// quirks say; drop sends half of it and closes the connection.
func (s *Server) writeList(w http.ResponseWriter, items []any, totalCount int, drop bool) {
	body := map[string]any{"backups": items, "total_count": totalCount}
	if s.opts.Quirks.Sparse {
		delete(body, "total_count")
		if len(items) == 0 {
			body["backups"] = nil
		}
	}
	if drop {
		writeHalfAndDrop(w, body)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// wrongPage applies the faults that change what an answer holds.
func wrongPage[T listed[T]](f Faults, page []T, n int64) []T {
	switch {
	case every(f.EmptyPageEvery, n):
		return nil
	case every(f.RepeatIDEvery, n) && len(page) > 1:
		page = slices.Clone(page)
		page[len(page)-1] = page[0].impostor()
	}
	return page
}

// shuffleTies orders items that began in the same second anew.
func shuffleTies[T listed[T]](items []T) {
	for start := 0; start < len(items); {
		end := start + 1
		for end < len(items) && items[end].begins().Equal(items[start].begins()) {
			end++
		}
		tied := items[start:end]
		rand.Shuffle(len(tied), func(i, j int) { tied[i], tied[j] = tied[j], tied[i] })
		start = end
	}
}

// deleteNearFront deletes one of the five newest items of list before the
// nth request when DeleteNearFrontEvery says so.
func deleteNearFront[T any](s *Server, list *[]T, n int64) {
	if !every(s.opts.Faults.DeleteNearFrontEvery, n) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(*list) > 0 {
		i := int(n) % min(5, len(*list))
		*list = slices.Delete(*list, i, i+1)
	}
}
