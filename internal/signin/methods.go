package signin

import "github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"

// Method is a way of signing in.
type Method string

// The methods, as errors name them.
const (
	MethodToken    Method = "token"
	MethodKeyPair  Method = "AK/SK"
	MethodPassword Method = "password"
	MethodOIDC     Method = "OIDC"
	MethodProfile  Method = "profile"
	MethodMetadata Method = "ECS metadata"
)

// methodTable is every method a configuration selects, by the arguments
// that select it. Which is used follows one rule (Decide): the method whose
// selector comes from the strongest source (the provider block, then the
// environment); two from the same source are an error; with none, the ECS
// server's agency (metadata). Arguments that only complete a method
// (security_token, user_name, domain_name, ...) select none.
var methodTable = []struct {
	method    Method
	selectors []config.Setting
	// oidcBlock: the method is selected by an assume_role_with_oidc block,
	// or the environment's stand-in for one.
	oidcBlock bool
}{
	{method: MethodToken, selectors: []config.Setting{config.Token}},
	{method: MethodKeyPair, selectors: []config.Setting{config.AccessKey, config.SecretKey}},
	{method: MethodPassword, selectors: []config.Setting{config.Password}},
	{method: MethodOIDC, oidcBlock: true},
	{method: MethodProfile, selectors: []config.Setting{config.Profile, config.SharedConfigFile}},
}

// candidate is a method a configuration selects, and from where.
type candidate struct {
	method Method
	from   config.Source
	// path is where an error about the choice lands: its selector.
	path []config.PathStep
}

// candidates lists the methods the settings select, each with its
// strongest selector.
func candidates(s config.Settings) []candidate {
	var found []candidate
	for _, m := range methodTable {
		c := candidate{method: m.method}
		if m.oidcBlock {
			for _, b := range s.Blocks(config.AssumeRoleWithOIDC) {
				c.from = config.Source{Kind: config.FromBlock, Name: "assume_role_with_oidc"}
				c.path = config.At(config.AssumeRoleWithOIDC)
				if b.FromEnvironment {
					c.from = config.Source{Kind: config.FromEnvironment, Name: config.EnvAssumeRoleIdpID}
				}
			}
		}
		for _, name := range m.selectors {
			if v := s.Get(name); v.IsSet() && v.Source.Kind > c.from.Kind {
				c.from, c.path = v.Source, config.At(name)
			}
		}
		if c.from.Kind != config.Unset {
			found = append(found, c)
		}
	}
	return found
}
