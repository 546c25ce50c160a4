package signin

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

const (
	testToken   = "test-token"
	testProject = "0123456789abcdef0123456789abcdef"
)

// defaultConcurrency is the provider's max_concurrent_requests when nothing
// sets it, from the table of arguments.
func defaultConcurrency() int {
	n, _ := strconv.Atoi(config.MaxConcurrentRequests.Argument().Default)
	return n
}

// fastRetries are HTTP options that retry without waiting long.
func fastRetries() transport.Options {
	return transport.Options{
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		UserAgent:    "terraform-provider-gaussdb/test Terraform/1.11.4",
		Language:     "zh-cn",
	}
}

// expectEveryOriginalOnce checks that listing holds every backup of
// original once, and nothing else but backups created meanwhile ("grown").
func expectEveryOriginalOnce(t *testing.T, listing gaussdb.Listing, original []emulator.Backup) {
	t.Helper()
	seen := map[string]bool{}
	for _, b := range listing.Backups {
		if seen[b.ID] {
			t.Errorf("backup %s listed twice", b.ID)
		}
		seen[b.ID] = true
	}
	for _, b := range original {
		if !seen[b.ID] {
			t.Errorf("backup %s missing", b.ID)
		}
	}
	for id := range seen {
		if !strings.HasPrefix(id, "grown") && !slices.ContainsFunc(original, func(b emulator.Backup) bool { return b.ID == id }) {
			t.Errorf("backup %s was never served", id)
		}
	}
}
