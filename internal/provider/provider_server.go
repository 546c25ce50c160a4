package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-mux/tf6muxserver"
)

// NewServer returns the provider as Terraform's protocol 6 server: the
// framework provider, and beside it the plain server of the two large
// listings (listing_server.go), combined by terraform-plugin-mux.
func NewServer(ctx context.Context, version string) (func() tfprotov6.ProviderServer, error) {
	return muxedServer(ctx, &GaussDBProvider{version: version, getenv: os.Getenv})
}

// NewServerWithTransport is NewServer with every API request sent through
// transport instead of the network. The benchmarks' in-memory build uses it.
func NewServerWithTransport(ctx context.Context, version string, transport http.RoundTripper) (func() tfprotov6.ProviderServer, error) {
	return muxedServer(ctx, &GaussDBProvider{version: version, getenv: os.Getenv, transport: transport})
}

// muxedServer serves p, without the large listings, beside the plain
// server of those, which reads with the clients p configures.
func muxedServer(ctx context.Context, p *GaussDBProvider) (func() tfprotov6.ProviderServer, error) {
	p.listings = &configuredClients{}
	server, err := tf6muxserver.NewMuxServer(ctx, providerserver.NewProtocol6(p), newListingServer(p.listings))
	if err != nil {
		return nil, fmt.Errorf("combining the provider's servers: %w", err)
	}
	return server.ProviderServer, nil
}
