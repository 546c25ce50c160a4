package client

import "strings"

// DefaultCloud is the domain of Huawei Cloud's public regions.
const DefaultCloud = "myhuaweicloud.com"

// europeCloud is the domain of the European regions whose name starts with
// eu-west-1 (eu-west-101); eu-west-0 (Paris) is under DefaultCloud. So say
// the official SDK's IAM and RDS region tables and the official provider.
const europeCloud = "myhuaweicloud.eu"

// serviceHost returns the first label of the service's host name in a region.
// Nine regions differ from the usual "gaussdb"; this follows the official
// SDK's region table, which the official provider only partly matches.
func serviceHost(region string) string {
	switch region {
	case "ap-southeast-1", "ap-southeast-2", "cn-north-11", "tr-west-1", "me-east-1":
		return "gaussdbformysql"
	case "af-south-1", "cn-east-5", "la-north-2", "cn-southwest-3":
		return "gaussdb-mysql"
	default:
		return "gaussdb"
	}
}

// DefaultCloudForRegion returns the domain a region lives under when the
// user has not named one.
func DefaultCloudForRegion(region string) string {
	if strings.HasPrefix(region, "eu-west-1") {
		return europeCloud
	}
	return DefaultCloud
}

// DefaultEndpoint returns the GaussDB(for MySQL) endpoint of a region, e.g.
// https://gaussdb-mysql.cn-east-5.myhuaweicloud.com.
func DefaultEndpoint(region, cloud string) string {
	return "https://" + serviceHost(region) + "." + region + "." + cloud
}

// DefaultAuthURL returns the IAM endpoint of a region.
func DefaultAuthURL(region, cloud string) string {
	return "https://iam." + region + "." + cloud + "/v3"
}

// DefaultSTSEndpoint returns the STS endpoint of a region.
func DefaultSTSEndpoint(region, cloud string) string {
	return "https://sts." + region + "." + cloud
}
