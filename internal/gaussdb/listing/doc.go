// Package listing reads every page of a listing API, and returns the list
// only when the answers prove it complete; otherwise it fails, saying why.
// It is generic over what is listed (Record): internal/gaussdb lists
// backups and binlogs through it, fetching each page (Options.Fetch) and
// applying its filters to what is returned. Its tests are there, beside
// the API's types, against models of every reading below.
//
// It imports no package of this project, nor GaussDB's types, and logs
// with terraform-plugin-log only.
//
// # The proof
//
// A listing returns a list only when the answers it read prove that the
// list holds every backup that lasted through the listing (existed from
// its first request to its last), each once, and nothing the API did not
// return. Otherwise it reads again, and in the end fails, saying why. A
// backup created or deleted during the listing may or may not be listed.
//
// # What the API's pages leave open
//
// For each question, every reading a deployment may have, and how the
// lister meets it; none is assumed, each is checked in what is read:
//
//   - Which time of a backup begin_time and end_time compare: its
//     begin_time, its end_time (a backup that began before end_time and
//     ended after it is left out), any overlap of its span, or none (not
//     applied). The lister never sends begin_time: it stops at the query's
//     own begin_time itself. It sends end_time only while the answers show
//     that end_time keeps every backup that began by it (boundKeepsBegun:
//     an answer to end_time E held a backup that began by E and ended after
//     it), and a listing that sent one returns only once that is shown;
//     when no answer shows it, a probe asks (confirmReading). An answer
//     that holds a backup that began after E shows end_time not applied;
//     a probe that finds a backup left out while it ran shows end_time
//     compared with end_time: either way the listing is read again without
//     end_time, by count or by offset, which need no window.
//   - Whether a bound holds its own second: each bound, inclusive or
//     exclusive. end_time is sent one second past the last second wanted,
//     and every answer is filtered again by the caller.
//   - The order: newest first by begin_time (the vendor's examples), or
//     oldest first (incremental backups); backups that began in the same
//     second in any order, which may differ from one answer to the next.
//     Each answer's order is checked (direction, check): newest first is
//     read by count, by time or by offset; oldest first by offset, the one
//     pass whose proof does not need new backups to come first; an answer
//     in neither order is an error.
//   - A BUILDING backup has no end_time: a window may keep it or not. It
//     never shows the reading of end_time; a listing that used end_time
//     asks, with a running backup of the newest page, whether an answer to
//     end_time keeps it (A6), and reads again without end_time if not.
//   - limit is served as asked, or capped lower: the page size is the most
//     any answer held, and a short answer is never the end on its own.
//   - total_count may be true, absent, cached, wrong, a string or a float:
//     only pass 1 relies on it (A3), and it is checked against every page.
//   - An answer without a backups member ({}) is not an empty list unless
//     its total_count is 0: it is read again, and an error if it stays.
//   - Times come as +0800, Z, +08:00, without seconds, with fractions, or
//     with no zone (gaussdb's parseAnswerTime); the lister compares whole
//     seconds.
//   - Incremental backups: display_offsite_backup applied or ignored; the
//     caller filters by backup_type whatever the API did.
//
// # What is assumed of the API
//
//	A1 An answer is the list at one moment: the backups that match what
//	   was sent (under the deployment's reading of end_time), in one order
//	   by begin_time, from position offset, at most limit of them.
//	A2 A backup created during the listing begins then: it is at least as
//	   new as every backup that exists.
//	A3 The first answer's total_count, when pass 1 uses it, is the number
//	   of backups that match at that moment.
//	A4 A fault does not give the same wrong answer to two requests in a
//	   row: two alike answers are what the API serves.
//	A5 A deployment reads end_time the same way for every request.
//	A6 A backup still running (no end_time yet) is among the newest page
//	   of the list. Only a deployment that leaves running backups out of
//	   every window needs it: the lister asks with one of that page
//	   whether an answer to end_time keeps it (confirmRunningKept), but a
//	   running backup below the first page, left out of every answer to an
//	   end_time, would go unseen. A listing of full backups whose first
//	   page was read without end_time relies on it.
//
// An answer is "short" when it holds fewer backups than the page size,
// which is the limit asked for, or less when the API is seen to cap its
// pages (two alike short answers while total_count says more follow).
// A short answer is never taken as the end of the list on its own: only
// when its total_count agrees, or, when the count is missing or already
// shown wrong, when a second answer to the same request is alike (A4). An
// id twice in one answer, or one id answered with two begin_times, is an
// error: one of them is not that backup.
//
// # The passes
//
// Pass 1, by count (newest first, no floor; ceil(N/L) requests when the
// API is right): pass_by_count.go. Pass 2, by time (newest first, while
// end_time is kept): pass_by_time.go. Pass 3, by offset (either order):
// pass_by_offset.go. Each file opens with its part of the proof.
package listing
