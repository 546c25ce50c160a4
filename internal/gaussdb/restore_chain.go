package gaussdb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// restoreChainSlack is how far a span of the API's window may fall short of
// the chain's at either end and still agree with it: binlogs' times are
// whole seconds, the window's milliseconds.
const restoreChainSlack = time.Second

// logLookBehind is how long before a full backup's end a binlog that covers
// that end may have begun: binlogs are uploaded every few minutes, never
// holding a day.
const logLookBehind = 24 * time.Hour

// chainSpan is a span that a full backup and the binlogs after it, without
// a gap, make restorable.
type chainSpan struct {
	TimeRange
	base Backup
	// logs is how many binlogs the span runs through.
	logs int
}

// restoreChain is what an instance's restorable full backups and its
// binlogs in the instance's region make restorable.
type restoreChain struct {
	instanceID string
	spans      []chainSpan
	// listed is how many binlogs were read.
	listed int
}

// restorable says whether a full backup can be restored from: COMPLETED or
// AVAILABLE, with both times.
func restorable(b Backup, instanceID string) bool {
	return b.InstanceID == instanceID && (b.Status == StatusCompleted || b.Status == StatusAvailable) &&
		!b.BeginTime.IsZero() && !b.EndTime.IsZero()
}

// chainFrom reads the instance's binlogs from a day before from to to, and
// derives what bases and those binlogs make restorable.
func (c *Client) chainFrom(ctx context.Context, instanceID string, bases []Backup, from, to time.Time) (restoreChain, error) {
	chain := restoreChain{instanceID: instanceID}
	if len(bases) == 0 || !to.After(from) {
		return chain, nil
	}
	logs, err := c.ListIncrementalBackups(ctx, IncrementalBackupQuery{InstanceID: instanceID,
		BeginTime: from.Add(-logLookBehind), EndTime: to.Truncate(time.Second)})
	if err != nil {
		return chain, fmt.Errorf("reading the binlogs that the restore window is checked against: %w", err)
	}
	chain.listed = len(logs.Backups)
	chain.spans = restorableSpans(bases, logs.Backups)
	return chain, nil
}

// restorableSpans derives what each full backup makes restorable: from its
// end, as far as the binlogs in its region run on without a gap.
func restorableSpans(bases []Backup, logs []IncrementalBackup) []chainSpan {
	logs = slices.DeleteFunc(slices.Clone(logs), func(l IncrementalBackup) bool {
		return l.BackupType == IncrementalTypeOffSiteLog || l.BeginTime.IsZero() || l.EndTime.IsZero()
	})
	slices.SortFunc(logs, func(a, b IncrementalBackup) int { return a.BeginTime.Compare(b.BeginTime.Time) })
	var spans []chainSpan
	for _, base := range bases {
		reach, through := base.EndTime.Time, 0
		for _, l := range logs {
			if l.BeginTime.After(reach) {
				break // a gap: the binlogs after it need a later backup
			}
			if l.EndTime.After(reach) {
				reach, through = l.EndTime.Time, through+1
			}
		}
		if reach.After(base.EndTime.Time) {
			spans = append(spans, chainSpan{TimeRange: TimeRange{Begin: base.EndTime.UTC(), End: reach.UTC()}, base: base,
				logs: through})
		}
	}
	return spans
}

// newest returns the newest point the chain makes restorable by notAfter,
// and the span it is in; ok is false when none is newer than after.
func (ch restoreChain) newest(after, notAfter time.Time) (point time.Time, span chainSpan, ok bool) {
	for _, s := range ch.spans {
		end := s.End
		if end.After(notAfter) {
			end = notAfter
		}
		if end.After(after) && end.After(point) && !s.Begin.After(notAfter) {
			point, span, ok = end, s, true
		}
	}
	return point, span, ok
}

// coveredBy checks that ranges, the API's window cut to [begin, end], hold
// every point of the chain within [begin, end], give or take
// restoreChainSlack at the ends of a span.
func (ch restoreChain) coveredBy(ranges []TimeRange, begin, end time.Time) error {
	for _, s := range ch.spans {
		want := TimeRange{Begin: laterTime(s.Begin, begin), End: earlierTime(s.End, end)}
		if want.End.Before(want.Begin) {
			continue
		}
		holds := func(r TimeRange) bool {
			return !r.Begin.After(want.Begin.Add(restoreChainSlack)) && !r.End.Before(want.End.Add(-restoreChainSlack))
		}
		if want.End.Sub(want.Begin) <= 2*restoreChainSlack {
			// A span of a moment: some range must reach it, give or take.
			holds = func(r TimeRange) bool {
				return !r.Begin.After(want.End.Add(restoreChainSlack)) && !r.End.Before(want.Begin.Add(-restoreChainSlack))
			}
		}
		if !slices.ContainsFunc(ranges, holds) {
			return &RestoreWindowError{InstanceID: ch.instanceID, Missing: want, Chain: s, Ranges: ranges, Logs: ch.listed}
		}
	}
	return nil
}

func laterTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlierTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// RestoreWindowError is an answer of the restore-time API that leaves out
// points the instance's full backups and binlogs make restorable.
type RestoreWindowError struct {
	InstanceID string
	// Missing is the part of the chain's span that no range holds.
	Missing TimeRange
	Chain   chainSpan
	// Ranges are the API's, cut to what was asked.
	Ranges []TimeRange
	Logs   int
}

func (e *RestoreWindowError) Error() string {
	return fmt.Sprintf("the API's restore window of instance %s (restore-time) leaves out %s to %s, which full "+
		"backup %s (ended %s) and the binlogs after it (%d), without a gap, make restorable; the API answered %s. "+
		"Deployments differ in how they answer restore-time (an empty or missing list, only the spans that start or "+
		"lie inside the window asked, another day than asked); no window is returned rather than one that may lack "+
		"points. gaussdb_mysql_incremental_backups lists the binlogs", e.InstanceID, formatMillis(e.Missing.Begin),
		formatMillis(e.Missing.End), e.Chain.base.ID, FormatAPITime(e.Chain.base.EndTime.Time), e.Chain.logs,
		describeRanges(e.Ranges))
}

// describeRanges writes ranges for an error.
func describeRanges(ranges []TimeRange) string {
	if len(ranges) == 0 {
		return "no span within it"
	}
	parts := make([]string, len(ranges))
	for i, r := range ranges {
		parts[i] = formatMillis(r.Begin) + " to " + formatMillis(r.End)
	}
	return strings.Join(parts, ", ")
}

// formatMillis writes a time in RFC 3339, in UTC, to the millisecond.
func formatMillis(t time.Time) string {
	return t.UTC().Truncate(time.Millisecond).Format(time.RFC3339Nano)
}
