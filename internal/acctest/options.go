package acctest

import (
	"strconv"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// FastRetries are HTTP options that retry three times, with waits short
// enough for tests.
func FastRetries() transport.Options {
	return transport.Options{
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		UserAgent:    "terraform-provider-gaussdb/test Terraform/1.11.4",
		Language:     "zh-cn",
	}
}

// MaxConcurrentRequests is the provider's max_concurrent_requests when
// nothing sets it, read from the table of arguments.
func MaxConcurrentRequests() int {
	n, err := strconv.Atoi(config.MaxConcurrentRequests.Argument().Default)
	if err != nil {
		panic("the table's default of max_concurrent_requests is not a number: " + err.Error())
	}
	return n
}
