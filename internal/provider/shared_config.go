package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/signin"
)

// Environment variables of the shared configuration, as the official
// provider names them.
const (
	envSharedConfigFile = "HW_SHARED_CONFIG_FILE"
	envProfile          = "HW_PROFILE"
)

// profileModeSSO is the KooCLI mode whose keys are those of an SSO login.
const profileModeSSO = "SSO"

// koocliConfig is the part of KooCLI's config.json the provider reads;
// other keys (language, readTimeout, skipSecureVerify, ...) are ignored.
type koocliConfig struct {
	Current  string          `json:"current"`
	Crypter  string          `json:"crypter"`
	Profiles []koocliProfile `json:"profiles"`
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
	SSOAuth          *struct {
		STSToken *struct {
			AccessKeyID     string `json:"accessKeyId"`
			SecretAccessKey string `json:"secretAccessKey"`
			SecurityToken   string `json:"securityToken"`
		} `json:"stsToken"`
	} `json:"ssoAuth"`
}

// profileSettings is what a profile contributes.
type profileSettings struct {
	name        string
	credentials signin.Credentials
	region      string
	projectID   string
	domainID    string
	// agency is the profile's agency (AssumeRole mode), assumed with IAM.
	agency signin.Agency
}

// accessKeyPattern is what an access key in a profile looks like: the
// cloud's are 20 upper-case letters and digits. An encrypted one does not.
func accessKeyPattern() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Z0-9]{10,64}$`)
}

// readProfile reads profile (or the file's current one) from KooCLI's
// config.json at file ("" means ~/.hcloud/config.json).
func readProfile(file, profile string) (profileSettings, error) {
	if file == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return profileSettings{}, fmt.Errorf("finding the home directory for ~/.hcloud/config.json: %w", err)
		}
		file = filepath.Join(home, ".hcloud", "config.json")
	}
	file = client.ExpandHome(file)
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return profileSettings{}, fmt.Errorf("the shared config file %s does not exist", file)
	}
	if err != nil {
		return profileSettings{}, fmt.Errorf("reading the shared config file: %w", err)
	}
	var config koocliConfig
	if err := json.Unmarshal(data, &config); err != nil {
		return profileSettings{}, fmt.Errorf("the shared config file %s is not KooCLI's JSON: %w", file, err)
	}
	if config.Crypter != "" {
		return profileSettings{}, fmt.Errorf("the profiles of %s are encrypted, which the provider cannot read: "+
			"run `hcloud configure set --cli-auth-encrypt=false` and configure the profile again", file)
	}
	if profile == "" {
		profile = config.Current
	}
	for _, p := range config.Profiles {
		if p.Name == profile {
			return p.settings(file)
		}
	}
	return profileSettings{}, fmt.Errorf("the shared config file %s has no profile named %q", file, profile)
}

// settings turns a profile into settings, by its mode.
func (p koocliProfile) settings(file string) (profileSettings, error) {
	s := profileSettings{name: p.Name, region: p.Region, projectID: p.ProjectID, domainID: p.DomainID,
		agency: signin.Agency{Name: p.AgencyName, DomainName: p.AgencyDomainName}}
	s.credentials = signin.Credentials{AccessKey: p.AccessKeyID, SecretKey: p.SecretAccessKey, SecurityToken: p.SecurityToken}
	if p.Mode == profileModeSSO {
		if p.SSOAuth == nil || p.SSOAuth.STSToken == nil {
			return profileSettings{}, fmt.Errorf("profile %s of %s is in SSO mode but has no ssoAuth.stsToken: log in "+
				"with hcloud again", p.Name, file)
		}
		t := p.SSOAuth.STSToken
		s.credentials = signin.Credentials{AccessKey: t.AccessKeyID, SecretKey: t.SecretAccessKey, SecurityToken: t.SecurityToken}
	}
	if s.credentials.AccessKey != "" && !accessKeyPattern().MatchString(s.credentials.AccessKey) {
		return profileSettings{}, fmt.Errorf("the access key of profile %s of %s does not look like an access key; "+
			"if the profiles are encrypted, run `hcloud configure set --cli-auth-encrypt=false`", p.Name, file)
	}
	return s, nil
}
