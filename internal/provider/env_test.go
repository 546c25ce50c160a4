package provider

import "github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"

// The environment variables the tests set, by the names the tests use.
const (
	envAccessKey            = config.EnvAccessKey
	envSecretKey            = config.EnvSecretKey
	envSecurityToken        = config.EnvSecurityToken
	envToken                = config.EnvToken
	envProjectID            = config.EnvProjectID
	envRegion               = config.EnvRegion
	envPassword             = config.EnvPassword
	envUserName             = "HW_USER_NAME"
	envDomainName           = "HW_DOMAIN_NAME"
	envProfile              = config.EnvProfile
	envSharedConfigFile     = config.EnvSharedConfigFile
	envAssumeRoleAgency     = config.EnvAssumeRoleAgency
	envAssumeRoleDomainID   = config.EnvAssumeRoleDomainID
	envAssumeRoleDomainName = config.EnvAssumeRoleDomain
	envAssumeRoleDuration   = config.EnvAssumeRoleDuration
	envAssumeRoleIDToken    = config.EnvAssumeRoleIDToken
	envAssumeRoleIdpID      = config.EnvAssumeRoleIdpID
	envAssumeRoleTokenFile  = config.EnvAssumeRoleIDFile
	envCert                 = "OS_CERT"
	envKey                  = "OS_KEY"
	envMaxRetries           = config.EnvMaxRetries
	envMetadataEndpoint     = config.EnvMetadataEndpoint
	envSigningAlg           = "HW_SIGNING_ALGORITHM"
)
