package provider

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// apiClients hands data sources an API client per region, building each
// once on the provider's sign-in session.
type apiClients struct {
	session       *signin.Session
	endpoints     transport.Endpoints
	httpOpts      transport.Options
	maxConcurrent int
	// secrets are masked in every log line of the data sources.
	secrets []string
	waits   apiWaits

	mu      sync.Mutex
	regions map[string]*gaussdb.Client
}

// apiWaits are how long the clients wait for what the API shows late; zero
// values are gaussdb's defaults (gaussdb.JobVisibleWithin,
// gaussdb.ListedWithin).
type apiWaits struct {
	jobVisibleWithin, listedWithin time.Duration
}

func newAPIClients(session *signin.Session, endpoints transport.Endpoints, httpOpts transport.Options, maxConcurrent int) *apiClients {
	return &apiClients{session: session, endpoints: endpoints, httpOpts: httpOpts, maxConcurrent: maxConcurrent,
		secrets: httpOpts.Secrets, regions: map[string]*gaussdb.Client{}}
}

// regionClient returns the client of a region, made once; "" is the
// provider's region. A failure is not kept: the next operation tries again.
func (a *apiClients) regionClient(ctx context.Context, region string) (*gaussdb.Client, error) {
	if region == "" {
		region = a.session.Plan().Region.Text
	}
	a.mu.Lock()
	c, ok := a.regions[region]
	a.mu.Unlock()
	if ok {
		return c, nil
	}
	auth, projectID, err := a.session.ForRegion(ctx, region)
	if err != nil {
		return nil, err
	}
	c, err = gaussdb.New(gaussdb.Options{Endpoint: a.endpoints.GaussDBFor(region), ProjectID: projectID, Auth: auth,
		MaxConcurrentRequests: a.maxConcurrent, JobVisibleWithin: a.waits.jobVisibleWithin, ListedWithin: a.waits.listedWithin,
		HTTP: a.httpOpts})
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if existing, ok := a.regions[region]; ok {
		return existing, nil
	}
	a.regions[region] = c
	return c, nil
}

// credentialHint tells a user whose credentials were refused what to
// check: derived from how the provider signed in.
func (a *apiClients) credentialHint() string {
	return a.session.Plan().Hint()
}

// requestTimeout and maxRetries are the settings that errors name.
func (a *apiClients) requestTimeout() time.Duration {
	return a.httpOpts.RequestTimeout
}

func (a *apiClients) maxRetries() int {
	return a.httpOpts.MaxRetries
}

// maskSecrets returns ctx with every secret masked in log messages and
// fields, wherever a log line might quote one.
func (a *apiClients) maskSecrets(ctx context.Context) context.Context {
	return maskSecrets(ctx, a.secrets)
}

func maskSecrets(ctx context.Context, secrets []string) context.Context {
	if len(secrets) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	return tflog.MaskMessageStrings(ctx, secrets...)
}
