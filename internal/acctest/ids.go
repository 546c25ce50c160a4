package acctest

// The project and token the tests' emulators and clients agree on.
const (
	ProjectID = "0123456789abcdef0123456789abcdef"
	Token     = "test-token"
)
