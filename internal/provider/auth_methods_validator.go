package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

// authMethodsValidator rejects a provider block that sets arguments of two
// authentication methods: which one was meant cannot be guessed.
type authMethodsValidator struct{}

var _ provider.ConfigValidator = authMethodsValidator{}

func (authMethodsValidator) Description(context.Context) string {
	return "at most one of token, access_key/secret_key and user_name/user_id/password may be set"
}

func (v authMethodsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateProvider reports two or more methods set in the block.
func (authMethodsValidator) ValidateProvider(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	methods := explicitAuthMethods(m)
	if len(methods) < 2 {
		return
	}
	names := make([]string, len(methods))
	for i, method := range methods {
		names[i] = string(method)
	}
	resp.Diagnostics.AddAttributeError(path.Root(firstArgumentOf(methods[1])), "Conflicting authentication methods",
		"The provider block sets arguments of "+strings.Join(names, " and ")+" authentication. Set only one: "+
			"token; or access_key and secret_key (plus security_token for temporary keys); or password with "+
			"user_name and domain_name (or domain_id), or with user_id.")
}

// firstArgumentOf names the argument a method is usually recognised by.
func firstArgumentOf(method authMethod) string {
	switch method {
	case authAKSK:
		return "access_key"
	case authPassword:
		return "user_name"
	default:
		return "token"
	}
}
