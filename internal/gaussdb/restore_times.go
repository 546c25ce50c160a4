package gaussdb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// TimeRange is a span of points an instance can be restored to, both ends
// included, in UTC with the API's millisecond precision.
type TimeRange struct {
	Begin, End time.Time
}

// RestoreTimeQuery asks for the restore window of one instance: on one
// day, or within a window, or (neither) over the whole retention period.
type RestoreTimeQuery struct {
	InstanceID string
	// Date is a UTC day, yyyy-mm-dd.
	Date string
	// BeginTime and EndTime bound a window, both or neither, in
	// milliseconds; ignored when Date is set, as the API ignores them.
	BeginTime, EndTime time.Time
}

// DateLayout is how the API writes a day.
const DateLayout = "2006-01-02"

// bounds returns the span the query asks about; zero times are unbounded.
func (q RestoreTimeQuery) bounds() (begin, end time.Time, err error) {
	if q.Date != "" {
		day, err := time.Parse(DateLayout, q.Date)
		if err != nil {
			return begin, end, fmt.Errorf("date %q is not a day in the form 2026-11-20", q.Date)
		}
		return day, day.AddDate(0, 0, 1).Add(-time.Millisecond), nil
	}
	if q.BeginTime.IsZero() != q.EndTime.IsZero() {
		return begin, end, errors.New("begin_time and end_time go together")
	}
	begin, end = q.BeginTime.Truncate(time.Millisecond), q.EndTime.Truncate(time.Millisecond)
	if !begin.IsZero() && end.Before(begin) {
		return begin, end, errors.New("end_time is before begin_time")
	}
	return begin, end, nil
}

// Parameters returns what q asks about, as the data source's arguments
// name it: the API is always asked for the whole window (see
// RestoreTimeRanges).
func (q RestoreTimeQuery) Parameters() url.Values {
	values := url.Values{}
	switch {
	case q.Date != "":
		values.Set("date", q.Date)
	case !q.BeginTime.IsZero():
		values.Set("start_time", strconv.FormatInt(q.BeginTime.UnixMilli(), 10))
		values.Set("end_time", strconv.FormatInt(q.EndTime.UnixMilli(), 10))
	}
	return values
}

// RestoreTimeRanges returns the spans an instance can be restored to within
// what q asks about: sorted, with overlapping or touching spans joined, and
// cut to the day or window asked about.
//
// The API's pages leave open whether it cuts spans to the window asked,
// whether it returns those that start inside it or those that overlap it
// (or only those that lie inside it), whether date is a UTC day or a local
// one, and whether a deployment honours start_time and end_time at all. So
// it is always asked for the whole window, from incrementalFloor to now, in
// milliseconds, and the answer is cut here. And the answer is checked
// against what the instance's full backups and binlogs make restorable
// (restorableSpans): a point they make restorable that the answer leaves
// out is an error naming both, never a shorter window in silence.
func (c *Client) RestoreTimeRanges(ctx context.Context, q RestoreTimeQuery) ([]TimeRange, error) {
	if q.InstanceID == "" {
		return nil, errors.New("reading the restore window: an instance ID is required")
	}
	begin, end, err := q.bounds()
	if err != nil {
		return nil, fmt.Errorf("reading the restore window: %w", err)
	}
	now := c.now().Truncate(time.Millisecond)
	if begin.IsZero() {
		begin = incrementalFloor
	}
	if end.IsZero() || end.After(now) {
		end = now
	}
	if end.Before(begin) {
		return []TimeRange{}, nil
	}
	answered, err := c.restoreWindow(ctx, q.InstanceID)
	if err != nil {
		return nil, err
	}
	ranges := joinRanges(answered, begin, end)
	listing, err := c.ListBackups(ctx, BackupQuery{InstanceID: q.InstanceID, EndTime: end.Truncate(time.Second)})
	if err != nil {
		return nil, fmt.Errorf("reading the full backups that the restore window is checked against: %w", err)
	}
	// The spans within [begin, end] run from the newest backup that ended
	// by begin, or from backups that ended within.
	from := begin
	var bases []Backup
	for _, b := range listing.Backups {
		if restorable(b, q.InstanceID) && !b.EndTime.After(end) {
			bases = append(bases, b)
			if !b.EndTime.After(begin) && (from.Equal(begin) || b.EndTime.After(from)) {
				from = b.EndTime.Time
			}
		}
	}
	chain, err := c.chainFrom(ctx, q.InstanceID, bases, from, end)
	if err != nil {
		return nil, err
	}
	if err := chain.coveredBy(ranges, begin, end); err != nil {
		return nil, err
	}
	return ranges, nil
}

// restoreWindow asks the API for an instance's whole restore window: from
// incrementalFloor to now, in milliseconds.
func (c *Client) restoreWindow(ctx context.Context, instanceID string) ([]TimeRange, error) {
	path := "/v3/" + transport.PercentEncode(c.projectID) + "/instances/" + transport.PercentEncode(instanceID) + "/restore-time"
	sent := url.Values{
		"start_time": {strconv.FormatInt(incrementalFloor.UnixMilli(), 10)},
		"end_time":   {strconv.FormatInt(c.now().UnixMilli(), 10)},
	}
	var body []byte
	if err := c.getJSON(ctx, path, sent, &body); err != nil {
		return nil, fmt.Errorf("reading the restore window: %w", err)
	}
	ranges, err := decodeRestoreTimes(body)
	if err != nil {
		return nil, fmt.Errorf("reading the restore window: decoding the answer: %w", err)
	}
	return ranges, nil
}

