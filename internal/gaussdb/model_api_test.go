package gaussdb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// modelAPI is a model of GET /v3/{project_id}/backups and of GET
// /v3/{project_id}/instances/{instance_id}/incremental-backups (which takes
// a limit of 10, 20 or 50, and begin_time only with end_time) written for
// the property test, apart from the emulator: an http.RoundTripper that
// answers from backups in memory and misbehaves as its script says, request
// by request, plus whatever its mode says for every request.
type modelAPI struct {
	mode   modelMode
	script map[int][]modelEvent

	// refuseEndAfter refuses an end_time after it, as a server whose clock
	// is behind the client's does; zero refuses none.
	refuseEndAfter time.Time

	mu       sync.Mutex
	requests int
	backups  []modelBackup // newest first; the order of ties is drawn per answer
	created  int
	deleted  map[string]bool
	ever     map[string]bool
	cached   map[string]int // query (offset aside) -> the count first answered
	rng      *rand.Rand
}

const debugModel = false

type modelBackup struct {
	id    string
	begin time.Time
	// end is zero while the backup runs (a BUILDING backup).
	end time.Time
	// offsite is an incremental backup's copy in another region.
	offsite bool
}

// modelMode is how the model misbehaves on every request, and how it reads
// what the API's pages leave open (the lister's table of readings).
type modelMode struct {
	counts     modelCounts
	countShift int
	// pageCap serves at most this many backups per answer; 0 is none.
	pageCap int
	// offsetAsPage reads offset as a page number, as one server did.
	offsetAsPage bool
	// window is which time of a backup begin_time and end_time compare.
	window modelWindow
	// lowerExclusive and upperExclusive leave out a backup at the bound.
	lowerExclusive, upperExclusive bool
	// runningOut leaves a backup with no end_time out of every answer to
	// a window, whichever time its bounds compare.
	runningOut bool
	// oldestFirst answers oldest first.
	oldestFirst bool
	// offsiteIgnored answers offsite copies whatever
	// display_offsite_backup says.
	offsiteIgnored bool
	// neverRunning creates backups that have ended: incremental backups
	// are listed once uploaded.
	neverRunning bool
}

// modelWindow is which time of a backup the model compares begin_time and
// end_time with.
type modelWindow int

const (
	windowOnBegin   modelWindow = iota
	windowOnEnd                 // both bounds compare each backup's end_time
	windowOnOverlap             // begin_time compares end_time, end_time begin_time
	windowIgnored               // neither is applied
	numModelWindows
)

var modelWindowNames = []string{"begin", "end", "overlap", "ignored"}

func (w modelWindow) String() string { return modelWindowNames[w] }

// keeps says whether the window [lower, upper] (zero: unbounded) keeps b.
func (m modelMode) keeps(b modelBackup, lower, upper time.Time) bool {
	if m.window == windowIgnored {
		return true
	}
	if m.runningOut && b.end.IsZero() && (!lower.IsZero() || !upper.IsZero()) {
		return false
	}
	if !lower.IsZero() {
		t := b.begin
		if m.window != windowOnBegin {
			t = b.end
		}
		switch {
		case t.IsZero():
			if m.runningOut {
				return false
			}
		case m.lowerExclusive && !t.After(lower), t.Before(lower):
			return false
		}
	}
	if !upper.IsZero() {
		t := b.begin
		if m.window == windowOnEnd {
			t = b.end
		}
		if t.IsZero() || m.upperExclusive && !t.Before(upper) || t.After(upper) {
			return false
		}
	}
	return true
}

// modelCounts is what total_count says.
type modelCounts int

const (
	countTrue   modelCounts = iota
	countAbsent             // no total_count at all
	countCached             // the count first answered for the same query, kept
	countHigh               // true + countShift
	countLow                // true - countShift
	countString             // "250"
	countFloat              // 250.0
	countHuge               // 1e12: more than any listing can read
	numCountModes
)

// modelEvent is one thing that happens at one request.
type modelEvent int

const (
	// Changes to the list, made before the request is answered.
	eventCreate modelEvent = iota
	eventDeleteAny
	eventDeleteFront
	// Failures the HTTP layer retries.
	eventThrottle
	eventServerError
	eventDropBeforeHeaders
	eventDropMidBody
	eventErrorIn200
	// Wrong answers: only the lister can tell.
	eventEmptyPage
	eventShortPage
	eventRepeatedID
	eventCountLie
	eventNoList
	numEvents
)

