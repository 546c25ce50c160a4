//go:build linux

// Command maxrss stands in for the provider binary in `make bench`: it runs
// the real provider ($MAXRSS_COMMAND) with the same standard streams and
// environment, so that Terraform talks to it as usual, and when it exits
// appends to $MAXRSS_FILE a line with its peak resident set size in KiB and
// the CPU time it used (user and system) in milliseconds. Linux only:
// Rusage.Maxrss is in KiB there (bytes on macOS, absent on Windows).
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Getenv("MAXRSS_COMMAND"), os.Args[1:]...) //nolint:gosec // the benchmark names its own binary
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState != nil {
		if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			record(usage.Maxrss, (usage.Utime.Nano()+usage.Stime.Nano())/1e6)
		}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "maxrss:", err)
		os.Exit(1)
	}
}

// record appends a peak RSS and a CPU time to $MAXRSS_FILE; a benchmark
// without the file still runs.
func record(kib, cpuMilliseconds int64) {
	f, err := os.OpenFile(os.Getenv("MAXRSS_FILE"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	_, _ = fmt.Fprintln(f, kib, cpuMilliseconds)
	_ = f.Close()
}
