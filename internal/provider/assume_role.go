package provider

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
)

// Environment variables of the agency and OIDC settings, as the official
// provider names them; they configure one role when no block does.
const (
	envAssumeRoleAgency     = "HW_ASSUME_ROLE_AGENCY_NAME"
	envAssumeRoleDomainName = "HW_ASSUME_ROLE_DOMAIN_NAME"
	envAssumeRoleDomainID   = "HW_ASSUME_ROLE_DOMAIN_ID"
	envAssumeRoleDuration   = "HW_ASSUME_ROLE_DURATION"
	envAssumeRoleIdpID      = "HW_ASSUME_ROLE_IDP_ID"
	envAssumeRoleIDToken    = "HW_ASSUME_ROLE_ID_TOKEN"
	envAssumeRoleTokenFile  = "HW_ASSUME_ROLE_ID_TOKEN_FILE"
)

// Bounds of duration, in seconds: STS v5's.
const (
	minAgencyDuration = 900
	maxAgencyDuration = 43200
)

// assumeRoleModel is one assume_role block: one hop of a chain.
type assumeRoleModel struct {
	AgencyName types.String `tfsdk:"agency_name"`
	DomainName types.String `tfsdk:"domain_name"`
	DomainID   types.String `tfsdk:"domain_id"`
	Duration   types.Number `tfsdk:"duration"`
}

// assumeRoleWithOIDCModel is the assume_role_with_oidc block.
type assumeRoleWithOIDCModel struct {
	AgencyName  types.String `tfsdk:"agency_name"`
	DomainID    types.String `tfsdk:"domain_id"`
	IdpID       types.String `tfsdk:"idp_id"`
	IDToken     types.String `tfsdk:"id_token"`
	IDTokenFile types.String `tfsdk:"id_token_file"`
	Duration    types.Number `tfsdk:"duration"`
}

// oidcSettings are the settings of assume_role_with_oidc.
type oidcSettings struct {
	idpID       string
	idToken     string
	idTokenFile string
	// agency is assumed with the federated credentials when it has a name.
	agency signin.Agency
}

// idTokenReader returns the id token; a file is read again at each call,
// trimmed of surrounding newlines, as CI systems rewrite it.
func (o oidcSettings) idTokenReader() func() (string, error) {
	if o.idToken != "" {
		token := o.idToken
		return func() (string, error) { return token, nil }
	}
	file := o.idTokenFile
	return func() (string, error) {
		data, err := os.ReadFile(client.ExpandHome(file))
		if err != nil {
			return "", err
		}
		return strings.Trim(string(data), "\r\n"), nil
	}
}

// durationAttribute is the duration of an agency's credentials.
func durationAttribute() schema.NumberAttribute {
	return schema.NumberAttribute{
		Optional: true,
		MarkdownDescription: "Seconds the temporary credentials last, from 900 to 43200 (at most 3600 when the " +
			"credentials that assume the agency are temporary themselves). Unset leaves it to the service " +
			"(3600 for STS). They are refreshed before they expire either way. Defaults to `HW_ASSUME_ROLE_DURATION`.",
		Validators: []validator.Number{wholeNumberBetween{minAgencyDuration, maxAgencyDuration}},
	}
}

// assumeRoleBlocks are the provider's blocks for agencies and OIDC.
func assumeRoleBlocks() map[string]schema.Block {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	return map[string]schema.Block{
		"assume_role": schema.ListNestedBlock{
			MarkdownDescription: "An agency to assume with the provider's credentials; several blocks are a chain, " +
				"each assumed with the credentials of the one before. Without a block, `HW_ASSUME_ROLE_AGENCY_NAME` " +
				"(with `HW_ASSUME_ROLE_DOMAIN_NAME`, `HW_ASSUME_ROLE_DOMAIN_ID`, `HW_ASSUME_ROLE_DURATION`) configures one.",
			NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"agency_name": schema.StringAttribute{
					Required: true, MarkdownDescription: "Name of the agency.",
					Validators: []validator.String{stringvalidator.LengthBetween(2, 128)},
				},
				"domain_name": schema.StringAttribute{
					Optional: true, Validators: nonEmpty,
					MarkdownDescription: "Name of the account that delegates: the agency is assumed with IAM " +
						"(`POST /v3.0/OS-CREDENTIAL/securitytokens`).",
				},
				"domain_id": schema.StringAttribute{
					Optional: true, Validators: nonEmpty,
					MarkdownDescription: "ID of the account that delegates: when set, the agency is assumed with STS " +
						"(`POST /v5/agencies/assume`), which also accepts a token.",
				},
				"duration": durationAttribute(),
			}},
		},
		"assume_role_with_oidc": schema.ListNestedBlock{
			MarkdownDescription: "Sign in with an OpenID Connect id token, e.g. from a CI system, with no stored " +
				"keys: the id token is exchanged at IAM for temporary credentials, which then assume the agency. " +
				"At most one block. Without one, `HW_ASSUME_ROLE_IDP_ID` (with the `HW_ASSUME_ROLE_*` variables) " +
				"configures it, and may leave out the agency.",
			Validators: []validator.List{listvalidator.SizeAtMost(1)},
			NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"agency_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the agency to assume.",
					Validators: []validator.String{stringvalidator.LengthBetween(2, 128)}},
				"domain_id": schema.StringAttribute{Required: true, Validators: nonEmpty,
					MarkdownDescription: "ID of the account that delegates the agency."},
				"idp_id": schema.StringAttribute{Required: true, Validators: nonEmpty,
					MarkdownDescription: "ID of the IAM identity provider that trusts the id token's issuer."},
				"id_token": schema.StringAttribute{
					Optional: true, Sensitive: true,
					MarkdownDescription: "The id token. Exactly one of `id_token` and `id_token_file`.",
					Validators: []validator.String{stringvalidator.ExactlyOneOf(
						path.MatchRelative().AtParent().AtName("id_token"), path.MatchRelative().AtParent().AtName("id_token_file"))},
				},
				"id_token_file": schema.StringAttribute{
					Optional: true, Validators: nonEmpty,
					MarkdownDescription: "A file holding the id token, read again at every refresh (CI systems " +
						"rewrite it); surrounding newlines are trimmed.",
				},
				"duration": durationAttribute(),
			}},
		},
	}
}

