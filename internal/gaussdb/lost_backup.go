package gaussdb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// lostBackupLookBack bounds the read of a name before a backup is asked
// for: only backups begun about the time of the request matter.
const lostBackupLookBack = time.Hour

// backupClockSlack allows for a begin_time written in whole seconds by the
// API's clock, a little off ours.
const backupClockSlack = 2 * time.Second

// namedManualBackups selects the manual backups of b's instance named as b
// is, begun since.
func namedManualBackups(b ManualBackup, since time.Time) BackupQuery {
	return BackupQuery{InstanceID: b.InstanceID, Name: b.Name, BackupType: BackupTypeManual,
		BeginTime: since.Truncate(time.Second)}
}

// lostBackupRequest is a request for a manual backup whose answer was lost.
type lostBackupRequest struct {
	backup ManualBackup
	// sent is when the request was sent, lostAt when its answer was lost.
	sent, lostAt time.Time
	// before are the backups of the name read just before the request,
	// unless beforeErr says why they could not be.
	before    []Backup
	beforeErr error
	err       *transport.OutcomeUnknownError
}

// window is the span in which the backup this request made began.
func (l lostBackupRequest) window() (from, to time.Time) {
	return l.sent.Truncate(time.Second).Add(-backupClockSlack), l.lostAt.Add(backupClockSlack)
}

// BackupOutcomeError is a request for a manual backup whose answer was
// lost, and whose backup could not be told apart with proof.
type BackupOutcomeError struct {
	Lost     *transport.OutcomeUnknownError
	Name     string
	Instance string
	// From and To bound when the backup the request made would have begun.
	From, To time.Time
	// Reads and Waited are how often and how long the listing was read.
	Reads  int
	Waited time.Duration
	// Candidates began in the window and were not there before; Others
	// bear the name but were there before, began outside the window, or
	// have another description.
	Candidates, Others []Backup
	// Unproven is why no backup could be taken even alone (the read before
	// the request failed); ListErr why the listing could not be read.
	Unproven, ListErr error
}

func (e *BackupOutcomeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "creating backup %q of instance %s: %v. ", e.Name, e.Instance, e.Lost)
	window := fmt.Sprintf("between %s and %s", e.From.UTC().Format(time.RFC3339), e.To.UTC().Format(time.RFC3339))
	switch {
	case e.ListErr != nil:
		fmt.Fprintf(&b, "The backups could not be listed to find the one it made (%v)", e.ListErr)
	case e.Unproven != nil && len(e.Candidates) > 0:
		fmt.Fprintf(&b, "The backups named %q could not be read before the request (%v), so none can be proven to be "+
			"the one it made: %s began %s", e.Name, e.Unproven, describeBackups(e.Candidates), window)
	case len(e.Candidates) > 1:
		fmt.Fprintf(&b, "%d backups named %q began %s and were not there before it, so which one it made is not known: %s",
			len(e.Candidates), e.Name, window, describeBackups(e.Candidates))
	default:
		fmt.Fprintf(&b, "No backup named %q that was not there before it began %s (%d reads of the listing over %s, "+
			"which may lag): the API most likely did not create one", e.Name, window, e.Reads, e.Waited.Round(time.Second))
	}
	if len(e.Others) > 0 {
		fmt.Fprintf(&b, ". Not taken, since they were there before the request, began outside that span or have "+
			"another description: %s",
			describeBackups(e.Others))
	}
	b.WriteString(". Import the backup this request made, if one appears, rather than applying again, which asks for another")
	return b.String()
}

func (e *BackupOutcomeError) Unwrap() error { return e.Lost }

// describeBackups names backups with their start and status.
func describeBackups(backups []Backup) string {
	parts := make([]string, len(backups))
	for i, b := range backups {
		parts[i] = fmt.Sprintf("%s (began %s, %s)", b.ID, b.BeginTime.UTC().Format(time.RFC3339), b.Status)
	}
	return strings.Join(parts, ", ")
}

// sameDescription says whether a backup may have been made with
// description: a listing that leaves descriptions out cannot tell.
func sameDescription(b Backup, description string) bool {
	return b.Description == nil || *b.Description == description
}

// confirmAfter is how long after a lone candidate is first seen the
// listing is read again, for another that began as close to the request.
const confirmAfter = 2 * time.Second

// findLostBackup finds the backup a request whose answer was lost made:
// the only backup of the name (and of its description, when the listing
// gives descriptions) that was absent from the read before the request
// and began while it was in flight, still alone at a second read,
// waiting up to ListedWithin for a listing that lags. Anything less is a
// *BackupOutcomeError.
func (c *Client) findLostBackup(ctx context.Context, l lostBackupRequest) (CreatedBackup, error) {
	from, to := l.window()
	outcome := &BackupOutcomeError{Lost: l.err, Name: l.backup.Name, Instance: l.backup.InstanceID, From: from, To: to,
		Unproven: l.beforeErr}
	start := time.Now()
	alone := "" // the lone candidate seen at the previous read
	for {
		listing, err := c.ListBackups(ctx, namedManualBackups(l.backup, l.sent.Add(-lostBackupLookBack)))
		outcome.Reads++
		if err != nil {
			outcome.ListErr = err
			return CreatedBackup{}, outcome
		}
		outcome.Candidates, outcome.Others = nil, nil
		for _, b := range listing.Backups {
			existed := slices.ContainsFunc(l.before, func(e Backup) bool { return e.ID == b.ID })
			if existed || b.BeginTime.IsZero() || b.BeginTime.Before(from) || b.BeginTime.After(to) ||
				!sameDescription(b, l.backup.Description) {
				outcome.Others = append(outcome.Others, b)
				continue
			}
			outcome.Candidates = append(outcome.Candidates, b)
		}
		wait := pollWait(time.Since(start))
		if len(outcome.Candidates) != 1 {
			alone = ""
		}
		switch {
		case len(outcome.Candidates) == 1 && outcome.Unproven == nil && outcome.Candidates[0].ID == alone:
			found := outcome.Candidates[0]
			return CreatedBackup{ID: found.ID, Found: fmt.Sprintf("The answer to the request was lost (%v); backup %s "+
				"is the one it made: named %q with the description sent, absent from the read of that name just "+
				"before the request, begun at %s while the request was in flight, and the only such backup at two "+
				"reads %s apart", l.err.Err, found.ID, l.backup.Name, found.BeginTime.UTC().Format(time.RFC3339),
				confirmAfter)}, nil
		case len(outcome.Candidates) == 1 && outcome.Unproven == nil:
			alone, wait = outcome.Candidates[0].ID, confirmAfter
		case len(outcome.Candidates) > 0:
			return CreatedBackup{}, outcome
		}
		outcome.Waited = time.Since(start)
		if outcome.Waited >= c.listingLag && alone == "" {
			return CreatedBackup{}, outcome
		}
		if err := sleep(ctx, wait); err != nil {
			outcome.ListErr = fmt.Errorf("stopped looking: %w", err)
			return CreatedBackup{}, outcome
		}
	}
}
