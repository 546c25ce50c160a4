#!/usr/bin/env bash
# `make bench`: times `terraform plan` of gaussdb_mysql_backups against the
# emulator, and against the emulator's pages served in memory without HTTP
# (scripts/bench/inmemory, a build of the provider made only here), which is the
# floor Terraform itself sets. Prints, per case, the median wall time of
# BENCH_RUNS plans, the API requests per plan and the provider's peak RSS.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-5}
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/http" "$work/inmemory" "$work/wrapper" "$work/config"
(cd "$root" &&
  go build -o "$work/http/terraform-provider-gaussdb" . &&
  go build -o "$work/inmemory/terraform-provider-gaussdb" ./scripts/bench/inmemory &&
  go build -o "$work/gaussdb-emulator" ./cmd/gaussdb-emulator &&
  go build -o "$work/wrapper/terraform-provider-gaussdb" ./scripts/maxrss)

# Terraform runs the wrapper, which runs the provider and records its peak RSS.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "gaussdb-terraform/gaussdb" = "$work/wrapper"
  }
  direct {}
}
RC
cat >"$work/config/main.tf" <<'TF'
terraform {
  required_providers {
    gaussdb = { source = "gaussdb-terraform/gaussdb" }
  }
}
variable "endpoint" { type = string }
variable "concurrency" { type = number }
provider "gaussdb" {
  max_concurrent_requests = var.concurrency
  endpoints               = { gaussdb = var.endpoint }
}
data "gaussdb_mysql_backups" "all" {}
output "count" { value = data.gaussdb_mysql_backups.all.total_count }
TF
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1
export HW_AUTH_TOKEN=bench-token HW_PROJECT_ID=0123456789abcdef0123456789abcdef HW_REGION_NAME=cn-north-4

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# run_case LABEL BACKUPS LATENCY CONCURRENCY MODE(http|inmemory)
run_case() {
  local label=$1 backups=$2 latency=$3 concurrency=$4 mode=$5 url requests="-"
  : >"$work/rss" ; : >"$work/walls"
  if [ "$mode" = http ]; then
    "$work/gaussdb-emulator" -listen 127.0.0.1:0 -token "$HW_AUTH_TOKEN" -project-id "$HW_PROJECT_ID" \
      -backups "$backups" -latency "$latency" >"$work/emulator.out" 2>&1 &
    emulator_pid=$!
    for _ in $(seq 50); do url=$(sed -n 's/^listening on //p' "$work/emulator.out"); [ -n "$url" ] && break; sleep 0.1; done
  else
    url=http://127.0.0.1:1 # never dialled: the in-memory build answers itself
    export GAUSSDB_INMEMORY_BACKUPS=$backups GAUSSDB_INMEMORY_TOKEN=$HW_AUTH_TOKEN GAUSSDB_INMEMORY_PROJECT=$HW_PROJECT_ID
  fi
  export MAXRSS_COMMAND="$work/$mode/terraform-provider-gaussdb" MAXRSS_FILE="$work/rss"
  export TF_VAR_endpoint=$url TF_VAR_concurrency=$concurrency
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    terraform -chdir="$work/config" plan -input=false -no-color >"$work/plan.log" 2>&1 ||
      { cat "$work/plan.log" >&2; exit 1; }
    end=$(date +%s%N)
    grep -q "count = $backups" "$work/plan.log" || { echo "the plan did not list $backups backups" >&2; cat "$work/plan.log" >&2; exit 1; }
    echo $(((end - start) / 1000000)) >>"$work/walls"
  done
  if [ "$mode" = http ]; then
    kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=""
    served=$(sed -n 's/^served \([0-9]*\) backups requests/\1/p' "$work/emulator.out")
    requests=$((served / runs))
  fi
  printf '%-44s %8s ms %10s %10s MiB\n' "$label" "$(median <"$work/walls")" "$requests" \
    "$(sort -n "$work/rss" | tail -1 | awk '{printf "%.1f", $1/1024}')"
}

echo "Go benchmarks (go test -bench, 5 iterations each)"
(cd "$root" && go test ./internal/client ./internal/provider -run '^$' -bench . -benchtime 5x) | tee "$work/gobench" | grep '^Benchmark'
awk '/ListBackups2000At50ms\/concurrency=1/ {seq=$3} /ListBackups2000At50ms\/concurrency=4/ {par=$3}
  END {if (seq) printf "listing 2,000 backups at 50 ms: default concurrency takes %.3f of the sequential time\n", par/seq}' "$work/gobench"
echo

echo "terraform plan of gaussdb_mysql_backups, median of $runs runs ($(terraform version | head -1), $(nproc) cores)"
printf '%-44s %11s %10s %14s\n' "case" "wall" "requests" "provider RSS"
run_case "2,000 backups, 50 ms/request, concurrency 1" 2000 50ms 1 http
run_case "2,000 backups, 50 ms/request, concurrency 4" 2000 50ms 4 http
run_case "10,000 backups, no latency, concurrency 4" 10000 0s 4 http
run_case "10,000 backups, in memory (no HTTP), floor" 10000 0s 4 inmemory
