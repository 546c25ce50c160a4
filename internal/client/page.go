package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// pageSize is the number of backups asked for per request, the API's maximum.
const pageSize = 100

// maxPages stops a listing that never ends, e.g. against a server that
// reports a huge total_count: a million backups.
const maxPages = 10_000

// backupPage is one answer of GET /v3/{project_id}/backups. The spec makes
// both fields optional: a missing or null backups is an empty page, and a
// missing total_count is unknown.
type backupPage struct {
	Backups    []Backup `json:"backups"`
	TotalCount *int64   `json:"total_count"`
}

// UnmarshalJSON accepts any JSON object, and nothing else: a null or an
// array is not an answer of this API, even though every field is optional.
func (b *backupPage) UnmarshalJSON(data []byte) error {
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '{' {
		return errors.New("the answer is not a JSON object")
	}
	type plain backupPage
	return json.Unmarshal(data, (*plain)(b))
}

// page is one page as read: where it starts, what it held, and the count
// the API gave with it.
type page struct {
	offset  int
	backups []Backup
	// total is total_count; countKnown is false when the answer had none
	// (or one that cannot be a count).
	total      int64
	countKnown bool
}

// page checks an answer read at offset and returns it as a page.
func (b backupPage) page(offset int) (page, error) {
	if len(b.Backups) > pageSize {
		return page{}, fmt.Errorf("the answer holds %d backups, more than the %d asked for", len(b.Backups), pageSize)
	}
	for i, backup := range b.Backups {
		if backup.ID == "" {
			// Without an id a backup cannot be told from another, nor
			// counted once.
			return page{}, fmt.Errorf("backup %d of the answer has no id", i+1)
		}
	}
	p := page{offset: offset, backups: b.Backups}
	if b.TotalCount != nil && *b.TotalCount >= 0 && *b.TotalCount <= maxPages*pageSize {
		p.total, p.countKnown = *b.TotalCount, true
	}
	return p, nil
}

// full says whether the page holds as many backups as were asked for, so
// that more may follow.
func (p page) full() bool {
	return len(p.backups) == pageSize
}

// end is the position just after the page's last backup.
func (p page) end() int64 {
	return int64(p.offset + len(p.backups))
}

// countIsLow says whether the page holds backups beyond total_count: the
// count cannot be trusted to say where the list ends.
func (p page) countIsLow() bool {
	return p.countKnown && p.total < p.end()
}

// countIsWrong says whether the page shows, on its own, that its
// total_count is not the number of backups: one page is one moment, so
// growth of the list between pages cannot cause it.
func (p page) countIsWrong() bool {
	return p.countIsLow() || p.countKnown && !p.full() && p.total != p.end()
}

// errOffsetIgnored is a server that answers every offset with the same
// backups: reading on would never end.
var errOffsetIgnored = errors.New("the server appears to ignore offset: a later page held only backups already read")
