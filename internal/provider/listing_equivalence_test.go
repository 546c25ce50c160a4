package provider

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// The plain server of the large listings (listing_server.go) must answer
// as the framework data sources do: the same schemas, the same
// diagnostics, the same state byte for byte. The framework data sources
// stay in the code as this test's reference: for each filter and fault of
// the acceptance tests, both servers read from fresh emulators alike, one
// request at a time so that the answers are the same, and their answers
// are compared.

// referenceServer is the framework provider with every data source.
func referenceServer() tfprotov6.ProviderServer {
	return providerserver.NewProtocol6(testProvider(nil))()
}

// servedServer is the provider as main serves it.
func servedServer(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	server, err := muxedServer(context.Background(), testProvider(nil))
	if err != nil {
		t.Fatal(err)
	}
	return server()
}

func TestPlainListingsHaveTheFrameworksSchemas(t *testing.T) {
	ctx := context.Background()
	want, err := referenceServer().GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := servedServer(t).GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Diagnostics) > 0 || len(want.Diagnostics) > 0 {
		t.Fatalf("diagnostics: served %s; framework %s", describeDiagnostics(got.Diagnostics), describeDiagnostics(want.Diagnostics))
	}
	for _, name := range []string{"gaussdb_mysql_backups", "gaussdb_mysql_incremental_backups"} {
		if got.DataSourceSchemas[name] == nil {
			t.Errorf("the served provider has no schema for %s", name)
		}
	}
	for _, part := range []struct {
		name      string
		got, want any
	}{
		{"provider", got.Provider, want.Provider},
		{"provider meta", got.ProviderMeta, want.ProviderMeta},
		{"data sources", got.DataSourceSchemas, want.DataSourceSchemas},
		{"resources", got.ResourceSchemas, want.ResourceSchemas},
		{"list resources", got.ListResourceSchemas, want.ListResourceSchemas},
		{"actions", got.ActionSchemas, want.ActionSchemas},
		{"ephemeral resources", got.EphemeralResourceSchemas, want.EphemeralResourceSchemas},
		{"functions", got.Functions, want.Functions},
	} {
		if !reflect.DeepEqual(part.got, part.want) {
			t.Errorf("the %s' schemas differ from the framework's", part.name)
		}
	}
}

// equivalenceCase is one read, as an acceptance test makes it.
type equivalenceCase struct {
	name     string
	typeName string
	// serve starts an API like the acceptance test's and returns its URL;
	// it is called once for each server.
	serve func(t *testing.T) string
	// provider sets provider arguments beyond those of providerBlock.
	provider func(url string) map[string]tftypes.Value
	// arguments are the data source's, null where not set.
	arguments map[string]tftypes.Value
	// wantValidationError is a configuration the validators refuse: only
	// the validation is compared, as Terraform reads nothing then.
	wantValidationError bool
	// wantReadError, or else wantCount backups listed (-1: some, as many as
	// the faults let the emulator create).
	wantReadError bool
	wantCount     int
}

func text(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// emulated serves opts as the acceptance tests' startEmulator does.
func emulated(opts emulator.Options) func(t *testing.T) string {
	return func(t *testing.T) string { return startEmulator(t, opts) }
}

// answering serves handler.
func answering(handler http.HandlerFunc) func(t *testing.T) string {
	return func(t *testing.T) string {
		server := httptest.NewServer(handler)
		t.Cleanup(server.Close)
		return server.URL
	}
}

// readTimeoutOf is a timeouts block with read.
func readTimeoutOf(read string) tftypes.Value {
	return tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"read": tftypes.String}},
		map[string]tftypes.Value{"read": text(read)})
}

