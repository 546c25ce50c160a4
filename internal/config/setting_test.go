package config

import "testing"

// Every Setting names one line of the table, and every line has its
// Setting: a name the code uses is always an argument of the block.
func TestEverySettingHasOneLineOfTheTable(t *testing.T) {
	lines := map[Setting]int{}
	for _, a := range Arguments() {
		lines[a.Setting]++
		for _, n := range a.Nested {
			lines[n.Setting]++
		}
	}
	for s := Region; s <= lastSetting; s++ {
		if lines[s] != 1 {
			t.Errorf("setting %d (%s) has %d lines in the table, want 1", int(s), s, lines[s])
		}
	}
	if len(lines) != int(lastSetting) {
		t.Errorf("the table has %d settings, want %d: a line without a Setting of its own", len(lines), lastSetting)
	}
}

// A default is a value the argument may take, and is what an argument that
// nothing sets resolves to, its source unset.
func TestDefaultsAreWrittenInTheTableAndResolvedFromIt(t *testing.T) {
	s, problems := Resolve(nil, envOf(nil))
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	for _, a := range Arguments() {
		if a.Default == "" {
			continue
		}
		if want := a.Invalid(a.Default); want != "" {
			t.Errorf("%s's default %q is not %s", a.Name, a.Default, want)
		}
		if got := s.Get(a.Setting); got.Text != a.Default || got.IsSet() {
			t.Errorf("%s resolves to %+v with nothing set, want its default %q, unset", a.Name, got, a.Default)
		}
	}
}

// Reading a map or a block as a value is a mistake of the code, which
// must not read as unset.
func TestASettingReadAsAnotherKindPanics(t *testing.T) {
	s, _ := Resolve(nil, envOf(nil))
	for name, read := range map[string]func(){
		"a map as a value":         func() { s.Get(Endpoints) },
		"a nested argument":        func() { s.Get(AssumeRoleAgencyName) },
		"a value as blocks":        func() { s.Blocks(Region) },
		"a value as a map":         func() { s.Map(Region) },
		"another block's argument": func() { Block{Values: map[Setting]Value{OIDCIdpID: {}}}.Get(AssumeRoleDuration) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			read()
		})
	}
}
