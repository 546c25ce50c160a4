package gaussdb

import (
	"context"
	"fmt"
	"time"
)

// Polling waits grow with the time already waited, so that a backup of
// seconds is seen at once and one of an hour costs a few hundred requests.
const (
	minPoll = 100 * time.Millisecond
	maxPoll = 10 * time.Second
)

// pollWait is how long to wait before the next look, after waiting for
// elapsed.
func pollWait(elapsed time.Duration) time.Duration {
	return min(max(elapsed/5, minPoll), maxPoll)
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// whileBusy calls do until it is not refused as busy (another operation of
// the instance is in progress), waiting between calls, until ctx is done;
// each refusal is reported to waiting.
func whileBusy(ctx context.Context, do func() error, waiting func(err error)) error {
	start := time.Now()
	for {
		err := do()
		if !IsBusy(err) {
			return err
		}
		if waiting != nil {
			waiting(err)
		}
		if sleepErr := sleep(ctx, max(pollWait(time.Since(start)), time.Second)); sleepErr != nil {
			return fmt.Errorf("%w (waited %s while the instance was busy with another operation: %v)", sleepErr,
				time.Since(start).Round(time.Second), err)
		}
	}
}