// backupsCases are the reads of gaussdb_mysql_backups in the acceptance
// tests (mysql_backups_data_source_test.go, listing_messages_acc_test.go,
// listing_promise_acc_test.go, api_quirks_acc_test.go), and a backup whose
// times cannot be read, for the listing's warnings.
func backupsCases() []equivalenceCase {
	const name = "gaussdb_mysql_backups"
	seeded := emulator.Seed(150)
	beginUTC, endUTC := seeded[30].BeginTime, seeded[10].BeginTime
	apiForm := "2006-01-02T15:04:05-0700"
	future := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	filter := func(caseName string, arguments map[string]tftypes.Value, keep func(emulator.Backup) bool) equivalenceCase {
		return equivalenceCase{name: "filter " + caseName, typeName: name, serve: emulated(emulator.Options{Backups: seeded}),
			arguments: arguments, wantCount: len(selectBackups(seeded, keep))}
	}
	inWindow := func(b emulator.Backup) bool { return !b.BeginTime.Before(beginUTC) && !b.BeginTime.After(endUTC) }
	cases := []equivalenceCase{
		{name: "every page", typeName: name, serve: emulated(emulator.Options{Backups: emulator.Seed(257)}), wantCount: 257},
		{name: "every field", typeName: name, serve: emulated(emulator.Options{Backups: emulator.Seed(12)}), wantCount: 12},
		{name: "a decimal size", typeName: name, serve: emulated(emulator.Options{Backups: []emulator.Backup{{
			ID: "b1", Name: "decimal", InstanceID: "i1", BeginTime: emulator.Seed(1)[0].BeginTime,
			Status: "COMPLETED", Type: "auto", SizeMB: 2803.12,
		}}}), wantCount: 1},
		filter("instance_id", map[string]tftypes.Value{"instance_id": text(emulator.SeedInstanceB)},
			func(b emulator.Backup) bool { return b.InstanceID == emulator.SeedInstanceB }),
		filter("backup_id", map[string]tftypes.Value{"backup_id": text(seeded[40].ID)},
			func(b emulator.Backup) bool { return b.ID == seeded[40].ID }),
		filter("backup_type", map[string]tftypes.Value{"backup_type": text("manual")},
			func(b emulator.Backup) bool { return b.Type == "manual" }),
		filter("name", map[string]tftypes.Value{"name": text(seeded[40].Name)},
			func(b emulator.Backup) bool { return b.Name == seeded[40].Name }),
		filter("instance_name", map[string]tftypes.Value{"instance_name": text("orders-db")},
			func(b emulator.Backup) bool { return b.InstanceName == "orders-db" }),
		filter("status", map[string]tftypes.Value{"status": text("FAILED")},
			func(b emulator.Backup) bool { return b.Status == "FAILED" }),
		filter("times in the API's form", map[string]tftypes.Value{"begin_time": text(beginUTC.Format(apiForm)),
			"end_time": text(endUTC.Format(apiForm))}, inWindow),
		filter("times in RFC 3339", map[string]tftypes.Value{"begin_time": text(beginUTC.UTC().Format(time.RFC3339)),
			"end_time": text(endUTC.Format(time.RFC3339))}, inWindow),
		filter("filters combined", map[string]tftypes.Value{"instance_id": text(emulator.SeedInstanceA),
			"backup_type": text("auto"), "status": text("COMPLETED")}, func(b emulator.Backup) bool {
			return b.InstanceID == emulator.SeedInstanceA && b.Type == "auto" && b.Status == "COMPLETED"
		}),
		{name: "no match", typeName: name, serve: emulated(emulator.Options{Backups: emulator.Seed(30)}),
			arguments: map[string]tftypes.Value{"instance_id": text("no-such-instance")}},
		{name: "credentials refused", typeName: name, wantReadError: true,
			serve: emulated(emulator.Options{Token: "another-token", Backups: emulator.Seed(3)})},
		{name: "errors in the configured language", typeName: name, wantReadError: true,
			serve:    emulated(emulator.Options{Token: "another-token", Backups: emulator.Seed(3)}),
			provider: func(string) map[string]tftypes.Value { return map[string]tftypes.Value{"language": text("zh-cn")} }},
		{name: "throttled until the retries ran out", typeName: name, wantReadError: true,
			serve: emulated(emulator.Options{Backups: emulator.Seed(5), Faults: emulator.Faults{ThrottleEvery: 1, RetryAfter: "0"}})},
		{name: "the read timeout spent on throttling", typeName: name, wantReadError: true,
			serve:     emulated(emulator.Options{Backups: emulator.Seed(5), Faults: emulator.Faults{ThrottleEvery: 1, RetryAfter: "20"}}),
			provider:  func(string) map[string]tftypes.Value { return map[string]tftypes.Value{"max_retries": number(5)} },
			arguments: map[string]tftypes.Value{"timeouts": readTimeoutOf("2s")}},
		{name: "a token the server echoes", typeName: name, wantReadError: true,
			serve: answering(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"error_code": "DBS.200001", "error_msg": "token ` + r.Header.Get("X-Auth-Token") + ` is bad"}`))
			})},
		{name: "a denied permission", typeName: name, wantReadError: true,
			serve: answering(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"error_code": "DBS.200010", "error_msg": "Policy doesn't allow it.", "encoded_authorization_message": "ZW5jb2RlZA"}`))
			})},
		{name: "the exact list despite faults", typeName: name, wantCount: -1,
			serve: emulated(emulator.Options{Backups: emulator.Seed(450), Faults: emulator.Faults{
				FailEachPageOnce: 503, ThrottleEvery: 5, RetryAfter: "0", TotalCountExtra: -7, GrowEvery: 3,
			}}),
			provider: func(string) map[string]tftypes.Value { return map[string]tftypes.Value{"max_retries": number(10)} }},
		{name: "a count above what the pages hold", typeName: name, wantReadError: true,
			serve: emulated(emulator.Options{Backups: emulator.Seed(250), Faults: emulator.Faults{TotalCountExtra: 7}})},
		{name: "a deployment from before 2023, by instance", typeName: name, wantCount: 20,
			serve:     emulated(emulator.Options{Backups: emulator.Seed(60), Quirks: emulator.Quirks{Pre2023: true}}),
			arguments: map[string]tftypes.Value{"instance_id": text(emulator.SeedInstanceB)}},
		{name: "a deployment from before 2023, by name", typeName: name, wantCount: 1,
			serve:     emulated(emulator.Options{Backups: emulator.Seed(60), Quirks: emulator.Quirks{Pre2023: true}}),
			arguments: map[string]tftypes.Value{"name": text(emulator.Seed(60)[7].Name)}},
		{name: "a deployment from before 2023, by instance name", typeName: name, wantReadError: true,
			serve:     emulated(emulator.Options{Backups: emulator.Seed(60), Quirks: emulator.Quirks{Pre2023: true}}),
			arguments: map[string]tftypes.Value{"instance_name": text("billing-db")}},
		{name: "sparse answers", typeName: name, wantCount: 250,
			serve: emulated(emulator.Options{Backups: emulator.Seed(250), Quirks: emulator.Quirks{Sparse: true}})},
		{name: "sparse answers, none matching", typeName: name,
			serve:     emulated(emulator.Options{Backups: emulator.Seed(250), Quirks: emulator.Quirks{Sparse: true}}),
			arguments: map[string]tftypes.Value{"instance_id": text("no-such-instance")}},
		{name: "numeric fields", typeName: name, wantCount: 3,
			serve: emulated(emulator.Options{Backups: emulator.Seed(3), Quirks: emulator.Quirks{NumericFields: true}})},
		{name: "errors in the code and message shape", typeName: name, wantReadError: true,
			serve: emulated(emulator.Options{Token: "another-token", Backups: emulator.Seed(3), Quirks: emulator.Quirks{CodeMessageErrors: true}})},
		{name: "future times refused, a window ending later", typeName: name, wantCount: 21,
			serve: emulated(emulator.Options{Backups: emulator.Seed(40), Quirks: emulator.Quirks{RejectFutureTimes: true}}),
			arguments: map[string]tftypes.Value{"begin_time": text(emulator.Seed(40)[20].BeginTime.Format(time.RFC3339)),
				"end_time": text(future)}},
		{name: "future times refused, a window starting later", typeName: name,
			serve:     emulated(emulator.Options{Backups: emulator.Seed(40), Quirks: emulator.Quirks{RejectFutureTimes: true}}),
			arguments: map[string]tftypes.Value{"begin_time": text(future)}},
		{name: "a signature from a skewed clock", typeName: name, wantReadError: true,
			serve: func(t *testing.T) string {
				_, url := startAccountEmulatorWith(t, emulator.Options{Now: func() time.Time { return time.Now().Add(20 * time.Minute) }})
				return url
			},
			provider: func(url string) map[string]tftypes.Value {
				return map[string]tftypes.Value{"token": tftypes.NewValue(tftypes.String, nil), "max_retries": number(0),
					"auth_url": text(url + "/v3"), "access_key": text(testAccessKey), "secret_key": text(testSecretKey)}
			}},
		{name: "times the provider cannot read", typeName: name, wantCount: 2,
			serve: answering(func(w http.ResponseWriter, _ *http.Request) {
				_, _ = w.Write([]byte(`{"total_count": 2, "backups": [
{"id": "b2", "name": "odd", "instance_id": "i1", "begin_time": "2026-11-20T02:00:00+0800", "end_time": "sometime on Tuesday", "status": "COMPLETED", "type": "auto", "size": 1024},
{"id": "b1", "name": "odder", "instance_id": "i1", "begin_time": 17, "end_time": "", "status": "FAILED", "type": "manual", "size": 0.5, "take_up_time": "2.5", "backup_level": 2, "datastore": {"type": "gaussdb-mysql", "version": "8.0"}, "description": "d"}]}`))
			})},
	}
	for _, invalid := range []struct {
		name      string
		arguments map[string]tftypes.Value
	}{
		{"backup_type", map[string]tftypes.Value{"backup_type": text("full")}},
		{"status", map[string]tftypes.Value{"status": text("DONE")}},
		{"begin_time", map[string]tftypes.Value{"begin_time": text("2020-07-06 10:41:14")}},
		{"end_time", map[string]tftypes.Value{"end_time": text("yesterday")}},
		{"end_time before begin_time", map[string]tftypes.Value{"begin_time": text("2020-07-16T10:41:14+0800"),
			"end_time": text("2020-07-06T10:41:14+08:00")}},
		{"times differing in fractions of a second", map[string]tftypes.Value{"begin_time": text("2020-07-06T10:41:14.2Z"),
			"end_time": text("2020-07-06T10:41:14.7Z")}},
		{"an offset beyond +14:00", map[string]tftypes.Value{"begin_time": text("2020-07-06T10:41:14+2400")}},
		{"spaces around a time", map[string]tftypes.Value{"begin_time": text(" 2020-07-06T10:41:14+0800")}},
		{"an empty instance_id", map[string]tftypes.Value{"instance_id": text("")}},
		{"a region that is not a name", map[string]tftypes.Value{"region": text("cn-north-4.evil.com/x?")}},
		{"a read timeout of zero", map[string]tftypes.Value{"timeouts": readTimeoutOf("0s")}},
		{"a read timeout that is not a duration", map[string]tftypes.Value{"timeouts": readTimeoutOf("soon")}},
	} {
		cases = append(cases, equivalenceCase{name: "invalid " + invalid.name, typeName: name, arguments: invalid.arguments,
			serve: emulated(emulator.Options{}), wantValidationError: true})
	}
	return cases
}

