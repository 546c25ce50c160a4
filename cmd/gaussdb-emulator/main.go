// Command gaussdb-emulator serves the GaussDB(for MySQL) backups API on a
// local address from seeded backups, for demos and manual testing.
//
//	gaussdb-emulator -listen 127.0.0.1:8080 -backups 250 -latency 50ms
//
// Sign-in flags (-access-key AK:SK[:TOKEN], -user name=...,password=...,
// -project REGION=ID, -agency, -idp-id with -id-token, -metadata) make it
// accept what a user would sign in with; fault flags (-fail-each-page-once 503, -throttle-every 3 -retry-after 1,
// -total-count-extra 7, -grow-during-listings 1, -grow-every 5, -page-cap
// 50, -empty-page-every 4, -shuffle-ties with -ties 30, -drop-mid-body-every
// 5, -delete-near-front-every 3 with -cached-count, -error-in-200-every 6,
// -repeat-id-every 7, -offset-as-page) make it misbehave as real gateways
// and servers do; deployment flags (-pre-2023, -sparse,
// -numeric-fields, -generic-parameter-error, -code-message-errors,
// -reject-future-times) make it answer as older or other deployments of the
// API do.
//
// It prints "listening on http://ADDRESS" once it accepts connections, and
// stops on SIGINT or SIGTERM.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to listen on; port 0 picks a free one")
	token := flag.String("token", "emulator-token", "the X-Auth-Token to accept")
	projectID := flag.String("project-id", "0123456789abcdef0123456789abcdef", "the project to serve")
	region := flag.String("region", "cn-north-4", "the region of -project-id")
	var keys accessKeys
	flag.Var(&keys, "access-key", "an access key pair to accept, AK:SK, or AK:SK:SECURITY_TOKEN for a temporary one (repeatable)")
	var iamUsers users
	flag.Var(&iamUsers, "user", "an IAM user who may log in: name=...,domain=...,domain-id=...,id=...,password=... (repeatable)")
	otherProjects := projects{}
	flag.Var(otherProjects, "project", "another project of the account, REGION=PROJECT_ID, e.g. cn-east-5=... or cn-north-4_dev=... (repeatable)")
	backups := flag.Int("backups", 250, "how many seeded backups to serve")
	ties := flag.Int("ties", 0, "seed backups in groups of N that began in the same second")
	descriptionBytes := flag.Int("description-bytes", 0, "give every seeded backup a description this long, e.g. 150000")
	logDays := flag.Int("log-days", 7, "seed this many days of incremental backups (binlogs, every 30 minutes) for each instance")
	logRetention := flag.Duration("log-retention", 0, "keep incremental backups this long, counted back from each instance's newest (default 168h)")
	latency := flag.Duration("latency", 0, "delay before each answer, e.g. 50ms")
	var ops emulator.Operations
	flag.DurationVar(&ops.BackupDuration, "backup-duration", 5*time.Second, "how long a manual backup takes")
	flag.DurationVar(&ops.DeleteDuration, "delete-duration", 2*time.Second, "how long deleting a manual backup takes")
	flag.DurationVar(&ops.RestoreDuration, "restore-duration", 10*time.Second, "how long a restore takes")
	flag.StringVar(&ops.BackupsCompleteAs, "backups-complete-as", "", `the status manual backups end in: COMPLETED (default) or AVAILABLE`)
	flag.StringVar(&ops.BackupFailure, "backup-failure", "", "fail every manual backup with these words")
	flag.StringVar(&ops.RestoreFailure, "restore-failure", "", "fail every restore with these words")
	flag.IntVar(&ops.BusyConflicts, "busy-conflicts", 0, `answer the first N backups and restores with 409 "another operation is in progress"`)
	flag.DurationVar(&ops.JobsHiddenFor, "jobs-hidden-for", emulator.DefaultJobsHiddenFor,
		"how long a new job is unknown to GET /jobs and the task center, as the jobs page warns; 0 shows jobs at once")
	flag.DurationVar(&ops.RestoreUnauthorizedFor, "restore-unauthorized-for", 0, "how long each restore job is Unauthorized (awaiting authorization) before it runs")
	flag.StringVar(&ops.RestoreCancellation, "restore-cancellation", "", "end every restore Canceled with these words")
	var faults emulator.Faults
	flag.IntVar(&faults.FailEachPageOnce, "fail-each-page-once", 0, "answer the first request for each page with this status, e.g. 503")
	flag.IntVar(&faults.ThrottleEvery, "throttle-every", 0, "answer every Nth backups request with 429")
	flag.StringVar(&faults.RetryAfter, "retry-after", "", "Retry-After header of the 429 answers, e.g. 1")
	flag.IntVar(&faults.TotalCountExtra, "total-count-extra", 0, "add this to every total_count")
	flag.IntVar(&faults.GrowDuringListings, "grow-during-listings", 0, "create a backup after the first page of this many listings")
	flag.IntVar(&faults.GrowEvery, "grow-every", 0, "create a backup before every Nth backups request")
	flag.IntVar(&faults.PageCap, "page-cap", 0, "serve at most N backups per answer, whatever limit asks")
	flag.IntVar(&faults.EmptyPageEvery, "empty-page-every", 0, "answer every Nth backups request with no backups (and the true total_count)")
	flag.BoolVar(&faults.ShuffleTies, "shuffle-ties", false, "order backups that began in the same second anew for each answer")
	flag.IntVar(&faults.DropMidBodyEvery, "drop-mid-body-every", 0, "send half of every Nth answer, then close the connection")
	flag.IntVar(&faults.DeleteNearFrontEvery, "delete-near-front-every", 0, "delete one of the five newest backups before every Nth backups request")
	flag.BoolVar(&faults.CachedCount, "cached-count", false, "answer each query with the total_count it gave the first time")
	flag.IntVar(&faults.ErrorIn200Every, "error-in-200-every", 0, "answer every Nth backups request with HTTP 200 and an error body")
	flag.IntVar(&faults.RepeatIDEvery, "repeat-id-every", 0, "put the first backup of every Nth answer in it twice, with another begin_time")
	flag.BoolVar(&faults.OffsetAsPage, "offset-as-page", false, "read offset as a page number")
	flag.BoolVar(&faults.IgnoreOffset, "ignore-offset", false, "serve the first page whatever offset says")
	var quirks emulator.Quirks
	flag.BoolVar(&quirks.Pre2023, "pre-2023", false, "answer as a deployment from before 2023: no instance_name, name filters ignored")
	flag.BoolVar(&quirks.Sparse, "sparse", false, `leave total_count out and send "backups": null on an empty page`)
	flag.BoolVar(&quirks.NumericFields, "numeric-fields", false, "send backup_level as a number and size as an integer")
	flag.BoolVar(&quirks.GenericParameterError, "generic-parameter-error", false, `answer invalid parameters with DBS.200001 "Parameter error."`)
	flag.BoolVar(&quirks.CodeMessageErrors, "code-message-errors", false, `write errors as {"code", "message"}`)
	flag.BoolVar(&quirks.RejectFutureTimes, "reject-future-times", false, "refuse a begin_time or end_time later than now")
	flag.BoolVar(&quirks.IgnoreRestoreWindow, "ignore-restore-window", false, "answer restore-time as before December 2025: start_time and end_time ignored")
	flag.BoolVar(&quirks.SpansNewestFirst, "spans-newest-first", false, "answer restore-time's spans newest first")
	flag.IntVar(&faults.NoListEvery, "no-list-every", 0, "answer every Nth listing request with {}")
	readings := readingFlags(flag.CommandLine)
	seedEvery := flag.Duration("seed-every", 0, "seed backups this far apart instead of every six hours, e.g. 30s")
	seedLasting := flag.Duration("seed-lasting", 0, "with -seed-every, each seeded backup runs this long, e.g. 4m")
	var agency emulator.Agency
	flag.StringVar(&agency.Name, "agency", "", "an agency the account may assume (with -agency-domain-name or -agency-domain-id)")
	flag.StringVar(&agency.DomainName, "agency-domain-name", "", "the account name of -agency, for IAM v3")
	flag.StringVar(&agency.DomainID, "agency-domain-id", "", "the account id of -agency, for STS v5")
	idpID := flag.String("idp-id", "", "an identity provider that accepts -id-token")
	idToken := flag.String("id-token", "", "the id token -idp-id accepts")
	metadata := flag.Bool("metadata", false, "serve the ECS metadata service (credentials of the server's agency)")
	metadataSession := flag.Bool("metadata-session-token", true, "with -metadata, require the session-token handshake")
	lifetime := flag.Duration("credential-lifetime", 0, "how long issued temporary credentials last, e.g. 5s (default 1h)")
	tlsCert := flag.String("tls-cert", "", "serve HTTPS with this certificate (PEM file); needs -tls-key")
	tlsKey := flag.String("tls-key", "", "the private key of -tls-cert (PEM file)")
	clientCA := flag.String("client-ca", "", "with -tls-cert, require a client certificate signed by these CAs (PEM file)")
	flag.Parse()

	tlsConfig, err := serverTLS(*tlsCert, *tlsKey, *clientCA)
	if err != nil {
		log.Fatal(err)
	}
	answers, err := readings()
	if err != nil {
		log.Fatal(err)
	}
	if ops.JobsHiddenFor == 0 {
		ops.JobsHiddenFor = -1 // shown at once: the library reads zero as the default
	}
	seeded := emulator.SeedTied(*backups, *ties)
	if *seedEvery > 0 {
		seeded = emulator.Respaced(seeded, *seedEvery, *seedLasting)
	}
	for i := range seeded {
		if *descriptionBytes > 0 {
			seeded[i].Description = strings.Repeat("d", *descriptionBytes)
		}
	}
	if err := run(*listen, tlsConfig, emulator.Options{
		Token:              *token,
		ProjectID:          *projectID,
		Region:             *region,
		Projects:           otherProjects,
		Credentials:        keys,
		Users:              iamUsers,
		Backups:            seeded,
		IncrementalBackups: emulator.SeedIncremental(*logDays),
		LogRetention:       *logRetention,
		Operations:         ops,
		Latency:            *latency,
		Faults:             faults,
		Quirks:             quirks,
		Readings:           answers,
		Agencies:           agencies(agency),
		IdentityProviders:  identityProviders(*idpID, *idToken),
		Metadata:           metadataService(*metadata, *metadataSession),
		CredentialLifetime: *lifetime,
	}); err != nil {
		log.Fatal(err)
	}
}

