package transport

import (
	"net/url"
	"testing"
)

func TestEncodeQuery(t *testing.T) {
	tests := []struct {
		name   string
		values url.Values
		want   string
	}{
		{"plus sign in an offset is percent-encoded", url.Values{"begin_time": {"2020-07-06T10:41:14+0800"}}, "begin_time=2020-07-06T10%3A41%3A14%2B0800"},
		{"space is %20, not +", url.Values{"name": {"a b"}}, "name=a%20b"},
		{"slash is encoded", url.Values{"name": {"a/b"}}, "name=a%2Fb"},
		{"unreserved characters stay", url.Values{"name": {"Az09-_.~"}}, "name=Az09-_.~"},
		{"keys and values are sorted", url.Values{"offset": {"0"}, "limit": {"100"}, "b": {"2", "1"}}, "b=1&b=2&limit=100&offset=0"},
		{"UTF-8 bytes are encoded each", url.Values{"name": {"备份"}}, "name=%E5%A4%87%E4%BB%BD"},
		{"empty", url.Values{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EncodeQuery(tt.values); got != tt.want {
				t.Errorf("EncodeQuery() = %q, want %q", got, tt.want)
			}
		})
	}
}
