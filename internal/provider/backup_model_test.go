package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
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

func TestMostRecentNeverPicksABackupWhoseTimeCannotBeRead(t *testing.T) {
	readable, _ := gaussdb.ParseTime("2026-01-01T00:00:00Z")
	backups := []gaussdb.Backup{
		{ID: "readable", Status: gaussdb.StatusCompleted, BeginTime: gaussdb.Time{Time: readable}},
		{ID: "unreadable", Status: gaussdb.StatusCompleted, BeginTime: gaussdb.Time{Raw: "sometime on Tuesday"}},
	}
	selection := backupSelection{statuses: restorableStatuses()}
	if got, problem := pickBackup(backups, true, selection); problem != "" || got.ID != "readable" {
		t.Errorf("picked %q (%s), want the backup with a readable time", got.ID, problem)
	}
	if _, problem := pickBackup(backups[1:], true, selection); !strings.Contains(problem, "none can be shown to be the most recent") {
		t.Errorf("problem = %q, want one saying no backup can be shown the most recent", problem)
	}
	values := backupTerraformAttributes(gaussdb.Backup{ID: "odd", BeginTime: gaussdb.Time{Time: readable}, EndTime: gaussdb.Time{Raw: "x"}},
		backupTerraformType().AttributeTypes["datastore"])
	if !values["begin_time"].IsNull() || !values["end_time"].IsNull() {
		t.Errorf("times = %v and %v, want both null when one cannot be read", values["begin_time"], values["end_time"])
	}
}
