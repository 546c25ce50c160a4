package main

import (
	"fmt"
	"strings"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// accessKeys is -access-key, repeated: AK:SK for a permanent key pair,
// AK:SK:SECURITY_TOKEN for a temporary one.
type accessKeys []emulator.Credential

func (a *accessKeys) String() string { return fmt.Sprint(len(*a), " access keys") }

func (a *accessKeys) Set(value string) error {
	parts := strings.SplitN(value, ":", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return fmt.Errorf("want AK:SK or AK:SK:SECURITY_TOKEN")
	}
	c := emulator.Credential{AccessKey: parts[0], SecretKey: parts[1]}
	if len(parts) == 3 {
		c.SecurityToken = parts[2]
	}
	*a = append(*a, c)
	return nil
}

// users is -user, repeated: comma-separated key=value pairs among name,
// domain, domain-id, id and password.
type users []emulator.User

func (u *users) String() string { return fmt.Sprint(len(*u), " users") }

func (u *users) Set(value string) error {
	var user emulator.User
	fields := map[string]*string{"name": &user.Name, "domain": &user.Domain, "domain-id": &user.DomainID,
		"id": &user.ID, "password": &user.Password}
	for _, pair := range strings.Split(value, ",") {
		key, val, ok := strings.Cut(pair, "=")
		field, known := fields[strings.TrimSpace(key)]
		if !ok || !known {
			return fmt.Errorf("want name=...,domain=...,domain-id=...,id=...,password=... (got %q)", pair)
		}
		*field = val
	}
	if user.Password == "" || user.Name == "" && user.ID == "" {
		return fmt.Errorf("a user needs a password, and a name or an id")
	}
	*u = append(*u, user)
	return nil
}

// projects is -project, repeated: REGION=PROJECT_ID, a project of the
// account besides -project-id's.
type projects map[string]string

func (p projects) String() string { return fmt.Sprint(len(p), " projects") }

func (p projects) Set(value string) error {
	region, id, ok := strings.Cut(value, "=")
	if !ok || region == "" || id == "" {
		return fmt.Errorf("want REGION=PROJECT_ID")
	}
	p[region] = id
	return nil
}