// resolveAgencies reads the assume_role blocks, or the environment's one
// role when there is no block.
func resolveAgencies(blocks []assumeRoleModel, getenv func(string) string, diags *diag.Diagnostics) []signin.Agency {
	var agencies []signin.Agency
	for i, b := range blocks {
		if b.DomainName.IsNull() && b.DomainID.IsNull() {
			diags.AddAttributeError(path.Root("assume_role").AtListIndex(i).AtName("domain_name"), "Missing agency account",
				"An agency is assumed in an account: set domain_name (IAM) or domain_id (STS).")
		}
		agencies = append(agencies, signin.Agency{
			Name: b.AgencyName.ValueString(), DomainName: b.DomainName.ValueString(), DomainID: b.DomainID.ValueString(),
			Duration: blockDuration(b.Duration),
		})
	}
	if len(blocks) > 0 {
		return agencies
	}
	name := strings.TrimSpace(getenv(envAssumeRoleAgency))
	if name == "" || strings.TrimSpace(getenv(envAssumeRoleIdpID)) != "" {
		return nil // none, or the OIDC one
	}
	return []signin.Agency{{
		Name: name, DomainName: strings.TrimSpace(getenv(envAssumeRoleDomainName)),
		DomainID: strings.TrimSpace(getenv(envAssumeRoleDomainID)), Duration: envDuration(getenv, diags),
	}}
}

// resolveOIDC reads assume_role_with_oidc, or the environment when
// HW_ASSUME_ROLE_IDP_ID is set; nil when neither configures it.
func resolveOIDC(blocks []assumeRoleWithOIDCModel, getenv func(string) string, diags *diag.Diagnostics) *oidcSettings {
	if len(blocks) > 0 {
		b := blocks[0]
		return &oidcSettings{
			idpID: b.IdpID.ValueString(), idToken: b.IDToken.ValueString(), idTokenFile: b.IDTokenFile.ValueString(),
			agency: signin.Agency{Name: b.AgencyName.ValueString(), DomainID: b.DomainID.ValueString(), Duration: blockDuration(b.Duration)},
		}
	}
	idpID := strings.TrimSpace(getenv(envAssumeRoleIdpID))
	if idpID == "" {
		return nil
	}
	o := &oidcSettings{
		idpID: idpID, idToken: strings.TrimSpace(getenv(envAssumeRoleIDToken)), idTokenFile: strings.TrimSpace(getenv(envAssumeRoleTokenFile)),
		agency: signin.Agency{Name: strings.TrimSpace(getenv(envAssumeRoleAgency)), DomainID: strings.TrimSpace(getenv(envAssumeRoleDomainID)),
			Duration: envDuration(getenv, diags)},
	}
	switch {
	case o.idToken == "" && o.idTokenFile == "":
		diags.AddError("Missing id token", envAssumeRoleIdpID+" is set, so the provider signs in with OIDC, but "+
			"neither "+envAssumeRoleIDToken+" nor "+envAssumeRoleTokenFile+" is: set one.")
	case o.agency.Name != "" && o.agency.DomainID == "":
		diags.AddError("Missing "+envAssumeRoleDomainID, "OIDC with an agency ("+envAssumeRoleAgency+") assumes it "+
			"with STS, which needs the delegating account's id: set "+envAssumeRoleDomainID+".")
	}
	return o
}

// blockDuration is a duration attribute (seconds, checked by the schema).
func blockDuration(n types.Number) time.Duration {
	seconds, _ := wholeNumber(n, minAgencyDuration, maxAgencyDuration)
	return time.Duration(seconds) * time.Second
}

// envDuration is HW_ASSUME_ROLE_DURATION, which must be a whole number of
// seconds in bounds (the official provider takes a mistake for 0).
func envDuration(getenv func(string) string, diags *diag.Diagnostics) time.Duration {
	value := strings.TrimSpace(getenv(envAssumeRoleDuration))
	if value == "" {
		return 0
	}
	seconds, err := strconv.Atoi(value)
	if err != nil || seconds < minAgencyDuration || seconds > maxAgencyDuration {
		diags.AddError("Invalid "+envAssumeRoleDuration, "The environment variable "+envAssumeRoleDuration+" is "+
			strconv.Quote(value)+"; it must be a whole number of seconds from 900 to 43200.")
		return 0
	}
	return time.Duration(seconds) * time.Second
}
