package listing

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/sync/errgroup"
)

// Pass 1, by count (newest first, with no floor; concurrent; ceil(N/L)
// requests when the API is right). Page 0 gives total_count C. The pages
// at offsets L, 2L, ... below C are read at once (each with the listing's
// end_time, if any), and the pass succeeds when
//
//	(1a) every answer says total_count C,
//	(1b) every page holds L backups but the last, which holds the rest of C,
//	(1c) no backup is on two pages, and
//	(1d) each page is newest first, and where two pages meet the later
//	     page's first backup is no newer than the earlier page's last.
//
// Why that is every lasting backup: say the backups around the start of
// page k have moved by s_k positions since page 0 was read (backups
// created since push them back, by A2; backups deleted ahead pull them
// forward), s_0 = 0. A backup is missed between pages k and k+1 only if
// s_{k+1} < s_k, and one lands on both only if s_{k+1} > s_k, which (1c)
// excludes: so the s_k never rise. By (1b) the last page ends at position C
// at its moment, so the list then had at least C backups, as many as at
// page 0's (A3): every deletion since is matched by a creation, which is
// in front of everything (A2), so s_last >= 0 = s_0. Shifts that never rise
// and end where they began never fell: no backup was missed. Backups that
// began in the same second may come in another order in each answer, so
// where such a group straddles two pages, positions name different backups
// in the two answers; still, page k holds a of the group's g and page k+1,
// shifted by s, holds g - a + s of them: with s > 0 one is on both pages
// (1c), and with s = 0 they are g different backups when none is on both,
// every one of the group. So the argument holds with ties. A page that breaks (1a) or (1b)
// stops the pass at once, so a wrong count costs a few requests, not
// C/L; any failed check leads to pass 2 or 3. Oldest first, A2 puts new
// backups behind every page, where they move nothing: a deletion matched
// by a creation would then go unseen, so pass 1 is not used.

// errNotProven stops pass 1 at the first answer that contradicts it.
var errNotProven = errors.New("pass 1 not proven")

// byCount is pass 1: the pages that page 0's total_count announces, read
// at once. It returns the records, or why they are not proven complete.
func (l *lister[T]) byCount(ctx context.Context, first Page[T]) (records []T, notProven string, err error) {
	total := first.count.value
	pageSize := l.limit
	if len(first.records) < l.limit {
		// The API serves fewer than asked (a cap, or a fault): pass 1
		// reads pages of that size, and proves them or not.
		pageSize = len(first.records)
	}
	if why := disagreement(first, total, pageSize); why != "" {
		return nil, why, nil
	}
	var offsets []int
	for offset := pageSize; int64(offset) < total && len(offsets) < maxPages; offset += pageSize {
		offsets = append(offsets, offset)
	}
	pages, notProven, err := l.fetchAgreeing(ctx, offsets, total, pageSize)
	if err != nil || notProven != "" {
		return nil, notProven, err
	}
	pages = append([]Page[T]{first}, pages...)
	set := newRecordSet[T](l.maxBytes, int(total))
	for i, p := range pages {
		if disorder, _ := p.check(true); disorder != "" {
			return nil, disorder, nil
		}
		for _, r := range p.records {
			if set.has(r.RecordID()) {
				return nil, fmt.Sprintf("backup %q is on two pages, the second at offset %d", r.RecordID(), p.req.Offset), nil
			}
		}
		if err := set.add(p.records); err != nil {
			return nil, "", err
		}
		if i == 0 {
			continue
		}
		newer, ok := pages[i-1].lastTime()
		older, alsoOK := p.firstTime()
		if ok && alsoOK && older.After(newer) {
			return nil, fmt.Sprintf("the pages at offsets %d and %d meet at backups that began at %s and %s",
				pages[i-1].req.Offset, p.req.Offset, newer.Format(time.RFC3339), older.Format(time.RFC3339)), nil
		}
	}
	return set.records, "", nil
}

// fetchAgreeing reads the pages at offsets, at most l.concurrency at once,
// and stops at the first that disagrees with total (the reason is
// returned) or fails (the error is).
func (l *lister[T]) fetchAgreeing(ctx context.Context, offsets []int, total int64, pageSize int) ([]Page[T], string, error) {
	pages := make([]Page[T], len(offsets))
	var (
		mu        sync.Mutex
		notProven string
		bytes     int64
		records   int
	)
	group, groupCtx := errgroup.WithContext(ctx)
	group.SetLimit(l.concurrency)
	for i, offset := range offsets {
		if groupCtx.Err() != nil {
			break
		}
		group.Go(func() error {
			// Each goroutine logs with fields of its own: terraform-plugin-log
			// masks secrets by writing into the context's field map, which
			// goroutines sharing one context would write at once.
			pageCtx := tflog.SetField(groupCtx, "page_offset", offset)
			// The limit asked for stays the API's largest, whatever the
			// stride: some APIs take only a few limits (10, 20 or 50).
			p, err := l.read(pageCtx, l.request(offset))
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			if why := disagreement(p, total, pageSize); why != "" {
				if notProven == "" {
					notProven = why
				}
				return errNotProven
			}
			for _, r := range p.records {
				bytes += int64(r.RecordSize())
			}
			records += len(p.records)
			if l.maxBytes > 0 && bytes > l.maxBytes {
				return &TooLargeError{Limit: l.maxBytes, Records: records}
			}
			pages[i] = p
			return nil
		})
	}
	if err := group.Wait(); err != nil {
		if errors.Is(err, errNotProven) {
			return nil, notProven, nil
		}
		return nil, "", err
	}
	return pages, "", nil
}

// disagreement says how a page read by offset contradicts total, the count
// of page 0 (empty when it does not), and notes a count shown too low.
func disagreement[T Record[T]](p Page[T], total int64, pageSize int) string {
	want := min(int64(pageSize), max(total-int64(p.req.Offset), 0))
	switch {
	case !p.count.known || p.count.value != total:
		return fmt.Sprintf("total_count went from %d to %s (%s)", total, p.count, p.req)
	case int64(len(p.records)) != want:
		return fmt.Sprintf("the answer (%s) held %d backups where total_count %d makes %d", p.req, len(p.records), total, want)
	}
	return ""
}
