package gaussdb

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// BenchmarkListBackups2000At50ms lists 2,000 backups (20 pages) from an
// emulator that takes 50 ms per request, one page at a time and at the
// default concurrency. `make bench` runs it.
func BenchmarkListBackups2000At50ms(b *testing.B) {
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(2000), Latency: 50 * time.Millisecond})
	httpServer := httptest.NewServer(server)
	b.Cleanup(httpServer.Close)
	for _, concurrency := range []int{1, acctest.MaxConcurrentRequests()} {
		b.Run(fmt.Sprint("concurrency=", concurrency), func(b *testing.B) {
			c, err := New(Options{Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, MaxConcurrentRequests: concurrency})
			if err != nil {
				b.Fatal(err)
			}
			before := server.BackupRequests()
			for b.Loop() {
				listing, err := c.ListBackups(context.Background(), BackupQuery{})
				if err != nil || len(listing.Backups) != 2000 {
					b.Fatalf("listed %d backups: %v", len(listing.Backups), err)
				}
			}
			b.ReportMetric(float64(server.BackupRequests()-before)/float64(b.N), "requests/op")
		})
	}
}

// BenchmarkListBackups10000 lists 10,000 backups from an emulator with no
// latency: the client's own cost of 100 pages.
func BenchmarkListBackups10000(b *testing.B) {
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(10_000)})
	httpServer := httptest.NewServer(server)
	b.Cleanup(httpServer.Close)
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.ListBackups(context.Background(), BackupQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}
