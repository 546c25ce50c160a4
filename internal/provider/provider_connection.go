package provider

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// baseURLPattern is a base URL: scheme and host (and port), no path.
const baseURLPattern = `^https?://[^/\s?#]+$`

// endpointsOf is where the services are, from region, cloud, auth_url and
// endpoints; endpoints.iam and endpoints.sts must be base URLs, since the
// provider appends the services' paths.
func endpointsOf(s config.Settings, plan signin.Plan, diags *diag.Diagnostics) transport.Endpoints {
	urls := s.Map("endpoints")
	base := func(key string) string {
		value := strings.TrimRight(urls[key].Text, "/")
		if value != "" && !regexp.MustCompile(baseURLPattern).MatchString(value) {
			diags.AddAttributeError(path.Root("endpoints").AtMapKey(key), "Invalid endpoints."+key,
				"endpoints."+key+" is "+strconv.Quote(value)+"; it must be a base URL, scheme and host only, e.g. "+
					"https://"+key+".cn-north-4.myhuaweicloud.com: the provider appends the paths (/v3/..., /v5/...).")
		}
		return value
	}
	return transport.Endpoints{
		Cloud:   s.Get("cloud").Text,
		GaussDB: strings.TrimRight(urls[config.EndpointGaussDB].Text, "/"),
		IAM:     base(config.EndpointIAM),
		STS:     base(config.EndpointSTS),
		AuthURL: strings.TrimRight(s.Get("auth_url").Text, "/"),
		Region:  plan.Region.Text,
	}
}

// httpOptionsOf are the settings every request shares.
func httpOptionsOf(s config.Settings, plan signin.Plan, userAgent string, network http.RoundTripper) transport.Options {
	opts := transport.Options{
		Language:       s.Get("language").Text,
		MaxRetries:     transport.DefaultMaxRetries,
		RequestTimeout: transport.DefaultRequestTimeout,
		Insecure:       s.Get("insecure").Bool(),
		CACertFile:     s.Get("cacert_file").Text,
		ClientCert:     s.Get("cert").Text,
		ClientKey:      s.Get("key").Text,
		UserAgent:      userAgent,
		Transport:      network,
		Secrets:        secretsOf(s, plan),
	}
	if v := s.Get("max_retries"); v.IsSet() {
		opts.MaxRetries = int(v.Int())
	}
	if v := s.Get("request_timeout"); v.IsSet() {
		opts.RequestTimeout = time.Duration(v.Int()) * time.Second
	}
	return opts
}

// secretsOf are the values never to be shown, in logs nor in errors: every
// sensitive argument of the table, and the secrets of a profile or an id
// token file.
func secretsOf(s config.Settings, plan signin.Plan) []string {
	var secrets []string
	add := func(value string) {
		if value != "" {
			secrets = append(secrets, value)
		}
	}
	for _, a := range config.Arguments() {
		if a.Sensitive {
			add(s.Get(a.Name).Text)
		}
		for _, n := range a.Nested {
			for _, b := range s.Blocks(a.Name) {
				if n.Sensitive {
					add(b.Get(n.Name).Text)
				}
			}
		}
	}
	add(plan.SecretKey.Text)
	add(plan.SecurityToken.Text)
	if plan.OIDC != nil && plan.OIDC.IDTokenFile.IsSet() {
		if token, err := transport.ReadSettingFile(plan.OIDC.IDTokenFile.Text); err == nil {
			add(strings.Trim(string(token), "\r\n"))
		}
	}
	return secrets
}