// incrementalCases are the reads of gaussdb_mysql_incremental_backups in
// the acceptance tests (mysql_incremental_backups_data_source_test.go).
func incrementalCases() []equivalenceCase {
	const name = "gaussdb_mysql_incremental_backups"
	ofA := map[string]tftypes.Value{"instance_id": text(emulator.SeedInstanceA)}
	with := func(arguments map[string]tftypes.Value) map[string]tftypes.Value {
		all := map[string]tftypes.Value{"instance_id": text(emulator.SeedInstanceA)}
		for k, v := range arguments {
			all[k] = v
		}
		return all
	}
	cases := []equivalenceCase{
		{name: "every page", typeName: name, arguments: ofA, wantCount: 334,
			serve: emulated(emulator.Options{Backups: emulator.Seed(30), IncrementalBackups: emulator.SeedIncremental(7)})},
		{name: "a window", typeName: name, wantCount: 23,
			serve: emulated(emulator.Options{IncrementalBackups: emulator.SeedIncremental(2)}),
			arguments: with(map[string]tftypes.Value{"begin_time": text("2026-11-18T08:00:00+0800"),
				"end_time": text("2026-11-18T12:00:00Z")})},
		{name: "off-site copies", typeName: name, wantCount: len(logsOfA(emulator.SeedIncremental(2),
			func(emulator.IncrementalBackup) bool { return true })),
			serve:     emulated(emulator.Options{IncrementalBackups: emulator.SeedIncremental(2)}),
			arguments: with(map[string]tftypes.Value{"display_offsite_backup": tftypes.NewValue(tftypes.Bool, true)})},
		{name: "an instance the API does not know", typeName: name, wantReadError: true,
			serve:     emulated(emulator.Options{IncrementalBackups: emulator.SeedIncremental(1), Quirks: emulator.Quirks{RejectFutureTimes: true}}),
			arguments: map[string]tftypes.Value{"instance_id": text("0000000000000000000000000000000fin07")}},
		{name: "the exact list despite faults", typeName: name, arguments: ofA, wantCount: -1,
			serve: emulated(emulator.Options{IncrementalBackups: emulator.SeedIncremental(2), Faults: emulator.Faults{
				ThrottleEvery: 3, RetryAfter: "0", DropMidBodyEvery: 4, GrowEvery: 2, ShuffleTies: true, EmptyPageEvery: 5,
			}}),
			provider: func(string) map[string]tftypes.Value { return map[string]tftypes.Value{"max_retries": number(5)} }},
		{name: "a count that lies", typeName: name, arguments: ofA, wantReadError: true,
			serve: emulated(emulator.Options{IncrementalBackups: emulator.SeedIncremental(2), Faults: emulator.Faults{TotalCountExtra: 7}})},
	}
	for _, invalid := range []struct {
		name      string
		arguments map[string]tftypes.Value
	}{
		{"begin_time alone", with(map[string]tftypes.Value{"begin_time": text("2026-11-18T08:00:00+0800")})},
		{"end_time before begin_time", with(map[string]tftypes.Value{"begin_time": text("2026-11-18T08:00:00+0800"),
			"end_time": text("2026-11-17T08:00:00Z")})},
		{"a time that is not one", with(map[string]tftypes.Value{"begin_time": text("yesterday"), "end_time": text("2026-11-17T08:00:00Z")})},
		{"an instance_id that is not an id", map[string]tftypes.Value{"instance_id": text("../backups")}},
	} {
		cases = append(cases, equivalenceCase{name: "invalid " + invalid.name, typeName: name, arguments: invalid.arguments,
			serve: emulated(emulator.Options{}), wantValidationError: true})
	}
	return cases
}

