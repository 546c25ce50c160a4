package provider

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// Each way a backup's creation fails after the API accepted it says once
// what became of the backup, names the timeout that ran out, and never
// doubles a full stop.
func TestACreateThatFailsAfterTheAPIAcceptedItSaysWhatBecameOfTheBackup(t *testing.T) {
	waitErr := func(ctx context.Context) error {
		return errors.Join(errors.New("waiting for backup b1, BUILDING after 5s"), ctx.Err())
	}
	tests := []struct {
		name    string
		ctx     context.Context
		err     func(context.Context) error
		want    []string
		notWant []string
	}{
		{"failed", context.Background(), func(context.Context) error {
			return &gaussdb.BackupFailedError{ID: "b1", Reason: "The disk is full."}
		}, []string{"ended FAILED: The disk is full. It is recorded"}, nil},
		{"never listed", context.Background(), func(context.Context) error { return &gaussdb.BackupNotFoundError{ID: "b1"} },
			[]string{"accepted the backup as b1", "with its id and name"}, []string{"does not exist", "exists."}},
		{"out of time", stoppedContext(context.DeadlineExceeded), waitErr,
			[]string{"timeouts.create (1h0m0s) ran out", "Backup b1 goes on in the cloud"}, []string{"timeouts.read"}},
		{"interrupted", stoppedContext(context.Canceled), waitErr, []string{"Interrupted:", "goes on in the cloud"},
			[]string{"timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			addCreateWaitError(tt.ctx, &diags, "Unable to create", "b1", tt.err(tt.ctx), time.Hour)
			if len(diags) != 1 {
				t.Fatalf("diagnostics %v", diags)
			}
			detail := diags[0].Detail()
			for _, want := range tt.want {
				if !strings.Contains(detail, want) {
					t.Errorf("%q does not say %q", detail, want)
				}
			}
			for _, notWant := range append(tt.notWant, "..") {
				if strings.Contains(detail, notWant) {
					t.Errorf("%q says %q", detail, notWant)
				}
			}
		})
	}
}
