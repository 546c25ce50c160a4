package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// seededClientBackups decodes n seeded backups as the client would.
func seededClientBackups(b *testing.B, n int) []gaussdb.Backup {
	b.Helper()
	data, err := json.Marshal(emulator.Seed(n))
	if err != nil {
		b.Fatal(err)
	}
	var backups []gaussdb.Backup
	if err := json.Unmarshal(data, &backups); err != nil {
		b.Fatal(err)
	}
	return backups
}

// BenchmarkBackupsValue10000 builds the Terraform list value of 10,000 backups.
func BenchmarkBackupsValue10000(b *testing.B) {
	backups := seededClientBackups(b, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		_ = backupsTerraformValue(backups)
	}
}

// BenchmarkBackupsState10000 is all the provider does with 10,000 backups
// after decoding them: the state, and the msgpack answer Terraform receives.
func BenchmarkBackupsState10000(b *testing.B) {
	ctx := context.Background()
	backups := seededClientBackups(b, 10_000)
	var schemaResp datasource.SchemaResponse
	NewMySQLBackupsDataSource().Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	objectType := schemaResp.Schema.Type().TerraformType(ctx)
	nullConfig := map[string]tftypes.Value{}
	for name, t := range objectType.(tftypes.Object).AttributeTypes {
		nullConfig[name] = tftypes.NewValue(t, nil)
	}
	config := tftypes.NewValue(objectType, nullConfig)
	b.ReportAllocs()
	for b.Loop() {
		state, err := stateWith(config, map[string]tftypes.Value{
			"id":          tftypes.NewValue(tftypes.String, "id"),
			"total_count": tftypes.NewValue(tftypes.Number, int64(len(backups))),
			"backups":     backupsTerraformValue(backups),
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tfprotov6.NewDynamicValue(objectType, state); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBackupsStateMsgPack10000 is BenchmarkBackupsState10000 as the
// plain server does it: the msgpack answer written straight from the
// backups, with no Terraform value of the list.
func BenchmarkBackupsStateMsgPack10000(b *testing.B) {
	ctx := context.Background()
	backups := seededClientBackups(b, 10_000)
	var schemaResp datasource.SchemaResponse
	NewMySQLBackupsDataSource().Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	objectType := schemaResp.Schema.Type().TerraformType(ctx)
	nullConfig := map[string]tftypes.Value{}
	for name, t := range objectType.(tftypes.Object).AttributeTypes {
		nullConfig[name] = tftypes.NewValue(t, nil)
	}
	config := tftypes.NewValue(objectType, nullConfig)
	keepAll := func(gaussdb.Backup) bool { return true }
	b.ReportAllocs()
	for b.Loop() {
		_, err := stateMsgPack(config, map[string]tftypes.Value{
			"id":          tftypes.NewValue(tftypes.String, "id"),
			"total_count": tftypes.NewValue(tftypes.Number, int64(len(backups))),
		}, "backups", backupsWriter(backups, keepAll, len(backups)), 512*len(backups))
		if err != nil {
			b.Fatal(err)
		}
	}
}