func (e modelEvent) changesList() bool { return e <= eventDeleteFront }
func (e modelEvent) retried() bool     { return e >= eventThrottle && e <= eventErrorIn200 }
func (e modelEvent) wrongAnswer() bool { return e >= eventEmptyPage }

var modelEventNames = []string{"create", "delete any", "delete near the front", "429", "503", "drop before headers",
	"drop mid-body", "error inside a 200", "empty page", "short page", "repeated id", "count lie", "{}"}

func (e modelEvent) String() string { return modelEventNames[e] }

func newModelAPI(backups []modelBackup, mode modelMode, script map[int][]modelEvent, seed uint64) *modelAPI {
	m := &modelAPI{mode: mode, script: script, deleted: map[string]bool{}, ever: map[string]bool{},
		cached: map[string]int{}, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	m.backups = slices.Clone(backups)
	for _, b := range backups {
		m.ever[b.id] = true
	}
	return m
}

// lasting returns the ids of the backups that existed from the first
// request to the last.
func (m *modelAPI) lasting(initial []modelBackup) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []string
	for _, b := range initial {
		if !m.deleted[b.id] {
			ids = append(ids, b.id)
		}
	}
	return ids
}

// RoundTrip answers one request.
func (m *modelAPI) RoundTrip(req *http.Request) (*http.Response, error) {
	m.mu.Lock()
	n := m.requests
	m.requests++
	events := m.script[n]
	for _, e := range events {
		if e.changesList() {
			m.change(e)
		}
	}
	var fault modelEvent = -1
	for _, e := range events {
		if !e.changesList() {
			fault = e
		}
	}
	body, err := m.answer(req, fault)
	if debugModel {
		fmt.Printf("request %d %s events %v -> %s %v\n", n, req.URL.RawQuery, events, body, err)
	}
	m.mu.Unlock()

	switch fault {
	case eventDropBeforeHeaders:
		return nil, errors.New("read: connection reset by peer")
	case eventThrottle:
		return modelResponse(req, http.StatusTooManyRequests, `{"error_code": "APIGW.0308", "error_msg": "throttled"}`), nil
	case eventServerError:
		return modelResponse(req, http.StatusServiceUnavailable, `{"error_code": "DBS.200500", "error_msg": "busy"}`), nil
	case eventErrorIn200:
		return modelResponse(req, http.StatusOK, `{"error_code": "DBS.280343", "error_msg": "Internal error."}`), nil
	}
	if err != nil {
		// The API's answer to a parameter it refuses.
		return modelResponse(req, http.StatusBadRequest, `{"error_code": "DBS.200001", "error_msg": "`+err.Error()+`"}`), nil //nolint:nilerr // an HTTP answer, not a failure to answer
	}
	resp := modelResponse(req, http.StatusOK, body)
	if fault == eventDropMidBody {
		resp.Body = io.NopCloser(io.MultiReader(strings.NewReader(body[:len(body)/2]),
			iotestErrReader{io.ErrUnexpectedEOF}))
	}
	return resp, nil
}

type iotestErrReader struct{ err error }

func (r iotestErrReader) Read([]byte) (int, error) { return 0, r.err }

func modelResponse(req *http.Request, status int, body string) *http.Response {
	return &http.Response{StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)),
		Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)), Request: req, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}
}

// change creates or deletes a backup. A backup created begins now: at or
// after the newest (A2).
func (m *modelAPI) change(e modelEvent) {
	switch e {
	case eventCreate:
		begin := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if len(m.backups) > 0 {
			begin = m.backups[0].begin.Add(time.Duration(m.rng.IntN(2)) * time.Second)
		}
		m.created++
		b := modelBackup{id: fmt.Sprintf("created%d", m.created), begin: begin}
		if m.mode.neverRunning || m.rng.IntN(2) == 0 {
			b.end = begin.Add(time.Duration(m.rng.IntN(300)) * time.Second)
		}
		m.backups = slices.Insert(m.backups, 0, b)
		m.ever[b.id] = true
	case eventDeleteAny, eventDeleteFront:
		if len(m.backups) == 0 {
			return
		}
		i := m.rng.IntN(len(m.backups))
		if e == eventDeleteFront {
			i = m.rng.IntN(min(len(m.backups), 5))
		}
		m.deleted[m.backups[i].id] = true
		m.backups = slices.Delete(m.backups, i, i+1)
	}
}