func agencies(a emulator.Agency) []emulator.Agency {
	if a.Name == "" {
		return nil
	}
	return []emulator.Agency{a}
}

func identityProviders(id, token string) map[string]string {
	if id == "" {
		return nil
	}
	return map[string]string{id: token}
}

func metadataService(on, sessionToken bool) *emulator.Metadata {
	if !on {
		return nil
	}
	return &emulator.Metadata{RequireSessionToken: sessionToken}
}

// serverTLS is the TLS configuration of the flags, or nil for plain HTTP.
func serverTLS(certFile, keyFile, clientCAFile string) (*tls.Config, error) {
	if certFile == "" {
		if clientCAFile != "" {
			return nil, errors.New("-client-ca needs -tls-cert and -tls-key")
		}
		return nil, nil
	}
	certificate, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("-tls-cert and -tls-key: %w", err)
	}
	config := &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{certificate}}
	if clientCAFile != "" {
		pem, err := os.ReadFile(clientCAFile)
		if err != nil {
			return nil, fmt.Errorf("-client-ca: %w", err)
		}
		config.ClientCAs = x509.NewCertPool()
		if !config.ClientCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("-client-ca %s holds no PEM certificate", clientCAFile)
		}
		config.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return config, nil
}

func run(listen string, tlsConfig *tls.Config, opts emulator.Options) error {
	listener, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", listen, err)
	}
	scheme := "http"
	if tlsConfig != nil {
		listener, scheme = tls.NewListener(listener, tlsConfig), "https"
	}
	api := emulator.New(opts)
	server := &http.Server{Handler: api, ReadHeaderTimeout: 10 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()

	fmt.Printf("listening on %s://%s\n", scheme, listener.Addr())
	fmt.Printf("serving %d backups and %d incremental backups of project %s to token %q\n", len(opts.Backups),
		len(opts.IncrementalBackups), opts.ProjectID, opts.Token)
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Printf("served %d backups requests\n", api.BackupRequests())
	return nil
}
