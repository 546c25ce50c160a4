// Package signingvectors holds the AK/SK signing test vectors that the
// official SDK's signer produced (signing-vectors.json, described in
// README.md), for the tests of sign-in's signer and of the emulator's
// verifier. Only tests import it.
package signingvectors
