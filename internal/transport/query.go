package transport

import (
	"net/url"
	"sort"
	"strings"
)

// EncodeQuery writes values as a query string with keys and values sorted
// and percent-encoded, leaving only A-Z a-z 0-9 - _ . ~ as they are.
//
// url.Values.Encode would write a space as "+", which the gateway's signature
// check does not accept, and servers read a bare "+" in a time such as
// 2020-07-06T10:41:14+0800 as a space; this form is safe for both and is the
// canonical query of AK/SK signing.
func EncodeQuery(values url.Values) string {
	keys := make([]string, 0, len(values))
	for key := range values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, key := range keys {
		vals := append([]string(nil), values[key]...)
		sort.Strings(vals)
		for _, value := range vals {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(PercentEncode(key))
			b.WriteByte('=')
			b.WriteString(PercentEncode(value))
		}
	}
	return b.String()
}

// PercentEncode encodes every byte of s except A-Z a-z 0-9 - _ . ~ as %XX.
func PercentEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}
