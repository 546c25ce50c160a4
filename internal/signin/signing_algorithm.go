package signin

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"

	// The Chinese national algorithms come from emmansun/gmsm rather than
	// tjfoc/gmsm (the official SDK's): it is maintained (tjfoc's last
	// release is from 2021), pure Go with constant-time field arithmetic,
	// follows the standard library's crypto interfaces, and agrees with the
	// SDK on every vector of testdata/signing-vectors.json.
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
)

// SigningAlgorithm is an AK/SK signing algorithm, spelled as the official
// SDK and provider spell it.
type SigningAlgorithm string

// The four algorithms of the official SDK.
const (
	HmacSHA256      SigningAlgorithm = "HmacSHA256"
	HmacSM3         SigningAlgorithm = "HmacSM3"
	EcdsaP256SHA256 SigningAlgorithm = "EcdsaP256SHA256"
	SM2SM3          SigningAlgorithm = "SM2SM3"
)

// SigningAlgorithms lists the algorithms, the default first.
func SigningAlgorithms() []SigningAlgorithm {
	return []SigningAlgorithm{HmacSHA256, HmacSM3, EcdsaP256SHA256, SM2SM3}
}

// scheme is how one algorithm signs: its name in the Authorization header
// and the string to sign, its hash, the header that may stand for the
// payload's hash, and the signature of a string to sign.
type scheme struct {
	name          string
	newHash       func() hash.Hash
	contentHeader string
	sign          func(ak, sk, stringToSign string) (string, error)
}

// schemeOf returns the scheme of an algorithm; "" is HmacSHA256.
func schemeOf(algorithm SigningAlgorithm) (scheme, error) {
	switch algorithm {
	case HmacSHA256, "":
		return scheme{name: "SDK-HMAC-SHA256", newHash: sha256.New, contentHeader: "X-Sdk-Content-Sha256",
			sign: hmacSignature(sha256.New)}, nil
	case HmacSM3:
		return scheme{name: "SDK-HMAC-SM3", newHash: sm3.New, contentHeader: "X-Sdk-Content-Sm3",
			sign: hmacSignature(sm3.New)}, nil
	case EcdsaP256SHA256:
		return scheme{name: ecdsaP256Scheme, newHash: sha256.New, contentHeader: "X-Sdk-Content-Sha256",
			sign: p256Signature}, nil
	case SM2SM3:
		return scheme{name: sm2Scheme, newHash: sm3.New, contentHeader: "X-Sdk-Content-Sm3",
			sign: sm2Signature}, nil
	}
	return scheme{}, fmt.Errorf("unsupported signing algorithm %q: use one of HmacSHA256, HmacSM3, "+
		"EcdsaP256SHA256 or SM2SM3", algorithm)
}

// Names of the ECDSA-family schemes, which also salt their key derivation.
const (
	ecdsaP256Scheme = "SDK-ECDSA-P256-SHA256"
	sm2Scheme       = "SDK-SM2-SM3"
)

// stringToSign is the scheme's name, the date and the hex hash of the
// canonical request, one per line.
func (s scheme) stringToSign(date, canonicalRequest string) string {
	return s.name + "\n" + date + "\n" + s.hexHash([]byte(canonicalRequest))
}

func (s scheme) hexHash(data []byte) string {
	h := s.newHash()
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// hmacSignature signs with HMAC keyed by the secret key.
func hmacSignature(newHash func() hash.Hash) func(ak, sk, stringToSign string) (string, error) {
	return func(_, sk, stringToSign string) (string, error) {
		mac := hmac.New(newHash, []byte(sk))
		mac.Write([]byte(stringToSign))
		return hex.EncodeToString(mac.Sum(nil)), nil
	}
}

// p256Signature signs SHA-256(stringToSign) with ECDSA P-256 and the key
// derived from the AK/SK, as DER in hex. It is randomised, as the SDK's is.
func p256Signature(ak, sk, stringToSign string) (string, error) {
	key, err := p256Key(ak, sk)
	if err != nil {
		return "", err
	}
	digest := sha256.Sum256([]byte(stringToSign))
	signature, err := ecdsa.SignASN1(rand.Reader, key, digest[:])
	if err != nil {
		return "", fmt.Errorf("signing with %s: %w", ecdsaP256Scheme, err)
	}
	return hex.EncodeToString(signature), nil
}

// p256Key is the P-256 key that the gateway derives from the AK/SK too.
func p256Key(ak, sk string) (*ecdsa.PrivateKey, error) {
	d, err := deriveScalar(ecdsaP256Scheme, sha256.New, elliptic.P256().Params().N, ak, sk)
	if err != nil {
		return nil, err
	}
	return ecdsa.ParseRawPrivateKey(elliptic.P256(), d)
}

// sm2Signature signs stringToSign with SM2 (SM3 over ZA with the default
// user id, then the message) and the key derived from the AK/SK, as DER in
// hex. It is randomised, as the SDK's is.
func sm2Signature(ak, sk, stringToSign string) (string, error) {
	key, err := sm2Key(ak, sk)
	if err != nil {
		return "", err
	}
	signature, err := key.Sign(rand.Reader, []byte(stringToSign), sm2.DefaultSM2SignerOpts)
	if err != nil {
		return "", fmt.Errorf("signing with %s: %w", sm2Scheme, err)
	}
	return hex.EncodeToString(signature), nil
}

// sm2Key is the SM2 key that the gateway derives from the AK/SK too.
func sm2Key(ak, sk string) (*sm2.PrivateKey, error) {
	d, err := deriveScalar(sm2Scheme, sm3.New, sm2.P256().Params().N, ak, sk)
	if err != nil {
		return nil, err
	}
	return sm2.NewPrivateKey(d)
}

// deriveScalar is the SDK's key derivation for the ECDSA family: one block
// of the SP 800-108 counter-mode KDF, HMAC keyed with the SK over the
// scheme's name and the AK, tried with counters 0 to 255 until the result
// lies in [1, n-1].
func deriveScalar(schemeName string, newHash func() hash.Hash, n *big.Int, ak, sk string) ([]byte, error) {
	nMinusTwo := new(big.Int).Sub(n, big.NewInt(2))
	for counter := 0; counter <= 0xff; counter++ {
		var data bytes.Buffer
		data.Write([]byte{0, 0, 0, 1})
		data.WriteString(schemeName)
		data.WriteByte(0)
		data.WriteString(ak)
		data.WriteByte(byte(counter))
		data.Write([]byte{0, 0, 1, 0})
		mac := hmac.New(newHash, []byte(sk))
		mac.Write(data.Bytes())
		if c := new(big.Int).SetBytes(mac.Sum(nil)); c.Cmp(nMinusTwo) <= 0 {
			return c.Add(c, big.NewInt(1)).FillBytes(make([]byte, 32)), nil
		}
	}
	return nil, errors.New("derive candidate failed, counter out of range")
}