func number(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

func TestPlainListingsAnswerAsTheFrameworkDataSources(t *testing.T) {
	if testing.Short() {
		t.Skip("reads from emulators, twice for each case")
	}
	for _, tc := range append(backupsCases(), incrementalCases()...) {
		t.Run(tc.typeName+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			want := readWith(t, referenceServer(), tc)
			got := readWith(t, servedServer(t), tc)
			compareReads(t, tc, got, want)
		})
	}
}

// readAnswers are a server's answers to a case.
type readAnswers struct {
	// url is the API's, which the diagnostics may quote.
	url        string
	validation []*tfprotov6.Diagnostic
	read       *tfprotov6.ReadDataSourceResponse
	objectType tftypes.Type
}

// readWith configures server for a fresh API, validates the case's
// configuration and, when it is valid, reads it.
func readWith(t *testing.T, server tfprotov6.ProviderServer, tc equivalenceCase) readAnswers {
	t.Helper()
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || schemas.DataSourceSchemas[tc.typeName] == nil {
		t.Fatalf("no schema of %s: %v", tc.typeName, err)
	}
	url := tc.serve(t)
	settings := map[string]tftypes.Value{"region": text("cn-north-4"), "project_id": text(acctest.ProjectID),
		"token": text(testToken), "max_retries": number(1), "max_concurrent_requests": number(1),
		"endpoints": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"gaussdb": text(url)})}
	if tc.provider != nil {
		for k, v := range tc.provider(url) {
			settings[k] = v
		}
	}
	providerConfig := dynamicValue(t, schemas.Provider.ValueType(), settings)
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: providerConfig})
	if err != nil || len(configured.Diagnostics) > 0 {
		t.Fatalf("configuring the provider: %v %s", err, describeDiagnostics(configured.Diagnostics))
	}
	objectType := schemas.DataSourceSchemas[tc.typeName].ValueType()
	config := dynamicValue(t, objectType, tc.arguments)
	validated, err := server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: tc.typeName, Config: config})
	if err != nil {
		t.Fatal(err)
	}
	answers := readAnswers{url: url, validation: validated.Diagnostics, objectType: objectType}
	if tc.wantValidationError {
		return answers
	}
	answers.read, err = server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: tc.typeName, Config: config})
	if err != nil {
		t.Fatal(err)
	}
	return answers
}

