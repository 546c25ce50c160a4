package transport

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxSettingFileBytes bounds a file that a setting names (a CA bundle, a
// certificate, a key, an id token, KooCLI's config.json): none is near it.
const MaxSettingFileBytes = 1 << 20

// ReadSettingFile reads the regular file at path (a leading ~ is the home
// directory), of at most MaxSettingFileBytes. A FIFO or a device is refused
// before it is opened, so that reading it cannot block. Errors quote path
// only when a file exists there: a value that names none may be a key or
// a token pasted in place of a path.
func ReadSettingFile(path string) ([]byte, error) {
	expanded := ExpandHome(path)
	info, err := os.Stat(expanded)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no file exists at the path given (%d characters, not repeated here: it may be a "+
			"secret pasted in place of a path)", len(path))
	case err != nil:
		return nil, fmt.Errorf("the path given cannot be read (%w)", errors.Unwrap(err))
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a regular file (%s), which the provider does not read: a FIFO or a "+
			"device could block it", expanded, describeMode(info.Mode()))
	case info.Size() > MaxSettingFileBytes:
		return nil, fmt.Errorf("%s is larger than %d bytes", expanded, MaxSettingFileBytes)
	}
	f, err := os.Open(expanded) //nolint:gosec // the user names the file
	if err != nil {
		return nil, fmt.Errorf("%s cannot be read (%w)", expanded, errors.Unwrap(err))
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, MaxSettingFileBytes+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", expanded, err)
	case len(data) > MaxSettingFileBytes:
		return nil, fmt.Errorf("%s is larger than %d bytes", expanded, MaxSettingFileBytes)
	}
	return data, nil
}

// describeMode names a file's type.
func describeMode(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return mode.Type().String()
}

// ExpandHome replaces a leading ~ in a path with the home directory, as
// shells and the official provider do.
func ExpandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~"); ok && (rest == "" || strings.HasPrefix(rest, "/")) {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}
