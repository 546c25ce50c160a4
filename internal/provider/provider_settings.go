package provider

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

// Environment variables, named as the official huaweicloud provider names
// them so that existing environments work unchanged.
const (
	envRegion     = "HW_REGION_NAME"
	envProjectID  = "HW_PROJECT_ID"
	envToken      = "HW_AUTH_TOKEN"
	envCloud      = "HW_CLOUD"
	envMaxRetries = "HW_MAX_RETRIES"
	envInsecure   = "HW_INSECURE"
)

// settings is the provider's configuration once the block, the environment
// and the defaults are combined.
type settings struct {
	region     string
	projectID  string
	token      string
	endpoint   string
	language   string
	maxRetries int
	insecure   bool
}

// endpointPattern is what an endpoint override must look like.
func endpointPattern() *regexp.Regexp {
	return regexp.MustCompile(`^https?://[^/\s]+(/\S*)?$`)
}

// resolveSettings combines the provider block with the environment and the
// defaults. Problems are added to diags on the attribute they concern.
func resolveSettings(_ context.Context, m providerModel, getenv func(string) string, diags *diag.Diagnostics) settings {
	for name, value := range map[string]attr.Value{
		"region": m.Region, "project_id": m.ProjectID, "token": m.Token, "cloud": m.Cloud,
		"endpoints": m.Endpoints, "language": m.Language, "max_retries": m.MaxRetries, "insecure": m.Insecure,
	} {
		if value.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider setting",
				"The provider needs "+name+" to read data sources during plan, but its value is only known after apply. "+
					"Set it to a value known at plan time, or use its environment variable.")
		}
	}
	if diags.HasError() {
		return settings{}
	}

	s := settings{
		region:    stringSetting(m.Region, getenv(envRegion)),
		projectID: stringSetting(m.ProjectID, getenv(envProjectID)),
		token:     stringSetting(m.Token, getenv(envToken)),
		language:  m.Language.ValueString(),
	}
	s.maxRetries = int(int64Setting(m.MaxRetries, envMaxRetries, getenv, client.DefaultMaxRetries, "max_retries", diags))
	s.insecure = boolSetting(m.Insecure, envInsecure, getenv, "insecure", diags)
	s.endpoint = resolveEndpoint(m, s.region, getenv, diags)

	if s.token == "" {
		diags.AddAttributeError(path.Root("token"), "Missing credentials",
			"The provider needs an IAM token to call the API. Set token in the provider block, "+
				"or the environment variable "+envToken+".")
	}
	if s.projectID == "" {
		diags.AddAttributeError(path.Root("project_id"), "Missing project",
			"The provider needs the ID of the project whose backups it reads. Set project_id in the provider "+
				"block, or the environment variable "+envProjectID+".")
	}
	return s
}

// resolveEndpoint returns endpoints.gaussdb, or the region's default endpoint.
func resolveEndpoint(m providerModel, region string, getenv func(string) string, diags *diag.Diagnostics) string {
	endpoints := map[string]string{}
	if !m.Endpoints.IsNull() {
		diags.Append(m.Endpoints.ElementsAs(context.Background(), &endpoints, false)...)
	}
	if endpoint := strings.TrimRight(endpoints[endpointKeyGaussDB], "/"); endpoint != "" {
		return endpoint
	}
	if region == "" {
		diags.AddAttributeError(path.Root("region"), "Missing region",
			"The provider needs a region to choose the GaussDB endpoint. Set region in the provider block, "+
				"or the environment variable "+envRegion+", or set endpoints.gaussdb.")
		return ""
	}
	cloud := stringSetting(m.Cloud, getenv(envCloud))
	if cloud == "" {
		cloud = client.DefaultCloudForRegion(region)
	}
	return client.DefaultEndpoint(region, cloud)
}

// stringSetting is the configured value, else the environment's.
func stringSetting(configured types.String, fromEnv string) string {
	if !configured.IsNull() {
		return configured.ValueString()
	}
	return strings.TrimSpace(fromEnv)
}

// int64Setting is the configured value, else the environment's, else fallback.
func int64Setting(configured types.Int64, env string, getenv func(string) string, fallback int64,
	name string, diags *diag.Diagnostics,
) int64 {
	if !configured.IsNull() {
		return configured.ValueInt64()
	}
	fromEnv := strings.TrimSpace(getenv(env))
	if fromEnv == "" {
		return fallback
	}
	value, err := strconv.ParseInt(fromEnv, 10, 64)
	if err != nil || value < 0 || value > 100 {
		diags.AddAttributeError(path.Root(name), "Invalid "+env,
			"The environment variable "+env+" is "+strconv.Quote(fromEnv)+"; it must be a whole number from 0 to 100.")
		return fallback
	}
	return value
}

// boolSetting is the configured value, else the environment's, else false.
func boolSetting(configured types.Bool, env string, getenv func(string) string, name string, diags *diag.Diagnostics) bool {
	if !configured.IsNull() {
		return configured.ValueBool()
	}
	fromEnv := strings.TrimSpace(getenv(env))
	if fromEnv == "" {
		return false
	}
	value, err := strconv.ParseBool(fromEnv)
	if err != nil {
		diags.AddAttributeError(path.Root(name), "Invalid "+env,
			"The environment variable "+env+" is "+strconv.Quote(fromEnv)+"; it must be true or false.")
		return false
	}
	return value
}