// dynamicValue encodes an object of type t with the given attributes, the
// others null.
func dynamicValue(t *testing.T, objectType tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	object, ok := objectType.(tftypes.Object)
	if !ok {
		t.Fatalf("%s is not an object", objectType)
	}
	attributes := map[string]tftypes.Value{}
	for name, attributeType := range object.AttributeTypes {
		attributes[name] = tftypes.NewValue(attributeType, nil)
		if v, ok := set[name]; ok {
			attributes[name] = v
		}
	}
	for name := range set {
		if _, ok := object.AttributeTypes[name]; !ok {
			t.Fatalf("the schema has no attribute %s", name)
		}
	}
	value, err := tfprotov6.NewDynamicValue(objectType, tftypes.NewValue(objectType, attributes))
	if err != nil {
		t.Fatal(err)
	}
	return &value
}

// compareReads fails unless got and want are alike, and the reference is
// what the case says: an error, or so many backups.
func compareReads(t *testing.T, tc equivalenceCase, got, want readAnswers) {
	t.Helper()
	if !reflect.DeepEqual(got.validation, want.validation) {
		t.Errorf("validation:\nplain:     %s\nframework: %s", describeDiagnostics(got.validation), describeDiagnostics(want.validation))
	}
	if tc.wantValidationError {
		if !hasError(want.validation) {
			t.Errorf("the framework accepted the configuration; the case wants it refused")
		}
		return
	}
	if hasError(want.validation) {
		t.Fatalf("the framework refused the configuration: %s", describeDiagnostics(want.validation))
	}
	if !reflect.DeepEqual(sameAPI(got.read.Diagnostics, got.url), sameAPI(want.read.Diagnostics, want.url)) {
		t.Errorf("read diagnostics:\nplain:     %s\nframework: %s", describeDiagnostics(got.read.Diagnostics), describeDiagnostics(want.read.Diagnostics))
	}
	if !reflect.DeepEqual(got.read.Deferred, want.read.Deferred) {
		t.Errorf("deferred: plain %v, framework %v", got.read.Deferred, want.read.Deferred)
	}
	if (got.read.State == nil) != (want.read.State == nil) ||
		(want.read.State != nil && !bytes.Equal(got.read.State.MsgPack, want.read.State.MsgPack)) ||
		(want.read.State != nil && got.read.State.JSON != nil) {
		t.Errorf("the states differ:\nplain:     %s\nframework: %s", describeState(got.read.State, got.objectType),
			describeState(want.read.State, want.objectType))
	}
	switch {
	case tc.wantReadError && !hasError(want.read.Diagnostics):
		t.Errorf("the framework read without an error; the case wants one")
	case !tc.wantReadError && hasError(want.read.Diagnostics):
		t.Errorf("the framework's read failed: %s", describeDiagnostics(want.read.Diagnostics))
	case !tc.wantReadError:
		if count := stateCount(t, want.read.State, want.objectType); tc.wantCount >= 0 && count != tc.wantCount ||
			tc.wantCount < 0 && count == 0 {
			t.Errorf("the framework listed %d, the case wants %d", count, tc.wantCount)
		}
	}
}

