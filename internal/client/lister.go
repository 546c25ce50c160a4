package client

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/sync/errgroup"
)

// maxInOrderAttempts bounds how often a listing in offset order is started
// again after backups were deleted under it.
const maxInOrderAttempts = 3

// lister reads every page of one query.
type lister struct {
	fetch       func(ctx context.Context, offset int) (page, error)
	concurrency int
	warnings    []string
	warnedCount bool
}

// list reads the pages concurrently when the first page says how many there
// are, and in offset order when it does not or when the concurrent pass did
// not add up.
func (l *lister) list(ctx context.Context) ([]Backup, error) {
	first, err := l.fetch(ctx, 0)
	if err != nil {
		return nil, err
	}
	if !first.countKnown {
		l.warnings = append(l.warnings, "the API's answer gave no total_count, so the pages were read one after "+
			"another until a short one")
		return l.readInOrder(ctx, &first)
	}
	backups, changed, err := l.readConcurrently(ctx, first)
	if err != nil || changed == "" {
		return backups, err
	}
	tflog.Debug(ctx, "backups changed while their pages were read concurrently; reading them again in offset order",
		map[string]any{"reason": changed})
	return l.readInOrder(ctx, nil)
}

// readConcurrently reads the pages that first's total_count announces, at
// most l.concurrency at once, so that N backups take ceil(N/100) requests.
// changed says why the pages do not make one list, or is empty when they do.
func (l *lister) readConcurrently(ctx context.Context, first page) (backups []Backup, changed string, err error) {
	set := newBackupSet()
	set.add(first.backups)
	l.noteCount(first)
	following := int(min((first.total+pageSize-1)/pageSize, maxPages)) - 1
	offsets := make([]int, 0, max(following, 0))
	for i := 1; i <= following; i++ {
		offsets = append(offsets, i*pageSize)
	}
	pages, err := l.fetchPages(ctx, offsets)
	if err != nil {
		return nil, "", err
	}
	last := first
	for _, p := range pages {
		if !p.countKnown || p.total != first.total {
			return nil, fmt.Sprintf("total_count went from %d to %s", first.total, countText(p)), nil
		}
		fresh := set.add(p.backups)
		if fresh == 0 && len(p.backups) > 0 && first.full() {
			return nil, "", fmt.Errorf("page at offset %d: %w", p.offset, errOffsetIgnored)
		}
		if fresh < len(p.backups) {
			return nil, fmt.Sprintf("a backup was on two pages (page at offset %d)", p.offset), nil
		}
		l.noteCount(p)
		last = p
	}
	if last.full() && last.countIsLow() {
		// total_count was too low: the rest can only be found by reading on.
		changed, err := l.continueInOrder(ctx, set, last)
		return set.backups, changed, err
	}
	return set.backups, "", nil
}

// readInOrder reads the pages one after another, from offset 0 (or from
// first, already read) until a short page. Each page after the first starts
// at the last backup of the one before, and must hold it: then nothing
// between them can have been missed, whatever was added at the front (which
// only pushes backups already read onto the next page, where they are
// recognised by id). A page that does not hold it means backups were
// deleted ahead of the reading; the listing then starts again.
func (l *lister) readInOrder(ctx context.Context, first *page) ([]Backup, error) {
	var changed string
	for attempt := 1; attempt <= maxInOrderAttempts; attempt++ {
		var start page
		if first != nil {
			start, first = *first, nil
		} else {
			var err error
			if start, err = l.fetch(ctx, 0); err != nil {
				return nil, err
			}
		}
		set := newBackupSet()
		set.add(start.backups)
		l.noteCount(start)
		var err error
		if changed, err = l.continueInOrder(ctx, set, start); err != nil {
			return nil, err
		}
		if changed == "" {
			return set.backups, nil
		}
		tflog.Debug(ctx, "backups changed while their pages were read in order; reading them again",
			map[string]any{"reason": changed, "attempt": attempt})
	}
	return nil, fmt.Errorf("the list of backups changed under the listing %d times in a row (%s): backups "+
		"deleted while the list is read can hide others, so no list was returned rather than one that may lack "+
		"backups. Try again", maxInOrderAttempts, changed)
}

// continueInOrder reads on from p, a page already in set, until a short
// page. changed is why the pages did not join up, or empty when they did.
func (l *lister) continueInOrder(ctx context.Context, set *backupSet, p page) (changed string, err error) {
	for pages := 1; p.full(); pages++ {
		if pages == maxPages {
			return "", fmt.Errorf("stopped after %d pages: the server keeps sending more", maxPages)
		}
		anchor := p.backups[len(p.backups)-1].ID
		next, err := l.fetch(ctx, int(p.end())-1)
		if err != nil {
			return "", err
		}
		at := slices.IndexFunc(next.backups, func(b Backup) bool { return b.ID == anchor })
		switch {
		case at < 0:
			return fmt.Sprintf("backup %s, last of the page at offset %d, was not at the start of the next page",
				anchor, p.offset), nil
		case at == len(next.backups)-1 && next.full():
			return "", fmt.Errorf("page at offset %d: %w", next.offset, errOffsetIgnored)
		}
		set.add(next.backups)
		l.noteCount(next)
		p = next
	}
	return "", nil
}

// fetchPages reads the pages at offsets, at most l.concurrency at once. The
// first failure cancels the others and is returned.
func (l *lister) fetchPages(ctx context.Context, offsets []int) ([]page, error) {
	pages := make([]page, len(offsets))
	group, ctx := errgroup.WithContext(ctx)
	group.SetLimit(l.concurrency)
	for i, offset := range offsets {
		group.Go(func() error {
			// Each goroutine logs with fields of its own: terraform-plugin-log
			// masks secrets by writing into the context's field map, which
			// goroutines sharing one context would write at once.
			pageCtx := tflog.SetField(ctx, "page_offset", offset)
			var err error
			pages[i], err = l.fetch(pageCtx, offset)
			return err
		})
	}
	return pages, group.Wait()
}

// noteCount warns, once, when a page shows that total_count is wrong.
func (l *lister) noteCount(p page) {
	if l.warnedCount || !p.countIsWrong() {
		return
	}
	l.warnedCount = true
	l.warnings = append(l.warnings, fmt.Sprintf("the API reported total_count %d, but its page at offset %d "+
		"ended at backup %d: the count is wrong, so every page was read until a short one", p.total, p.offset, p.end()))
}

// countText writes a page's total_count, or says it had none.
func countText(p page) string {
	if !p.countKnown {
		return "none"
	}
	return fmt.Sprint(p.total)
}

// backupSet holds backups in the order first seen, each once.
type backupSet struct {
	backups []Backup
	seen    map[string]struct{}
}

func newBackupSet() *backupSet {
	return &backupSet{seen: map[string]struct{}{}}
}

// add adds the backups not yet in the set and says how many that was.
func (s *backupSet) add(backups []Backup) int {
	fresh := 0
	for _, b := range backups {
		if _, dup := s.seen[b.ID]; dup {
			continue
		}
		s.seen[b.ID] = struct{}{}
		s.backups = append(s.backups, b)
		fresh++
	}
	return fresh
}
