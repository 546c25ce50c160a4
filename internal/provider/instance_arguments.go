package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// instanceIDPattern is what an instance id can be: the cloud's are 32 hex
// digits and a suffix such as in07. The id goes into the request's path, so
// nothing else gets that far. Compiled when a schema that needs it is
// built, not in every start of the provider.
func instanceIDPattern() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)
}

// instanceArguments are the arguments of the data sources that read one
// instance: region and instance_id.
func instanceArguments(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"region": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Region of the instance, with its own endpoint and project. Defaults to the " +
				"provider's `region`.",
			Validators: regionValidators(),
		},
		"instance_id": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "ID of the instance " + what + ", e.g. `3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07`.",
			Validators:          instanceIDValidators(),
		},
	}
}
