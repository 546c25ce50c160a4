package listing

import "fmt"

// DefaultMaxBytes bounds what one listing may hold: Terraform's
// plugin protocol carries a data source's state in one message of at most
// 256 MiB, and the state is copied several times on the way, so a listing
// stops well before: at 64 MiB of backups (about 100,000 ordinary ones).
const DefaultMaxBytes = 64 << 20

// TooLargeError is a listing whose backups would not fit in
// Terraform's state: it was stopped as soon as it crossed the bound.
type TooLargeError struct {
	// Limit is the bound in bytes; Records is how many were read by then.
	Limit   int64
	Records int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the backups that match hold more than %d MiB (the bound was crossed after %d backups), "+
		"more than Terraform can carry in a data source's state", e.Limit>>20, e.Records)
}

// ConflictingRecordsError is one id answered with two values of a field
// that cannot change: one of the two answers is not the backup.
type ConflictingRecordsError struct {
	ID, Field string
}

func (e *ConflictingRecordsError) Error() string {
	return fmt.Sprintf("the API answered backup %q twice with different values of %s, which cannot change: one "+
		"answer is not that backup, so no list is returned", e.ID, e.Field)
}

// recordSet holds records in the order first seen, each once with the
// values of the latest answer, within a bound in bytes.
type recordSet[T Record[T]] struct {
	records []T
	index   map[string]int
	bytes   int64
	limit   int64
}

// newRecordSet holds up to limit bytes, with room for expected records.
func newRecordSet[T Record[T]](limit int64, expected int) *recordSet[T] {
	return &recordSet[T]{records: make([]T, 0, expected), index: make(map[string]int, expected), limit: limit}
}

// add adds records; one already held takes the new values (a backup's
// status and end_time change as it completes), unless a field that cannot
// change differs.
func (s *recordSet[T]) add(records []T) error {
	for _, r := range records {
		size := int64(r.RecordSize())
		if i, held := s.index[r.RecordID()]; held {
			if field := s.records[i].ConflictWith(r); field != "" {
				return &ConflictingRecordsError{ID: r.RecordID(), Field: field}
			}
			s.bytes += size - int64(s.records[i].RecordSize())
			s.records[i] = r
			continue
		}
		s.index[r.RecordID()] = len(s.records)
		s.records = append(s.records, r)
		s.bytes += size
		if s.limit > 0 && s.bytes > s.limit {
			return &TooLargeError{Limit: s.limit, Records: len(s.records)}
		}
	}
	return nil
}

// has says whether the set holds id.
func (s *recordSet[T]) has(id string) bool {
	_, ok := s.index[id]
	return ok
}
