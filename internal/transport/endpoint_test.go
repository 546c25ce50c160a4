package transport

import "testing"

func TestDefaultEndpointFollowsTheSDKRegionTable(t *testing.T) {
	tests := map[string]string{
		"cn-north-4":     "https://gaussdb.cn-north-4.myhuaweicloud.com",
		"cn-north-2":     "https://gaussdb.cn-north-2.myhuaweicloud.com",
		"cn-north-9":     "https://gaussdb.cn-north-9.myhuaweicloud.com",
		"cn-east-3":      "https://gaussdb.cn-east-3.myhuaweicloud.com",
		"cn-south-1":     "https://gaussdb.cn-south-1.myhuaweicloud.com",
		"cn-south-4":     "https://gaussdb.cn-south-4.myhuaweicloud.com",
		"cn-southwest-2": "https://gaussdb.cn-southwest-2.myhuaweicloud.com",
		"ru-northwest-2": "https://gaussdb.ru-northwest-2.myhuaweicloud.com",
		"ap-southeast-3": "https://gaussdb.ap-southeast-3.myhuaweicloud.com",
		"ap-southeast-4": "https://gaussdb.ap-southeast-4.myhuaweicloud.com",
		"sa-brazil-1":    "https://gaussdb.sa-brazil-1.myhuaweicloud.com",
		"ap-southeast-1": "https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com",
		"ap-southeast-2": "https://gaussdbformysql.ap-southeast-2.myhuaweicloud.com",
		"cn-north-11":    "https://gaussdbformysql.cn-north-11.myhuaweicloud.com",
		"tr-west-1":      "https://gaussdbformysql.tr-west-1.myhuaweicloud.com",
		"me-east-1":      "https://gaussdbformysql.me-east-1.myhuaweicloud.com",
		"af-south-1":     "https://gaussdb-mysql.af-south-1.myhuaweicloud.com",
		"cn-east-5":      "https://gaussdb-mysql.cn-east-5.myhuaweicloud.com",
		"la-north-2":     "https://gaussdb-mysql.la-north-2.myhuaweicloud.com",
		"cn-southwest-3": "https://gaussdb-mysql.cn-southwest-3.myhuaweicloud.com",
		"xx-unknown-7":   "https://gaussdb.xx-unknown-7.myhuaweicloud.com",
	}
	for region, want := range tests {
		if got := DefaultEndpoint(region, DefaultCloudForRegion(region)); got != want {
			t.Errorf("DefaultEndpoint(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestOnlyEuWest1RegionsLiveUnderTheEuropeanDomain(t *testing.T) {
	tests := []struct{ region, endpoint, authURL string }{
		{"eu-west-101", "https://gaussdb.eu-west-101.myhuaweicloud.eu", "https://iam.eu-west-101.myhuaweicloud.eu/v3"},
		{"eu-west-0", "https://gaussdb.eu-west-0.myhuaweicloud.com", "https://iam.eu-west-0.myhuaweicloud.com/v3"},
		{"cn-north-4", "https://gaussdb.cn-north-4.myhuaweicloud.com", "https://iam.cn-north-4.myhuaweicloud.com/v3"},
	}
	for _, tt := range tests {
		cloud := DefaultCloudForRegion(tt.region)
		if got := DefaultEndpoint(tt.region, cloud); got != tt.endpoint {
			t.Errorf("DefaultEndpoint(%s) = %q, want %q", tt.region, got, tt.endpoint)
		}
		if got := DefaultAuthURL(tt.region, cloud); got != tt.authURL {
			t.Errorf("DefaultAuthURL(%s) = %q, want %q", tt.region, got, tt.authURL)
		}
	}
}
