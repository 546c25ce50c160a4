package provider

import (
	"strings"
	"testing"
)

func TestBackupNamesAreWhatTheAPIsModelAllows(t *testing.T) {
	for name, want := range map[string]string{
		"before-migration":             "",
		"迁移前备份":                        "",
		"备份_v2-最终":                     "",
		"a" + strings.Repeat("b", 63):  "",
		strings.Repeat("备", 21) + "ab": "is 65 bytes",
		strings.Repeat("备", 22):        "is 66 bytes",
		"abc":                          "is 3 characters",
		"2024-backup":                  `starts with '2'`,
		"_backup":                      `starts with '_'`,
		"my backup":                    `holds ' '`,
		"backupの1":                     `holds 'の'`,
		"Ünicode-name":                 `starts with 'Ü'`,
	} {
		if got := backupNameProblem(name); got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
}
