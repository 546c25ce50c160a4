package transport

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// DefaultCloud is the domain of Huawei Cloud's public regions.
const DefaultCloud = "myhuaweicloud.com"

// europeCloud is the domain of the European regions whose name starts with
// eu-west-1 (eu-west-101); eu-west-0 (Paris) is under DefaultCloud. So say
// the official SDK's IAM and RDS region tables and the official provider.
const europeCloud = "myhuaweicloud.eu"

// serviceHost returns the first label of the service's host name in a region.
// Nine regions differ from the usual "gaussdb"; this follows the official
// SDK's region table, which the official provider only partly matches.
func serviceHost(region string) string {
	switch region {
	case "ap-southeast-1", "ap-southeast-2", "cn-north-11", "tr-west-1", "me-east-1":
		return "gaussdbformysql"
	case "af-south-1", "cn-east-5", "la-north-2", "cn-southwest-3":
		return "gaussdb-mysql"
	default:
		return "gaussdb"
	}
}

// DefaultCloudForRegion returns the domain a region lives under when the
// user has not named one.
func DefaultCloudForRegion(region string) string {
	if strings.HasPrefix(region, "eu-west-1") {
		return europeCloud
	}
	return DefaultCloud
}

// DefaultEndpoint returns the GaussDB(for MySQL) endpoint of a region, e.g.
// https://gaussdb-mysql.cn-east-5.myhuaweicloud.com.
func DefaultEndpoint(region, cloud string) string {
	return "https://" + serviceHost(region) + "." + region + "." + cloud
}

// DefaultAuthURL returns the IAM endpoint of a region.
func DefaultAuthURL(region, cloud string) string {
	return "https://iam." + region + "." + cloud + "/v3"
}

// DefaultSTSEndpoint returns the STS endpoint of a region.
func DefaultSTSEndpoint(region, cloud string) string {
	return "https://sts." + region + "." + cloud
}

// Endpoints are where the services are: each region's defaults under its
// cloud, unless replaced.
type Endpoints struct {
	// Cloud is the domain of every region; empty is each region's default.
	Cloud string
	// GaussDB, IAM and STS replace the defaults, in every region: base
	// URLs (scheme and host).
	GaussDB, IAM, STS string
	// AuthURL is IAM's auth URL (https://iam.{region}.{cloud}/v3 by
	// default), where IAM is reached when IAM is unset.
	AuthURL string
	// Region is the provider's region, whose IAM serves when neither IAM
	// nor AuthURL is set.
	Region string
}

// CloudFor is the domain of a region.
func (e Endpoints) CloudFor(region string) string {
	if e.Cloud != "" {
		return e.Cloud
	}
	return DefaultCloudForRegion(region)
}

// GaussDBFor is the GaussDB(for MySQL) endpoint of a region.
func (e Endpoints) GaussDBFor(region string) string {
	if e.GaussDB != "" {
		return e.GaussDB
	}
	return DefaultEndpoint(region, e.CloudFor(region))
}

// IAMAuthURL is IAM's auth URL: AuthURL, else the provider's region's.
func (e Endpoints) IAMAuthURL() string {
	if e.AuthURL != "" || e.Region == "" {
		return e.AuthURL
	}
	return DefaultAuthURL(e.Region, e.CloudFor(e.Region))
}

// IAMBase is where IAM is reached: IAM, else the auth URL's scheme and
// host (IAM's paths are its own).
func (e Endpoints) IAMBase() string {
	if e.IAM != "" {
		return e.IAM
	}
	return e.IAMAuthURL()
}

// STSBase is where STS is reached: STS, else the provider's region's.
func (e Endpoints) STSBase() string {
	if e.STS != "" {
		return e.STS
	}
	return DefaultSTSEndpoint(e.Region, e.CloudFor(e.Region))
}

// PlainHTTPError is a plain http:// endpoint on a host other than loopback,
// which credentials would cross the network in clear to.
type PlainHTTPError struct {
	URL string
}

func (e *PlainHTTPError) Error() string {
	return fmt.Sprintf("endpoint %q uses plain http:// to a host that is not loopback: credentials would cross "+
		"the network in clear", e.URL)
}

// CheckEndpoint says why endpoint cannot be used with opts, or returns nil:
// it must be an http:// or https:// URL with a host, and plain http:// only
// to loopback unless insecure (a *PlainHTTPError).
func CheckEndpoint(endpoint string, insecure bool) error {
	base, err := url.Parse(strings.TrimRight(endpoint, "/"))
	if err != nil {
		return errors.New("endpoint is not a URL")
	}
	if base.Scheme != "https" && base.Scheme != "http" || base.Host == "" {
		return fmt.Errorf("endpoint %q must be an http:// or https:// URL with a host", base.Redacted())
	}
	return checkPlainHTTP(base, insecure)
}

// checkPlainHTTP refuses plain http:// to a host that is not loopback, unless
// insecure.
func checkPlainHTTP(base *url.URL, insecure bool) error {
	if base.Scheme == "http" && !insecure && !isLoopback(base.Hostname()) {
		return &PlainHTTPError{URL: base.Redacted()}
	}
	return nil
}