// emulatorRequestID is a request id the emulator makes up for an answer.
var emulatorRequestID = regexp.MustCompile(`emulator-[0-9a-z]+`)

// sameAPI returns diagnostics as if from one API: the two servers read
// from two emulators alike, which differ in their address and in the
// request ids they make up, both of which errors quote.
func sameAPI(diags []*tfprotov6.Diagnostic, url string) []*tfprotov6.Diagnostic {
	var same []*tfprotov6.Diagnostic
	for _, d := range diags {
		copied := *d
		for _, text := range []*string{&copied.Summary, &copied.Detail} {
			*text = emulatorRequestID.ReplaceAllString(strings.ReplaceAll(*text, url, "{api}"), "emulator-{id}")
		}
		same = append(same, &copied)
	}
	return same
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	return slices.ContainsFunc(diags, func(d *tfprotov6.Diagnostic) bool { return d.Severity == tfprotov6.DiagnosticSeverityError })
}

// stateCount is the total_count of a state.
func stateCount(t *testing.T, state *tfprotov6.DynamicValue, objectType tftypes.Type) int {
	t.Helper()
	value, err := state.Unmarshal(objectType)
	if err != nil {
		t.Fatal(err)
	}
	var attributes map[string]tftypes.Value
	if err := value.As(&attributes); err != nil {
		t.Fatal(err)
	}
	count := new(big.Float)
	var backups []tftypes.Value
	if err := attributes["total_count"].As(&count); err != nil || attributes["backups"].As(&backups) != nil ||
		count.Cmp(big.NewFloat(float64(len(backups)))) != 0 {
		t.Fatalf("total_count %v (%v) and %d backups", count, err, len(backups))
	}
	return len(backups)
}

