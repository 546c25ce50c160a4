package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// Each deployment quirk of the real API gives, through Terraform, the exact
// list or a clear error: never a wrong or empty list in silence.

func TestAccAPIQuirks_pre2023Deployment(t *testing.T) {
	seeded := emulator.Seed(60)
	url := startEmulator(t, emulator.Options{Backups: seeded, Quirks: emulator.Quirks{Pre2023: true}})
	ofB := newestFirst(selectBackups(seeded, func(b emulator.Backup) bool { return b.InstanceID == emulator.SeedInstanceB }))
	named := seeded[7]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config:            backupsConfig(url, fmt.Sprintf("instance_id = %q", emulator.SeedInstanceB)),
				ConfigStateChecks: append(expectCount(len(ofB)), expectIDs(ofB)),
			},
			{
				Config:            backupsConfig(url, fmt.Sprintf("name = %q", named.Name)),
				ConfigStateChecks: append(expectCount(1), expectIDs([]emulator.Backup{named})),
			},
			{
				Config: backupsConfig(url, `instance_name = "billing-db"`),
				ExpectError: regexp.MustCompile(`(?s)instance_name.*without\s+instance_name.*older\s+\(before\s+2023\).*` +
					`Filter\s+by\s+instance_id`),
			},
		},
	})
}

func TestAccAPIQuirks_sparseAnswers(t *testing.T) {
	seeded := emulator.Seed(250)
	url := startEmulator(t, emulator.Options{Backups: seeded, Quirks: emulator.Quirks{Sparse: true}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config:            backupsConfig(url, ""),
				ConfigStateChecks: append(expectCount(250), expectIDs(newestFirst(seeded))),
			},
			{
				Config:            backupsConfig(url, `instance_id = "no-such-instance"`),
				ConfigStateChecks: expectCount(0),
			},
		},
	})
}

func TestAccAPIQuirks_numericFields(t *testing.T) {
	seeded := emulator.Seed(3)
	url := startEmulator(t, emulator.Options{Backups: seeded, Quirks: emulator.Quirks{NumericFields: true}})
	b := seeded[1]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":           knownvalue.StringExact(b.ID),
					"backup_level": knownvalue.StringExact("2"),
					"size":         knownvalue.Float64Exact(float64(int64(b.SizeMB + 0.5))),
					"take_up_time": knownvalue.Int64Exact(int64(b.TakeUpTime)),
				})),
			},
		}},
	})
}

func TestAccAPIQuirks_parameterErrors(t *testing.T) {
	tests := []struct {
		name   string
		quirks emulator.Quirks
		want   string
	}{
		{"naming the parameter", emulator.Quirks{}, `(?s)instance_id.*The API rejected instance_id.*DBS\.200001`},
		{"generic", emulator.Quirks{GenericParameterError: true},
			`(?s)without naming the parameter.*DBS\.200001:\s+Parameter\s+error\..*instance_id\s+=\s+"not\s+an\s+id!"`},
		{"in the code and message shape", emulator.Quirks{CodeMessageErrors: true}, `(?s)instance_id.*DBS\.200001.*Invalid\s+parameter`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := startEmulator(t, emulator.Options{Backups: emulator.Seed(3), Quirks: tt.quirks})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config:      backupsConfig(url, `instance_id = "not an id!"`),
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}

func TestAccAPIQuirks_errorsInTheCodeMessageShape(t *testing.T) {
	url := startEmulator(t, emulator.Options{Token: "another-token", Backups: emulator.Seed(3), Quirks: emulator.Quirks{CodeMessageErrors: true}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      backupsConfig(url, ""),
			ExpectError: regexp.MustCompile(`(?s)HTTP 401.*APIGW\.0301.*Incorrect IAM authentication\s+information`),
		}},
	})
}

func TestAccAPIQuirks_futureTimesRejected(t *testing.T) {
	seeded := emulator.Seed(40)
	url := startEmulator(t, emulator.Options{Backups: seeded, Quirks: emulator.Quirks{RejectFutureTimes: true}})
	begin := seeded[20].BeginTime
	since := newestFirst(selectBackups(seeded, func(b emulator.Backup) bool { return !b.BeginTime.Before(begin) }))
	future := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config:            backupsConfig(url, fmt.Sprintf("begin_time = %q\nend_time = %q", begin.Format(time.RFC3339), future)),
				ConfigStateChecks: append(expectCount(len(since)), expectIDs(since)),
			},
			{
				Config:            backupsConfig(url, fmt.Sprintf("begin_time = %q", future)),
				ConfigStateChecks: expectCount(0),
			},
		},
	})
}

func TestAccAPIQuirks_clockSkewedSignature(t *testing.T) {
	_, url := startAccountEmulatorWith(t, emulator.Options{Now: func() time.Time { return time.Now().Add(20 * time.Minute) }})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWithEnv(nil),
		Steps: []resource.TestStep{{
			Config: accountProvider(url, fmt.Sprintf("access_key = %q\nsecret_key = %q\nproject_id = %q", testAccessKey, testSecretKey, acctest.ProjectID)) +
				"data \"gaussdb_mysql_backups\" \"test\" {}\n",
			ExpectError: regexp.MustCompile(`(?s)HTTP 401.*APIGW\.0301.*signature\s+expired.*clock`),
		}},
	})
}
