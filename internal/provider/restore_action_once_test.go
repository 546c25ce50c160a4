package provider

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// oneLine joins the output's lines, as Terraform wraps diagnostics.
func oneLine(out string) string {
	return strings.Join(strings.Fields(out), " ")
}

// A restore whose job the API hides for a while completes, and invoking it
// again while it runs (here from a second working directory, as a second
// CI job would) follows it instead of restoring twice.
func TestAccTF114_RestoreActionWhoseJobIsHiddenCompletesOnceWhenInvokedTwice(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{JobsHiddenFor: 4 * time.Second, RestoreDuration: 8 * time.Second})
	config := restoreActionConfig(url, `    backup_id = "`+emulator.Seed(30)[3].ID+`"`)
	first, second := acctest.WriteFiles(t, map[string]string{"main.tf": config}), acctest.WriteFiles(t, map[string]string{"main.tf": config})
	invoke := []string{"apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.gaussdb_mysql_restore.to_b"}
	var (
		wg               sync.WaitGroup
		outFirst, outSec string
		errFirst, errSec error
	)
	wg.Add(2)
	go func() { defer wg.Done(); outFirst, errFirst = c.Run(first, invoke...) }()
	go func() {
		defer wg.Done()
		time.Sleep(2 * time.Second)
		outSec, errSec = c.Run(second, invoke...)
	}()
	wg.Wait()
	restores := server.Restores()
	if errFirst != nil || errSec != nil || len(restores) != 1 {
		t.Fatalf("%d restores; first: %v\n%s\nsecond: %v\n%s", len(restores), errFirst, outFirst, errSec, outSec)
	}
	job := restores[0].JobID
	for _, want := range []string{"Job " + job + " is not shown by the API yet", "Restored backup " + emulator.Seed(30)[3].ID} {
		if !strings.Contains(oneLine(outFirst), want) {
			t.Errorf("the first invocation does not say %q:\n%s", want, outFirst)
		}
	}
	for _, want := range []string{"A restore into instance " + emulator.SeedInstanceB + " is already under way: job " + job,
		"Warning: Followed a restore that was already under way", "started no restore of its own"} {
		if !strings.Contains(oneLine(outSec), want) {
			t.Errorf("the second invocation does not say %q:\n%s", want, outSec)
		}
	}
}

func TestAccTF114_RestoreActionWaitsForAuthorization(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{RestoreUnauthorizedFor: 3 * time.Second, RestoreDuration: 2 * time.Second})
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": restoreActionConfig(url, `    backup_id = "`+emulator.Seed(30)[3].ID+`"`)})
	out := c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.gaussdb_mysql_restore.to_b")
	if len(server.Restores()) != 1 || !strings.Contains(out, "Unauthorized, awaiting authorization before it runs") ||
		!strings.Contains(out, "Restored backup") {
		t.Errorf("%d restores:\n%s", len(server.Restores()), out)
	}
}

func TestAccTF114_ACanceledRestoreSaysSoWithTheAPIsWordsAndThatItIsOver(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{RestoreCancellation: "Canceled by the administrator.", RestoreDuration: time.Second})
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": restoreActionConfig(url, `    backup_id = "`+emulator.Seed(30)[3].ID+`"`)})
	out, err := c.Run(dir, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.gaussdb_mysql_restore.to_b")
	want := "ended Canceled: Canceled by the administrator. The restore is not running any more."
	if err == nil || !strings.Contains(oneLine(out), want) || !strings.Contains(oneLine(out), server.Restores()[0].JobID) {
		t.Errorf("got %v, want an error saying %q:\n%s", err, want, out)
	}
}

// insideOnlyRestoreWindow answers restore-time windows as a deployment
// that returns only the spans lying inside the window asked.
func insideOnlyRestoreWindow(server http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if !strings.HasSuffix(r.URL.Path, "/restore-time") || !q.Has("start_time") {
			server.ServeHTTP(w, r)
			return
		}
		from, _ := strconv.ParseInt(q.Get("start_time"), 10, 64)
		to, _ := strconv.ParseInt(q.Get("end_time"), 10, 64)
		whole := r.Clone(r.Context())
		whole.URL.RawQuery = ""
		recorder := httptest.NewRecorder()
		server.ServeHTTP(recorder, whole)
		var answer struct {
			RestoreTimes []struct {
				StartTime int64 `json:"start_time"`
				EndTime   int64 `json:"end_time"`
			} `json:"restore_times"`
		}
		_ = json.Unmarshal(recorder.Body.Bytes(), &answer)
		inside := []map[string]int64{}
		for _, s := range answer.RestoreTimes {
			if s.StartTime >= from && s.EndTime <= to {
				inside = append(inside, map[string]int64{"start_time": s.StartTime, "end_time": s.EndTime})
			}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"restore_times": inside})
	})
}

// The plan-time check of a point against an API that returns only the
// spans lying inside the window asked: a point of the window passes (a
// window of 1 ms refused every one), a point in a gap does not.
func TestAccTF114_RestoreActionPointCheckWithAnAPIThatReturnsOnlySpansInsideTheWindow(t *testing.T) {
	c := acctest.NewCLI(t)
	server, _ := actionEmulator(t, emulator.Operations{})
	url := serve(t, insideOnlyRestoreWindow(server))
	valid := emulator.IncrementalHead.Add(-90 * time.Minute).Format(time.RFC3339)
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": restoreActionConfig(url, `    restore_time = "`+valid+`"`)})
	if out, err := c.Run(dir, "plan", "-no-color", "-input=false", "-invoke=action.gaussdb_mysql_restore.to_b"); err != nil ||
		strings.Contains(out, "Unable to c") {
		t.Errorf("a point of the window: %v\n%s", err, out)
	}
	gap := emulator.IncrementalGap.Begin.Add(30 * time.Minute).Format(time.RFC3339)
	dir = acctest.WriteFiles(t, map[string]string{"main.tf": restoreActionConfig(url, `    restore_time = "`+gap+`"`)})
	out, err := c.Run(dir, "plan", "-no-color", "-input=false", "-invoke=action.gaussdb_mysql_restore.to_b")
	if err == nil || !strings.Contains(oneLine(out), "Point outside the restore window") {
		t.Errorf("a point in the gap: %v\n%s", err, out)
	}
}