// restoreTimesAnswer is {"restore_times": [{"start_time", "end_time"}]}.
// restore_times is optional in the spec, but an answer without it is not
// read as an empty window: it says nothing. A null list is an empty one
// (which the chain of backups and binlogs is checked against).
type restoreTimesAnswer struct {
	RestoreTimes []struct {
		StartTime *millis `json:"start_time"`
		EndTime   *millis `json:"end_time"`
	} `json:"restore_times"`
}

// decodeRestoreTimes reads an answer, refusing a span with an end missing
// or before its beginning: no point of such a span can be trusted.
func decodeRestoreTimes(data []byte) ([]TimeRange, error) {
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("the answer is not a JSON object")
	}
	var answer restoreTimesAnswer
	if err := json.Unmarshal(data, &answer); err != nil {
		return nil, err
	}
	if answer.RestoreTimes == nil && !hasMember(data, "restore_times") {
		return nil, fmt.Errorf("the answer holds no restore_times member (%s): it says nothing of the window, so "+
			"it is not read as an empty one", abbreviate(data))
	}
	ranges := make([]TimeRange, 0, len(answer.RestoreTimes))
	for i, r := range answer.RestoreTimes {
		switch {
		case r.StartTime == nil || r.EndTime == nil:
			return nil, fmt.Errorf("span %d of restore_times lacks its start_time or end_time", i+1)
		case r.EndTime.Before(r.StartTime.Time):
			return nil, fmt.Errorf("span %d of restore_times ends (%d) before it starts (%d)", i+1,
				r.EndTime.UnixMilli(), r.StartTime.UnixMilli())
		}
		ranges = append(ranges, TimeRange{Begin: r.StartTime.Time, End: r.EndTime.Time})
	}
	return ranges, nil
}

// joinRanges sorts ranges, joins those that overlap or touch (or follow
// one another in the next millisecond), and cuts them to [begin, end]
// (zero: unbounded), dropping what lies outside.
func joinRanges(ranges []TimeRange, begin, end time.Time) []TimeRange {
	var cut []TimeRange
	for _, r := range ranges {
		if !begin.IsZero() && r.Begin.Before(begin) {
			r.Begin = begin
		}
		if !end.IsZero() && r.End.After(end) {
			r.End = end
		}
		if !r.End.Before(r.Begin) {
			cut = append(cut, r)
		}
	}
	slices.SortFunc(cut, func(a, b TimeRange) int { return a.Begin.Compare(b.Begin) })
	joined := []TimeRange{}
	for _, r := range cut {
		// The API counts milliseconds: a span that begins the millisecond
		// after another ends continues it.
		if last := len(joined) - 1; last >= 0 && !r.Begin.After(joined[last].End.Add(time.Millisecond)) {
			if r.End.After(joined[last].End) {
				joined[last].End = r.End
			}
			continue
		}
		joined = append(joined, r)
	}
	return joined
}

// abbreviate quotes an answer in an error, up to 200 bytes.
func abbreviate(data []byte) string {
	text := strings.TrimSpace(string(data))
	if len(text) > 200 {
		text = text[:200] + "..."
	}
	return text
}

// millis is a UNIX time in milliseconds, as a JSON number or a string
// holding one.
type millis struct {
	time.Time
}

// UnmarshalJSON accepts a whole number of milliseconds from 2000 to 9999.
func (m *millis) UnmarshalJSON(data []byte) error {
	text := string(data)
	if unquoted, err := strconv.Unquote(text); err == nil {
		text = unquoted
	}
	value, err := strconv.ParseFloat(text, 64)
	switch {
	case err != nil || math.IsNaN(value) || math.IsInf(value, 0):
		return fmt.Errorf("%s is not a number of milliseconds", data)
	case value != math.Trunc(value) || value < 0 || value > maxMillis:
		return fmt.Errorf("%s is not a time in milliseconds since 1970", data)
	}
	m.Time = time.UnixMilli(int64(value)).UTC()
	if m.Before(incrementalFloor) {
		// 1,732,000,000 read as milliseconds is January 1970: seconds.
		return fmt.Errorf("%s is a time before 2000 when read as milliseconds since 1970, which no backup can "+
			"restore to (seconds, perhaps?)", data)
	}
	return nil
}

// maxMillis is the last millisecond of the year 9999, beyond which RFC 3339
// cannot write a time.
const maxMillis = 253402300799999

// hasMember says whether the JSON object data has a member of that name
// (null counts).
func hasMember(data []byte, name string) bool {
	var members map[string]json.RawMessage
	if json.Unmarshal(data, &members) != nil {
		return false
	}
	_, ok := members[name]
	return ok
}
