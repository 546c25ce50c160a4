// Package config is the provider's configuration in one place: a table of
// its arguments (Arguments, arguments.go), from which the schema, the
// environment fallback, the checks, the report of values unknown at plan
// time, the defaults and the documentation's table are all derived; and
// the resolution of each argument to a value that knows where it came from
// (Resolve, resolve.go): the provider block's, else the environment's, else
// the table's default.
//
// The code names an argument by a Setting, one constant per line of the
// table, so that a misspelt name does not compile. Adding an argument with
// an environment variable takes its Setting and its line in arguments.go,
// and the code that uses the value; nothing else.
//
// It imports no package of the project and knows nothing of Terraform's
// types: the provider hands it the block as Raw values and turns its
// Problems into diagnostics.
package config
