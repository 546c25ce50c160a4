package signin

import (
	"fmt"
	"strings"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
)

// Hint says what to check when the API refused the credentials (401),
// from how the provider signed in and where each setting came from.
func (p Plan) Hint() string {
	var hint string
	switch p.Method {
	case MethodToken:
		hint = fmt.Sprintf("Check that the token (from %s) is current (tokens last 24 hours) and was issued for the "+
			"project and region read.", p.Token.Source)
	case MethodKeyPair, MethodProfile:
		hint = fmt.Sprintf("Check that the access key (from %s) and the secret key (from %s) are a valid pair",
			p.AccessKey.Source, p.SecretKey.Source)
		if p.SecurityToken.IsSet() {
			hint += fmt.Sprintf(", and that the temporary keys and their security token (from %s) have not expired",
				p.SecurityToken.Source)
		}
		hint += ", and that this machine's clock is right (signatures carry the time)."
	case MethodPassword:
		if p.UserID.IsSet() {
			hint = fmt.Sprintf("Check user_id (from %s) and password (from %s).", p.UserID.Source, p.Password.Source)
		} else {
			account := p.DomainName
			if !account.IsSet() {
				account = p.DomainID
			}
			hint = fmt.Sprintf("Check user_name (from %s), password (from %s) and the account (from %s).",
				p.UserName.Source, p.Password.Source, account.Source)
		}
	case MethodOIDC:
		token := p.OIDC.IDToken
		if !token.IsSet() {
			token = p.OIDC.IDTokenFile
		}
		hint = fmt.Sprintf("Check that the id token (from %s) is current and that identity provider %s (from %s) "+
			"trusts its issuer.", token.Source, p.OIDC.IdpID.Text, p.OIDC.IdpID.Source)
		if p.OIDC.Agency.Name != "" {
			hint += fmt.Sprintf(" Agency %s of account %s must trust the identity provider.", p.OIDC.Agency.Name,
				p.OIDC.Agency.DomainID)
		}
	case MethodMetadata:
		hint = "The credentials of the ECS server's agency, from the metadata service, were refused: check the " +
			"agency attached to the server and its permissions."
		if p.Profile != nil {
			hint = "The credentials of the ECS server's agency (" + p.Profile.Describe() + ") were refused: check " +
				"the agency attached to the server and its permissions."
		}
	}
	for _, a := range p.Agencies {
		hint += fmt.Sprintf(" Check also that agency %s of account %s (from %s) lets the credentials before it "+
			"assume it.", a.Name, a.account(), a.From)
	}
	return hint
}

// account names an agency's account.
func (a Agency) account() string {
	if a.DomainID != "" {
		return a.DomainID
	}
	return a.DomainName
}

// NoCredentialsMessage says what can be configured: it is the error when
// nothing is, and the ECS metadata service gave nothing either.
func NoCredentialsMessage() string {
	return "No credentials are configured, and this is not an ECS server with an agency (its metadata service " +
		"gave none). Set one of:\n" +
		"  - token (" + config.EnvToken + "), an IAM token;\n" +
		"  - access_key and secret_key (" + config.EnvAccessKey + " and " + config.EnvSecretKey + "), plus " +
		"security_token (" + config.EnvSecurityToken + ") for temporary keys;\n" +
		"  - a profile of KooCLI's config.json (" + config.EnvProfile + ", " + config.EnvSharedConfigFile + ");\n" +
		"  - password (" + config.EnvPassword + ") with user_name and domain_name or domain_id (HW_USER_NAME, " +
		"HW_DOMAIN_NAME, HW_DOMAIN_ID), or with user_id (HW_USER_ID), for IAM password login;\n" +
		"  - assume_role_with_oidc (" + config.EnvAssumeRoleIdpID + "), to sign in with an OIDC id token;\n" +
		"or run on an ECS server whose agency gives it credentials."
}

// trimNewlines trims the newlines around an id token read from a file.
func trimNewlines(s string) string {
	return strings.Trim(s, "\r\n")
}
