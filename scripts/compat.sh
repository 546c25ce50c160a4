#!/usr/bin/env bash
# `make compat`: builds each Terraform and OpenTofu CLI that can be had
# offline into bin/compat (cached), runs the acceptance suite, the demo and
# the examples check with each, and prints a table: CLI, version, tests
# passed, time. COMPAT_TERRAFORM and COMPAT_TOFU list the versions (empty
# for none); the Terraform on PATH comes first unless COMPAT_PATH=0;
# COMPAT_BUILD_ONLY=1 only builds.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin/compat"
mkdir -p "$bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1.5.7 is what the Makefile installs without a terraform on PATH; the
# older ones are tried oldest first, and the first that builds is the
# oldest measured (go install refuses modules with replace directives);
# 1.12 and later build from their module source (scripts/build-terraform.sh).
terraform_versions=${COMPAT_TERRAFORM-"1.5.7 1.0.11 1.1.9 1.2.9 1.3.0 1.12.2 1.13.3 1.14.0 1.15.5 1.16.4"}
tofu_versions=${COMPAT_TOFU-"1.10.10 1.12.6"}

# build_terraform VERSION: bin/compat/terraform-VERSION, or a line in
# $work/unbuildable saying why not.
build_terraform() {
  local v=$1 out="$bin/terraform-$1"
  [ -x "$out" ] && return 0
  if ! "$root/scripts/build-terraform.sh" "$v" "$out" >"$work/build-$v.log" 2>&1; then
    echo "Terraform $v: $(grep -m1 -E 'replace|error|cannot' "$work/build-$v.log" || tail -1 "$work/build-$v.log")" >>"$work/unbuildable"
    return 1
  fi
}

# build_tofu VERSION: OpenTofu's module has a replace directive, so it is
# built from a copy of its module source.
build_tofu() {
  local v=$1 out="$bin/tofu-$1" dir
  [ -x "$out" ] && return 0
  dir=$(go mod download -json "github.com/opentofu/opentofu@v$v" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "OpenTofu $v: not served by the module proxy" >>"$work/unbuildable"; return 1; }
  cp -r "$dir" "$work/tofu-$v" && chmod -R u+w "$work/tofu-$v"
  if ! (cd "$work/tofu-$v" && go build -o "$out" ./cmd/tofu) >"$work/build-tofu-$v.log" 2>&1; then
    echo "OpenTofu $v: $(tail -1 "$work/build-tofu-$v.log")" >>"$work/unbuildable"
    return 1
  fi
}

clis=()
if [ "${COMPAT_PATH:-1}" != 0 ] && command -v terraform >/dev/null; then clis+=("terraform:$(command -v terraform)"); fi
oldest_found=""
for v in $terraform_versions; do
  old=$([ "$(printf '%s\n' "$v" 1.5.0 | sort -V | head -n 1)" = "$v" ] && echo yes || true)
  if [ -n "$old" ] && [ -n "$oldest_found" ]; then continue; fi
  if build_terraform "$v"; then
    clis+=("terraform:$bin/terraform-$v")
    [ -n "$old" ] && oldest_found=$v
  fi
done
for v in $tofu_versions; do
  build_tofu "$v" && clis+=("tofu:$bin/tofu-$v")
done
[ "${COMPAT_BUILD_ONLY:-}" = 1 ] && { cat "$work/unbuildable" 2>/dev/null || true; exit 0; }

make -C "$root" build >/dev/null
touch "$work/empty.rc"
printf '%-10s %-10s %-34s %-8s %-8s %s\n' CLI VERSION "ACCEPTANCE TESTS" DEMO EXAMPLES TIME
failed=0
for entry in "${clis[@]}"; do
  kind=${entry%%:*} path=${entry#*:}
  version=$(TF_CLI_CONFIG_FILE="$work/empty.rc" "$path" version 2>/dev/null | grep -m1 -E '^(Terraform|OpenTofu) v' |
    sed 's/^[^v]*v//' || true)
  host=registry.terraform.io
  [ "$kind" = tofu ] && host=registry.opentofu.org
  start=$(date +%s)
  (cd "$root" && TF_ACC=1 TF_ACC_TERRAFORM_PATH="$path" TF_ACC_PROVIDER_HOST=$host TF_CLI_CONFIG_FILE="$work/empty.rc" \
    go test -count=1 -v ./internal/provider -run '^TestAcc' >"$work/acc-$kind-$version.log" 2>&1) || true
  passed=$(grep -c '^--- PASS' "$work/acc-$kind-$version.log" || true)
  fails=$(grep -c '^--- FAIL' "$work/acc-$kind-$version.log" || true)
  skipped=$(grep -c '^--- SKIP' "$work/acc-$kind-$version.log" || true)
  demo=ok examples=ok
  TERRAFORM="$path" "$root/scripts/demo.sh" >"$work/demo-$kind-$version.log" 2>&1 </dev/null || demo=FAILED
  # The examples use check blocks and plantimestamp(): Terraform 1.5 on.
  if [ "$kind" = terraform ] && [ "$(printf '%s\n' "$version" 1.5.0 | sort -V | head -n 1)" != 1.5.0 ]; then
    examples="n/a"
  else
    TERRAFORM="$path" "$root/scripts/check-examples.sh" >"$work/examples-$kind-$version.log" 2>&1 || examples=FAILED
  fi
  printf '%-10s %-10s %-34s %-8s %-8s %ss\n' "$kind" "$version" "$passed passed, $fails failed, $skipped skipped" \
    "$demo" "$examples" $(($(date +%s) - start))
  if [ "$fails" != 0 ] || [ "$demo" = FAILED ] || [ "$examples" = FAILED ]; then
    failed=1
    grep -E '^(--- FAIL|    --- FAIL)' "$work/acc-$kind-$version.log" | head -20 || true
    for log in "$work/demo-$kind-$version.log" "$work/examples-$kind-$version.log"; do
      [ -f "$log" ] && tail -n 5 "$log"
    done
  fi
done
if [ -s "$work/unbuildable" ]; then
  echo
  echo "Not built offline:"
  cat "$work/unbuildable"
fi
exit $failed