func describeDiagnostics(diags []*tfprotov6.Diagnostic) string {
	var parts []string
	for _, d := range diags {
		parts = append(parts, fmt.Sprintf("[%s %q at %s: %q]", d.Severity, d.Summary, d.Attribute, d.Detail))
	}
	return strings.Join(parts, " ")
}

func describeState(state *tfprotov6.DynamicValue, objectType tftypes.Type) string {
	if state == nil {
		return "none"
	}
	value, err := state.Unmarshal(objectType)
	text := fmt.Sprint(value)
	if err != nil {
		text = err.Error()
	}
	if len(text) > 2000 {
		text = text[:2000] + "..."
	}
	return fmt.Sprintf("%d bytes: %s", len(state.MsgPack), text)
}

func TestPlainListingsAnswerAMalformedConfigurationAsTheFramework(t *testing.T) {
	ctx := context.Background()
	for _, typeName := range []string{"gaussdb_mysql_backups", "gaussdb_mysql_incremental_backups"} {
		req := &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &tfprotov6.DynamicValue{MsgPack: []byte{0x93, 0x01}}}
		want, err := referenceServer().ReadDataSource(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := servedServer(t).ReadDataSource(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if !hasError(want.Diagnostics) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\nplain:     %s, state %v\nframework: %s, state %v", typeName, describeDiagnostics(got.Diagnostics),
				got.State, describeDiagnostics(want.Diagnostics), want.State)
		}
	}
}