// answer builds the body for req, with a wrong-answer fault applied.
func (m *modelAPI) answer(req *http.Request, fault modelEvent) (string, error) {
	q := req.URL.Query()
	offset, err := strconv.Atoi(q.Get("offset"))
	if err != nil || offset < 0 {
		return "", errors.New("invalid offset")
	}
	incremental := strings.HasSuffix(req.URL.Path, "/incremental-backups")
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit < 1 || limit > 100 || incremental && limit != 10 && limit != 20 && limit != 50 {
		return "", errors.New("invalid limit")
	}
	if incremental && q.Has("begin_time") != q.Has("end_time") {
		// The incremental API takes the two only together.
		return "", errors.New("begin_time and end_time go together")
	}
	var begin, end time.Time
	if v := q.Get("begin_time"); v != "" {
		if begin, err = time.Parse(apiTimeLayout, v); err != nil {
			return "", errors.New("invalid begin_time")
		}
	}
	if v := q.Get("end_time"); v != "" {
		if end, err = time.Parse(apiTimeLayout, v); err != nil || !begin.IsZero() && !end.After(begin) {
			return "", errors.New("invalid end_time")
		}
		if !m.refuseEndAfter.IsZero() && end.After(m.refuseEndAfter) {
			return "", errors.New("end_time cannot be later than the current time")
		}
	}
	offsite := m.mode.offsiteIgnored || q.Get("display_offsite_backup") == "true"
	// The list at this moment: ties in an order of this answer's own.
	type ranked struct {
		modelBackup
		tiebreak int
	}
	var list []ranked
	for _, b := range m.backups {
		if m.mode.keeps(b, begin, end) && (!incremental || offsite || !b.offsite) {
			list = append(list, ranked{b, m.rng.Int()})
		}
	}
	oldestFirst := m.mode.oldestFirst
	slices.SortStableFunc(list, func(a, b ranked) int {
		c := b.begin.Compare(a.begin)
		if oldestFirst {
			c = -c
		}
		if c != 0 {
			return c
		}
		return a.tiebreak - b.tiebreak
	})
	if m.mode.offsetAsPage {
		offset *= limit
	}
	if m.mode.pageCap > 0 {
		limit = min(limit, m.mode.pageCap)
	}
	page := list[min(offset, len(list)):min(offset+limit, len(list))]
	items := make([]string, 0, len(page))
	for _, b := range page {
		endTime := ""
		if !b.end.IsZero() {
			endTime = b.end.Format(apiTimeLayout)
		}
		if incremental {
			kind := "Log"
			if b.offsite {
				kind = "OffSiteLog"
			}
			items = append(items, fmt.Sprintf(`{"id": %q, "instance_id": "i1", "begin_time": %q, "end_time": %q, `+
				`"backup_type": %q, "size": 1024.5}`, b.id, b.begin.Format(apiTimeLayout), endTime, kind))
			continue
		}
		items = append(items, fmt.Sprintf(`{"id": %q, "begin_time": %q, "end_time": %q, "status": "COMPLETED"}`, b.id,
			b.begin.Format(apiTimeLayout), endTime))
	}
	switch fault {
	case eventEmptyPage:
		items = nil
	case eventShortPage:
		items = items[:len(items)/2]
	case eventRepeatedID:
		if len(items) > 1 {
			items[len(items)-1] = fmt.Sprintf(`{"id": %q, "begin_time": "2001-01-01T00:00:00+0000"}`, page[0].id)
		}
	}
	count := m.count(len(list), req.URL.Query(), fault == eventCountLie)
	if fault == eventNoList {
		return "{}", nil
	}
	var b bytes.Buffer
	b.WriteString(`{"backups": [` + strings.Join(items, ",") + `]`)
	if count != "" {
		b.WriteString(`, "total_count": ` + count)
	}
	b.WriteString("}")
	return b.String(), nil
}

// count writes total_count as the mode says, or as a lie.
func (m *modelAPI) count(matching int, q map[string][]string, lie bool) string {
	if lie {
		return strconv.Itoa(matching + 1 + m.rng.IntN(150))
	}
	switch m.mode.counts {
	case countAbsent:
		return ""
	case countCached:
		key := fmt.Sprint(q["end_time"])
		if _, ok := m.cached[key]; !ok {
			m.cached[key] = matching
		}
		return strconv.Itoa(m.cached[key])
	case countHigh:
		return strconv.Itoa(matching + m.mode.countShift)
	case countLow:
		return strconv.Itoa(max(matching-m.mode.countShift, 0))
	case countString:
		return strconv.Quote(strconv.Itoa(matching))
	case countFloat:
		return strconv.Itoa(matching) + ".0"
	case countHuge:
		return "1e12"
	}
	return strconv.Itoa(matching)
}
