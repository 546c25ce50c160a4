package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestStateWithLeavesTheConfigurationAlone(t *testing.T) {
	objectType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"filter": tftypes.String, "found": tftypes.String}}
	config := tftypes.NewValue(objectType, map[string]tftypes.Value{
		"filter": tftypes.NewValue(tftypes.String, "f"),
		"found":  tftypes.NewValue(tftypes.String, nil),
	})
	before := config.Copy()
	state, err := stateWith(config, map[string]tftypes.Value{"found": tftypes.NewValue(tftypes.String, "x")})
	if err != nil {
		t.Fatal(err)
	}
	if !config.Equal(before) {
		t.Errorf("the configuration changed to %v", config)
	}
	want := tftypes.NewValue(objectType, map[string]tftypes.Value{
		"filter": tftypes.NewValue(tftypes.String, "f"),
		"found":  tftypes.NewValue(tftypes.String, "x"),
	})
	if !state.Equal(want) {
		t.Errorf("state = %v, want %v", state, want)
	}
}
