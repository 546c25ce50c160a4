package transport

import (
	"net"
	"testing"
)

func TestANameThatDoesNotExistCannotSucceed(t *testing.T) {
	if !cannotSucceed(&net.DNSError{Err: "no such host", Name: "gaussdb.nowhere.invalid", IsNotFound: true}) {
		t.Error("a name that does not exist would be retried")
	}
	if cannotSucceed(&net.DNSError{Err: "i/o timeout", Name: "gaussdb.cn-north-4.myhuaweicloud.com", IsTimeout: true}) {
		t.Error("a DNS time-out would not be retried")
	}
}
