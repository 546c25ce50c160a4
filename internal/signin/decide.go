package signin

import (
	"fmt"
	"strings"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Plan is how the provider signs in, every value with where it came from.
type Plan struct {
	Method Method
	// ChosenBy is the setting that chose the method (none for metadata).
	ChosenBy config.Source

	Token                               config.Value
	AccessKey, SecretKey, SecurityToken config.Value
	UserName, UserID, Password          config.Value
	DomainName, DomainID                config.Value
	OIDC                                *OIDCPlan
	// Profile is the KooCLI profile signed in with, when one is.
	Profile *KooCLIProfile
	// Agencies are assumed in order on top of the method's credentials.
	Agencies []PlannedAgency
	// Region, ProjectID and ProjectName say which project is read.
	Region, ProjectID, ProjectName config.Value
	Algorithm                      SigningAlgorithm
	// MetadataEndpoint moves the ECS metadata service (tests).
	MetadataEndpoint string
}

// OIDCPlan is assume_role_with_oidc, resolved.
type OIDCPlan struct {
	IdpID, IDToken, IDTokenFile config.Value
	// Agency, when named, is assumed with the federated credentials.
	Agency Agency
}

// PlannedAgency is an agency to assume and where it was configured.
type PlannedAgency struct {
	Agency
	From config.Source
}

// decision collects a Plan and the problems found on the way.
type decision struct {
	s        config.Settings
	plan     Plan
	problems []config.Problem
}

func (d *decision) problem(path []config.PathStep, summary, detail string) {
	d.problems = append(d.problems, config.Problem{Path: path, Summary: summary, Detail: detail})
}

func (d *decision) warning(path []config.PathStep, summary, detail string) {
	d.problems = append(d.problems, config.Problem{Path: path, Summary: summary, Detail: detail, Warning: true})
}

// Decide chooses how to sign in from the resolved settings, by one order:
// the provider block beats the environment, which beats a profile's
// values, which beat the ECS metadata service. The method is the one whose
// selecting setting comes from the strongest source; two methods from the
// same source are an error naming both. A pair may be split between the
// block and the environment (access_key in the block, the secret from
// HW_SECRET_KEY). A profile that is chosen gives credentials or an error,
// never a fall-through to other credentials.
func Decide(s config.Settings) (Plan, []config.Problem) {
	d := &decision{s: s, plan: Plan{
		Token: s.Get(config.Token), AccessKey: s.Get(config.AccessKey), SecretKey: s.Get(config.SecretKey),
		SecurityToken: s.Get(config.SecurityToken), UserName: s.Get(config.UserName), UserID: s.Get(config.UserID),
		Password: s.Get(config.Password), DomainName: s.Get(config.DomainName), DomainID: s.Get(config.DomainID),
		Region: s.Get(config.Region), ProjectID: s.Get(config.ProjectID), ProjectName: s.Get(config.ProjectName),
		Algorithm: SigningAlgorithm(s.Get(config.SigningAlgorithm).Text), MetadataEndpoint: strings.TrimRight(s.Get(config.MetadataEndpoint).Text, "/"),
	}}
	chosen := d.choose()
	d.plan.Method, d.plan.ChosenBy = chosen.method, chosen.from
	if len(d.problems) > 0 && !d.problems[len(d.problems)-1].Warning {
		// Two methods alike: which one's checks apply is not known.
		return d.plan, d.problems
	}
	d.checkStrayCompanions()
	switch chosen.method {
	case MethodToken:
		d.checkToken()
	case MethodKeyPair:
		d.checkKeyPair()
	case MethodPassword:
		d.checkPassword()
	case MethodOIDC:
		d.planOIDC()
	case MethodProfile:
		d.planProfile()
	}
	d.planAgencies()
	d.checkRegionAndProject()
	d.checkTLSPair()
	return d.plan, d.problems
}

// choose picks the method from the strongest source, reports two from one
// source, and warns of the weaker ones left unused.
func (d *decision) choose() candidate {
	found := candidates(d.s)
	if len(found) == 0 {
		return candidate{method: MethodMetadata}
	}
	best := found[0]
	for _, c := range found[1:] {
		if c.from.Kind > best.from.Kind {
			best = c
		}
	}
	var tied, unused []string
	for _, c := range found {
		switch {
		case c.method == best.method:
		case c.from.Kind == best.from.Kind:
			tied = append(tied, fmt.Sprintf("%s (from %s)", c.method, c.from))
		default:
			unused = append(unused, fmt.Sprintf("%s (from %s)", c.method, c.from))
		}
	}
	if len(tied) > 0 {
		d.problem(best.path, "Conflicting authentication methods",
			fmt.Sprintf("%s (from %s) and %s are set alike, so which account to read cannot be told. Keep one "+
				"of them; credentials in the provider block beat those of the environment, which beat a profile.",
				best.method, best.from, strings.Join(tied, " and ")))
	}
	if len(unused) > 0 {
		d.warning(best.path, "Credentials not used",
			fmt.Sprintf("The provider signs in with %s (from %s); %s, from a weaker source, %s not used. Unset "+
				"them to silence this.", best.method, best.from, strings.Join(unused, " and "),
				map[bool]string{true: "is", false: "are"}[len(unused) == 1]))
	}
	return best
}

// require reports a missing setting of the chosen method.
func (d *decision) require(v config.Value, setting config.Setting, why string) {
	if v.IsSet() {
		return
	}
	name := setting.Argument().Name
	d.problem(config.At(setting), "Missing "+name, why+" Set "+name+" in the provider block, or the environment "+
		"variable "+setting.Argument().Env[0]+".")
}

// checkToken reports what a token lacks: the project it is scoped to, or
// the account to re-scope it in; with agencies, the project is looked up
// in the agency's account, and nothing of the token's account is needed.
func (d *decision) checkToken() {
	p := d.plan
	if p.ProjectID.IsSet() || p.DomainName.IsSet() || p.DomainID.IsSet() || len(d.s.Blocks(config.AssumeRole)) > 0 {
		return
	}
	d.problem(config.At(config.ProjectID), "Missing project_id",
		"A token is scoped to one project, whose ID the provider needs. Set project_id (or "+config.EnvProjectID+
			"), or domain_name or domain_id (of the token's account) so that IAM re-scopes the token to the "+
			"project of the region (or project_name).")
}

// checkKeyPair reports a half of the pair missing everywhere, naming
// where the other half came from.
func (d *decision) checkKeyPair() {
	p := d.plan
	if !p.AccessKey.IsSet() {
		d.require(p.AccessKey, config.AccessKey, fmt.Sprintf("The secret key is set (by %s), but not the access key "+
			"that goes with it.", p.SecretKey.Source))
	}
	if !p.SecretKey.IsSet() {
		d.require(p.SecretKey, config.SecretKey, fmt.Sprintf("The access key is set (by %s), but not the secret key "+
			"that goes with it.", p.AccessKey.Source))
	}
}

// checkStrayCompanions reports a security token with no access key pair
// to go with it: alone it selects no method.
func (d *decision) checkStrayCompanions() {
	token := d.plan.SecurityToken
	switch {
	case !token.IsSet() || d.plan.Method == MethodKeyPair:
	case d.plan.Method == MethodMetadata:
		d.problem(config.At(config.AccessKey), "Missing access_key", fmt.Sprintf("A security token is set (by %s), "+
			"but not the temporary access key and secret key it belongs to. Set access_key and secret_key (%s, "+
			"%s) too.", token.Source, config.EnvAccessKey, config.EnvSecretKey))
	default:
		d.warning(config.At(config.SecurityToken), "Credentials not used", fmt.Sprintf("security_token (from %s) is "+
			"not used: the provider signs in with %s (from %s).", token.Source, d.plan.Method, d.plan.ChosenBy))
	}
}

// checkPassword reports what password login lacks.
func (d *decision) checkPassword() {
	p := d.plan
	switch {
	case p.UserID.IsSet() && p.UserName.IsSet():
		d.problem(config.At(config.UserID), "Conflicting user_id and user_name", fmt.Sprintf("Password login names "+
			"the user by user_name or by user_id, not both: user_id is set by %s, user_name by %s.",
			p.UserID.Source, p.UserName.Source))
	case p.UserID.IsSet():
		d.require(p.ProjectID, config.ProjectID, "Password login by user_id needs the project's id: IAM scopes a "+
			"token to a project name only within an account, which user_id does not name.")
	case p.DomainName.IsSet() && p.DomainID.IsSet():
		d.problem(config.At(config.DomainID), "Conflicting domain_id and domain_name", fmt.Sprintf("Password login "+
			"names the account by domain_name or by domain_id, not both: domain_name is set by %s, domain_id "+
			"by %s.", p.DomainName.Source, p.DomainID.Source))
	default:
		d.require(p.UserName, config.UserName, "Password login needs the IAM user name (or user_id).")
		if !p.DomainName.IsSet() && !p.DomainID.IsSet() {
			d.require(p.DomainName, config.DomainName, "Password login by user_name needs the account: domain_name "+
				"(or domain_id, HW_DOMAIN_ID).")
		}
	}
}

// planOIDC reads assume_role_with_oidc: an identity provider, an id token
// (read now from its file, so that a missing file is named here) and,
// unless the environment leaves it out, an agency.
func (d *decision) planOIDC() {
	b := d.s.Blocks(config.AssumeRoleWithOIDC)[0]
	o := &OIDCPlan{IdpID: b.Get(config.OIDCIdpID), IDToken: b.Get(config.OIDCIDToken), IDTokenFile: b.Get(config.OIDCIDTokenFile),
		Agency: Agency{Name: b.Get(config.OIDCAgencyName).Text, DomainID: b.Get(config.OIDCDomainID).Text,
			Duration: seconds(b.Get(config.OIDCDuration))}}
	d.plan.OIDC = o
	path := func(name config.Setting) []config.PathStep {
		if b.FromEnvironment {
			return config.At(config.AssumeRoleWithOIDC)
		}
		return append(config.At(config.AssumeRoleWithOIDC), config.Nested(b.Index, name)...)
	}
	switch {
	case o.IDToken.IsSet() && o.IDTokenFile.IsSet():
		d.problem(path(config.OIDCIDToken), "Conflicting id_token and id_token_file", fmt.Sprintf("OIDC takes the id "+
			"token or a file holding it, not both: id_token is set by %s, id_token_file by %s.",
			o.IDToken.Source, o.IDTokenFile.Source))
	case !o.IDToken.IsSet() && !o.IDTokenFile.IsSet():
		d.problem(path(config.OIDCIDToken), "Missing id token", "OIDC needs the id token: set id_token or id_token_file "+
			"("+config.EnvAssumeRoleIDToken+" or "+config.EnvAssumeRoleIDFile+").")
	case o.IDTokenFile.IsSet():
		if _, err := transport.ReadSettingFile(o.IDTokenFile.Text); err != nil {
			d.problem(path(config.OIDCIDTokenFile), "Unreadable id_token_file", fmt.Sprintf("id_token_file, set by %s: "+
				"%s.", o.IDTokenFile.Source, err))
		}
	}
	if o.Agency.Name != "" && o.Agency.DomainID == "" {
		d.problem(path(config.OIDCDomainID), "Missing domain_id", "OIDC with an agency assumes it with STS, which needs "+
			"the delegating account's id: set domain_id ("+config.EnvAssumeRoleDomainID+").")
	}
}

// planProfile reads the chosen KooCLI profile: its credentials, or the ECS
// server's for mode ecsAgency, and its agencies.
func (d *decision) planProfile() {
	file, name := d.s.Get(config.SharedConfigFile), d.s.Get(config.Profile)
	profile, err := ReadKooCLIProfile(file.Text, name.Text)
	if err != nil {
		at, by := config.Profile, name.Source
		if !name.IsSet() || strings.HasPrefix(err.Error(), "the shared config file") {
			at, by = config.SharedConfigFile, file.Source
		}
		d.problem(config.At(at), "Unable to sign in with the profile", fmt.Sprintf("%s (chosen by %s).", err, by))
		return
	}
	d.plan.Profile = &profile
	from := func(field, text string) config.Value {
		if text == "" {
			return config.Value{}
		}
		return config.Value{Text: text, Source: config.Source{Kind: config.FromProfile,
			Name: fmt.Sprintf("%s of profile %s (%s)", field, profile.Name, profile.File)}}
	}
	d.plan.AccessKey = from("accessKeyId", profile.Credentials.AccessKey)
	d.plan.SecretKey = from("secretAccessKey", profile.Credentials.SecretKey)
	d.plan.SecurityToken = from("securityToken", profile.Credentials.SecurityToken)
	if profile.Metadata {
		d.plan.Method = MethodMetadata
	}
	if !d.plan.Region.IsSet() {
		d.plan.Region = from("region", profile.Region)
	}
	if !d.plan.ProjectID.IsSet() {
		d.plan.ProjectID = from("projectId", profile.ProjectID)
	}
	if !d.plan.DomainID.IsSet() {
		d.plan.DomainID = from("domainId", profile.DomainID)
	}
}

// planAgencies takes the assume_role blocks (or the environment's), else
// the profile's agencies.
func (d *decision) planAgencies() {
	for _, b := range d.s.Blocks(config.AssumeRole) {
		a := PlannedAgency{Agency: Agency{Name: b.Get(config.AssumeRoleAgencyName).Text, DomainName: b.Get(config.AssumeRoleDomainName).Text,
			DomainID: b.Get(config.AssumeRoleDomainID).Text, Duration: seconds(b.Get(config.AssumeRoleDuration))}, From: b.Get(config.AssumeRoleAgencyName).Source}
		path := config.At(config.AssumeRole)
		if !b.FromEnvironment {
			path = append(path, config.Nested(b.Index, config.AssumeRoleDomainName)...)
		}
		switch {
		case a.Name == "":
			d.problem(config.At(config.AssumeRole), "Missing agency name", "An agency to assume needs its name: "+
				"agency_name ("+config.EnvAssumeRoleAgency+").")
		case a.DomainName == "" && a.DomainID == "":
			d.problem(path, "Missing agency account", fmt.Sprintf("Agency %s (from %s) is assumed in an account: "+
				"set domain_name (IAM) or domain_id (STS).", a.Name, a.From))
		}
		d.plan.Agencies = append(d.plan.Agencies, a)
	}
	if len(d.plan.Agencies) > 0 || d.plan.Profile == nil {
		return
	}
	for _, a := range d.plan.Profile.Agencies {
		d.plan.Agencies = append(d.plan.Agencies, PlannedAgency{Agency: a,
			From: config.Source{Kind: config.FromProfile, Name: d.plan.Profile.Describe()}})
	}
}

// checkRegionAndProject reports a missing region, and a project of a
// profile read with the region of another source.
func (d *decision) checkRegionAndProject() {
	p := d.plan
	if region := config.Region.Argument(); p.Region.Source.Kind == config.FromProfile {
		if want := region.Invalid(p.Region.Text); want != "" {
			d.problem(config.At(config.Region), "Invalid region", fmt.Sprintf("The region of %s is %q; it must be %s.",
				p.Profile.Describe(), p.Region.Text, want))
		}
	}
	if !p.Region.IsSet() && d.s.Map(config.Endpoints)[config.EndpointGaussDB].Text == "" {
		d.problem(config.At(config.Region), "Missing region", "The provider needs a region to choose the GaussDB "+
			"endpoint and the project. Set region in the provider block, or the environment variable "+
			config.EnvRegion+", or set endpoints.gaussdb.")
		return
	}
	if p.Profile != nil && p.ProjectID.Source.Kind == config.FromProfile && p.Region.Source.Kind != config.FromProfile &&
		p.Profile.Region != "" && p.Region.IsSet() && p.Profile.Region != p.Region.Text {
		d.problem(config.At(config.Region), "Region and project of different sources", fmt.Sprintf("The region is %s "+
			"(from %s), but the project comes from %s, a project of region %s: the two cannot be read together. "+
			"Set project_id for %s, or leave region to the profile.", p.Region.Text, p.Region.Source,
			p.ProjectID.Source, p.Profile.Region, p.Region.Text))
	}
	needsIAM := p.Method == MethodPassword || !p.ProjectID.IsSet()
	if needsIAM && !p.Region.IsSet() && !d.s.Get(config.AuthURL).IsSet() && d.s.Map(config.Endpoints)[config.EndpointIAM].Text == "" {
		d.problem(config.At(config.Region), "Missing region", fmt.Sprintf("With %s and no project_id, the provider "+
			"finds the project and IAM from the region. Set region (%s), or project_id (%s) and auth_url.",
			p.Method, config.EnvRegion, config.EnvProjectID))
	}
}

// checkTLSPair reports a client certificate without its key, or a key
// without its certificate, wherever each came from.
func (d *decision) checkTLSPair() {
	cert, key := d.s.Get(config.Cert), d.s.Get(config.Key)
	if cert.IsSet() != key.IsSet() {
		d.problem(config.At(config.Cert), "Incomplete client certificate", "A client certificate needs both cert (OS_CERT) "+
			"and key (OS_KEY); only one is set. Set both, or neither.")
	}
}
