package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
)

// providerSchema is the provider block, derived from the table of
// arguments (config.Arguments): each argument's type, validation, and a
// description that names its environment variables and default.
func providerSchema() schema.Schema {
	attributes := map[string]schema.Attribute{}
	blocks := map[string]schema.Block{}
	for _, a := range config.Arguments() {
		switch {
		case a.EnvOnly:
		case a.Kind == config.Blocks:
			blocks[a.Name] = blockSchema(a)
		default:
			attributes[a.Name] = attributeSchema(a, describe(a))
		}
	}
	return schema.Schema{
		MarkdownDescription: "Reads GaussDB(for MySQL) (TaurusDB) on Huawei Cloud. Every argument falls back to the " +
			"environment variables the official huaweicloud provider reads; how the credentials are chosen is " +
			"the table under \"Where the credentials come from\".",
		Attributes: attributes,
		Blocks:     blocks,
	}
}

// describe is an argument's description and its defaults sentence.
func describe(a config.Argument) string {
	return strings.TrimSpace(a.Description + " " + a.DefaultsSentence())
}

// attributeSchema is the schema of one argument.
func attributeSchema(a config.Argument, description string) schema.Attribute {
	switch a.Kind {
	case config.WholeNumber:
		return schema.NumberAttribute{Optional: true, MarkdownDescription: description,
			Validators: []validator.Number{wholeNumberBetween{a.Min, a.Max}}}
	case config.Flag:
		return schema.BoolAttribute{Optional: true, MarkdownDescription: description}
	case config.TextMap:
		return schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: description,
			Validators: []validator.Map{
				mapvalidator.KeysAre(stringvalidator.OneOf(a.Keys...)),
				mapvalidator.ValueStringsAre(stringvalidator.RegexMatches(a.Pattern, "must be "+a.Want)),
			}}
	}
	return schema.StringAttribute{Required: a.Required, Optional: !a.Required, Sensitive: a.Sensitive,
		MarkdownDescription: description, Validators: stringValidators(a)}
}

// stringValidators check a Text argument as the table says.
func stringValidators(a config.Argument) []validator.String {
	validators := []validator.String{stringvalidator.LengthAtLeast(max(1, a.MinLength))}
	if a.MaxLength > 0 {
		validators[0] = stringvalidator.LengthBetween(max(1, a.MinLength), a.MaxLength)
	}
	if len(a.OneOf) > 0 {
		validators = append(validators, stringvalidator.OneOf(a.OneOf...))
	}
	if a.Pattern != nil {
		validators = append(validators, stringvalidator.RegexMatches(a.Pattern, "must be "+a.Want))
	}
	return validators
}

// blockSchema is a Blocks argument: a list of nested blocks. Inside a
// block the environment does not apply (it stands in for a whole block),
// so the nested descriptions name no variable.
func blockSchema(a config.Argument) schema.Block {
	nested := map[string]schema.Attribute{}
	for _, n := range a.Nested {
		nested[n.Name] = attributeSchema(n, n.Description)
	}
	block := schema.ListNestedBlock{MarkdownDescription: a.Description,
		NestedObject: schema.NestedBlockObject{Attributes: nested}}
	if a.MaxBlocks > 0 {
		block.Validators = []validator.List{listvalidator.SizeAtMost(a.MaxBlocks)}
	}
	return block
}
