package signin

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// KooCLI's profile modes (hcloud configure set --cli-mode).
const (
	modeAKSK       = "AKSK"
	modeSSO        = "SSO"
	modeAssumeRole = "AssumeRole"
	modeECSAgency  = "ecsAgency"
)

// koocliConfig is the part of KooCLI's config.json the provider reads;
// other keys (language, readTimeout, skipSecureVerify, ...) are ignored.
type koocliConfig struct {
	Current string `json:"current"`
	Crypter string `json:"crypter"`
	// Profiles are pointers so that a null entry is seen as one.
	Profiles []*koocliProfile `json:"profiles"`
}

// koocliProfile is one profile of config.json.
type koocliProfile struct {
	Name             string `json:"name"`
	Mode             string `json:"mode"`
	AccessKeyID      string `json:"accessKeyId"`
	SecretAccessKey  string `json:"secretAccessKey"`
	SecurityToken    string `json:"securityToken"`
	Region           string `json:"region"`
	ProjectID        string `json:"projectId"`
	DomainID         string `json:"domainId"`
	AgencyName       string `json:"agencyName"`
	AgencyDomainName string `json:"agencyDomainName"`
	AgencyDomainID   string `json:"agencyDomainId"`
	SourceProfile    string `json:"sourceProfile"`
	SSOAuth          *struct {
		STSToken *struct {
			AccessKeyID     string `json:"accessKeyId"`
			SecretAccessKey string `json:"secretAccessKey"`
			SecurityToken   string `json:"securityToken"`
		} `json:"stsToken"`
	} `json:"ssoAuth"`
}

// KooCLIProfile is what a profile signs in with.
type KooCLIProfile struct {
	Name, File, Mode string
	// Credentials are the profile's keys, or, for an AssumeRole profile,
	// those of its source profile; none when Metadata.
	Credentials Credentials
	// Metadata says that the profile (mode ecsAgency) signs in as the ECS
	// server it runs on, through the metadata service.
	Metadata bool
	// Agencies are assumed on top of the credentials, the source
	// profile's first.
	Agencies                    []Agency
	Region, ProjectID, DomainID string
}

// Describe names the profile and its mode, as errors and hints say it.
func (p KooCLIProfile) Describe() string {
	return fmt.Sprintf("profile %s (mode %s) of %s", p.Name, p.Mode, p.File)
}

// accessKeyPattern is what an access key in a profile looks like: the
// cloud's are 20 upper-case letters and digits. An encrypted one does not.
var accessKeyPattern = regexp.MustCompile(`^[A-Z0-9]{10,64}$`)

// ReadKooCLIProfile reads profile (or the file's current one) from KooCLI's
// config.json at file ("" means ~/.hcloud/config.json). A profile yields
// credentials, or the server's (ecsAgency), or an error that names it and
// its mode: never nothing, which would fall through to other credentials.
func ReadKooCLIProfile(file, profile string) (KooCLIProfile, error) {
	if file == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return KooCLIProfile{}, fmt.Errorf("finding the home directory for ~/.hcloud/config.json: %w", err)
		}
		file = filepath.Join(home, ".hcloud", "config.json")
	}
	data, err := transport.ReadSettingFile(file)
	if err != nil {
		return KooCLIProfile{}, fmt.Errorf("the shared config file: %w", err)
	}
	file = transport.ExpandHome(file)
	var config koocliConfig
	if err := json.Unmarshal(data, &config); err != nil {
		// The decoder's message quotes no content.
		return KooCLIProfile{}, fmt.Errorf("the shared config file %s is not KooCLI's JSON: %w", file, err)
	}
	if config.Crypter != "" {
		return KooCLIProfile{}, fmt.Errorf("the profiles of %s are encrypted, which the provider cannot read: "+
			"run `hcloud configure set --cli-auth-encrypt=false` and configure the profile again", file)
	}
	if profile == "" {
		if profile = config.Current; profile == "" {
			return KooCLIProfile{}, fmt.Errorf("no profile is named, and %s names no current one: set profile", file)
		}
	}
	return config.read(file, profile, nil)
}

