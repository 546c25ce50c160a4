package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
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

// TestBothDataSourcesDescribeABackupAlike pins gaussdb_mysql_backup's
// written-out schema to the backup object of gaussdb_mysql_backups: every
// attribute of a backup is there, under its top-level name, with the same
// type.
func TestBothDataSourcesDescribeABackupAlike(t *testing.T) {
	var single datasource.SchemaResponse
	NewMySQLBackupDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &single)
	names := singleBackupAttributeNames()
	for name, attribute := range backupAttributes() {
		topLevel, ok := single.Schema.Attributes[names[name]]
		if !ok {
			t.Errorf("gaussdb_mysql_backup has no %s (the backup's %s)", names[name], name)
			continue
		}
		if !topLevel.GetType().Equal(attribute.GetType()) {
			t.Errorf("%s is %s in gaussdb_mysql_backup but %s in a backup", names[name], topLevel.GetType(), attribute.GetType())
		}
	}
}
