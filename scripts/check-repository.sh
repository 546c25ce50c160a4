#!/usr/bin/env bash
# Checks what a clone holds, before anything is built: no tracked binary or
# file over 1 MB (build outputs do not belong in git), and go.mod and go.sum
# of the provider and of each tool module as `go mod tidy` would leave them.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
while IFS= read -r -d '' file; do
  [ -f "$file" ] || continue
  size=$(wc -c <"$file")
  if [ "$size" -gt 1048576 ]; then
    echo "tracked file over 1 MB: $file ($((size / 1024)) KiB)" >&2
    failed=1
  elif head -c 8000 "$file" | grep -qaP '\x00'; then
    echo "tracked binary file: $file" >&2
    failed=1
  fi
done < <(git ls-files -z)

for mod in go.mod tools/*/go.mod; do
  dir=$(dirname "$mod")
  if ! diff=$(cd "$dir" && go mod tidy -diff 2>&1); then
    echo "go mod tidy would change $dir:" >&2
    echo "$diff" >&2
    failed=1
  fi
done
exit $failed