// find returns the profile named name, or nil.
func (c koocliConfig) find(name string) *koocliProfile {
	for _, p := range c.Profiles {
		if p != nil && p.Name == name {
			return p
		}
	}
	return nil
}

// read turns the profile named name into what it signs in with; seen are
// the AssumeRole profiles that led to it, for the cycle check.
func (c koocliConfig) read(file, name string, seen []string) (KooCLIProfile, error) {
	p := c.find(name)
	if p == nil {
		return KooCLIProfile{}, fmt.Errorf("the shared config file %s has no profile named %q", file, name)
	}
	mode := p.Mode
	if mode == "" {
		mode = modeAKSK
	}
	out := KooCLIProfile{Name: p.Name, File: file, Mode: mode, Region: p.Region, ProjectID: p.ProjectID, DomainID: p.DomainID}
	switch mode {
	case modeAKSK:
		out.Credentials = Credentials{AccessKey: p.AccessKeyID, SecretKey: p.SecretAccessKey, SecurityToken: p.SecurityToken}
	case modeSSO:
		if p.SSOAuth == nil || p.SSOAuth.STSToken == nil {
			return KooCLIProfile{}, fmt.Errorf("%s has no ssoAuth.stsToken: log in with hcloud again", out.Describe())
		}
		t := p.SSOAuth.STSToken
		out.Credentials = Credentials{AccessKey: t.AccessKeyID, SecretKey: t.SecretAccessKey, SecurityToken: t.SecurityToken}
	case modeECSAgency:
		out.Metadata = true
		return out, nil
	case modeAssumeRole:
		return c.readAssumeRole(out, p, seen)
	default:
		return KooCLIProfile{}, fmt.Errorf("%s: the provider reads the modes AKSK, SSO, AssumeRole and ecsAgency, "+
			"not %s", out.Describe(), mode)
	}
	return out, out.checkKeys()
}

// readAssumeRole reads an AssumeRole profile: an agency assumed with the
// credentials of its source profile (sourceProfile), or with its own keys.
func (c koocliConfig) readAssumeRole(out KooCLIProfile, p *koocliProfile, seen []string) (KooCLIProfile, error) {
	if p.AgencyName == "" {
		return KooCLIProfile{}, fmt.Errorf("%s names no agencyName", out.Describe())
	}
	agency := Agency{Name: p.AgencyName, DomainName: p.AgencyDomainName, DomainID: p.AgencyDomainID}
	if agency.DomainName == "" && agency.DomainID == "" {
		return KooCLIProfile{}, fmt.Errorf("%s names neither agencyDomainName nor agencyDomainId, the account of "+
			"agency %s", out.Describe(), agency.Name)
	}
	if p.SourceProfile == "" {
		out.Credentials = Credentials{AccessKey: p.AccessKeyID, SecretKey: p.SecretAccessKey, SecurityToken: p.SecurityToken}
		out.Agencies = []Agency{agency}
		return out, out.checkKeys()
	}
	seen = append(seen, p.Name)
	for _, name := range seen {
		if name == p.SourceProfile {
			return KooCLIProfile{}, fmt.Errorf("the source profiles of %s go round in a circle: %s -> %s",
				out.Describe(), strings.Join(seen, " -> "), p.SourceProfile)
		}
	}
	source, err := c.read(out.File, p.SourceProfile, seen)
	if err != nil {
		return KooCLIProfile{}, fmt.Errorf("%s, source profile of %s: %w", p.SourceProfile, out.Describe(), err)
	}
	out.Credentials, out.Metadata = source.Credentials, source.Metadata
	out.Agencies = append(source.Agencies, agency)
	return out, nil
}

// checkKeys refuses a profile whose keys are missing or look encrypted.
func (p KooCLIProfile) checkKeys() error {
	switch {
	case p.Credentials.AccessKey == "" || p.Credentials.SecretKey == "":
		return fmt.Errorf("%s has no accessKeyId and secretAccessKey: configure it with hcloud, or choose "+
			"another profile", p.Describe())
	case !accessKeyPattern.MatchString(p.Credentials.AccessKey):
		return fmt.Errorf("the access key of %s does not look like an access key; if the profiles are "+
			"encrypted, run `hcloud configure set --cli-auth-encrypt=false`", p.Describe())
	}
	return nil
}
