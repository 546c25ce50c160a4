package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// protocolDiagnostics converts the diagnostics that the shared read code
// reports into the protocol's, as the framework does for its data sources
// (its own conversion is internal to it): the plain server's answers then
// say exactly what the framework's would. The equivalence test compares
// them.
func protocolDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var results []*tfprotov6.Diagnostic
	for _, d := range diags {
		converted := &tfprotov6.Diagnostic{
			Detail:   d.Detail(),
			Severity: protocolSeverity(d.Severity()),
			Summary:  d.Summary(),
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			attribute, err := protocolPath(ctx, withPath.Path())
			if err != nil {
				results = append(results, &tfprotov6.Diagnostic{
					Severity: tfprotov6.DiagnosticSeverityError,
					Summary:  "Unable to Convert Attribute Path",
					Detail: "An unexpected error occurred while trying to convert an attribute path. " +
						"This is either an error in terraform-plugin-framework or a custom attribute type used by the provider. " +
						"Please report the following to the provider developers.\n\n" +
						fmt.Sprintf("Attribute Path: %s\n", withPath.Path().String()) +
						fmt.Sprintf("Original Error: %s", err),
				})
			}
			converted.Attribute = attribute
		}
		results = append(results, converted)
	}
	return results
}

func protocolSeverity(s diag.Severity) tfprotov6.DiagnosticSeverity {
	switch s {
	case diag.SeverityError:
		return tfprotov6.DiagnosticSeverityError
	case diag.SeverityWarning:
		return tfprotov6.DiagnosticSeverityWarning
	}
	return tfprotov6.DiagnosticSeverityInvalid
}

// protocolPath converts an attribute path step by step.
func protocolPath(ctx context.Context, p path.Path) (*tftypes.AttributePath, error) {
	var steps []tftypes.AttributePathStep
	for _, step := range p.Steps() {
		switch step := step.(type) {
		case path.PathStepAttributeName:
			steps = append(steps, tftypes.AttributeName(string(step)))
		case path.PathStepElementKeyInt:
			steps = append(steps, tftypes.ElementKeyInt(int64(step)))
		case path.PathStepElementKeyString:
			steps = append(steps, tftypes.ElementKeyString(string(step)))
		case path.PathStepElementKeyValue:
			value, err := step.ToTerraformValue(ctx)
			if err != nil {
				return nil, fmt.Errorf("unable to convert attr.Value (%s) to tftypes.Value: %w", step.Value.String(), err)
			}
			steps = append(steps, tftypes.ElementKeyValue(value))
		default:
			return nil, fmt.Errorf("unknown path.PathStep: %#v", step)
		}
	}
	return tftypes.NewAttributePathWithSteps(steps), nil
}
