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
	urls := s.Map(config.Endpoints)
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
		Cloud:   s.Get(config.Cloud).Text,
		GaussDB: strings.TrimRight(urls[config.EndpointGaussDB].Text, "/"),
		IAM:     base(config.EndpointIAM),
		STS:     base(config.EndpointSTS),
		AuthURL: strings.TrimRight(s.Get(config.AuthURL).Text, "/"),
		Region:  plan.Region.Text,
	}
}

// httpOptionsOf are the settings every request shares.
func httpOptionsOf(s config.Settings, plan signin.Plan, userAgent string, network http.RoundTripper) transport.Options {
	return transport.Options{
		Language:       s.Get(config.Language).Text,
		MaxRetries:     int(s.Get(config.MaxRetries).Int()),
		RequestTimeout: time.Duration(s.Get(config.RequestTimeout).Int()) * time.Second,
		Insecure:       s.Get(config.Insecure).Bool(),
		CACertFile:     s.Get(config.CACertFile).Text,
		ClientCert:     s.Get(config.Cert).Text,
		ClientKey:      s.Get(config.Key).Text,
		UserAgent:      userAgent,
		Transport:      network,
		Secrets:        secretsOf(s, plan),
	}
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
			add(s.Get(a.Setting).Text)
		}
		for _, n := range a.Nested {
			for _, b := range s.Blocks(a.Setting) {
				if n.Sensitive {
					add(b.Get(n.Setting).Text)
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
