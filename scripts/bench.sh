#!/usr/bin/env bash
# `make bench`: times `terraform plan` of gaussdb_mysql_backups against the
# emulator, and against the emulator's pages served in memory without HTTP
# (scripts/bench/inmemory, a build of the provider made only here), which is the
# floor Terraform itself sets. Prints, per case, the median wall time and
# the median CPU time of the provider's processes (user and system: it moves
# far less than wall time on a shared machine) over BENCH_RUNS plans, the API
# requests per plan and the provider's peak RSS over them.
#
# BASELINE_PROVIDER, a provider binary built from another commit, is timed
# in the same run, case by case beside this one; BASELINE_INMEMORY, that
# commit's scripts/bench/inmemory, gives its floor.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-9}
baseline=${BASELINE_PROVIDER:-}
baseline_inmemory=${BASELINE_INMEMORY:-}
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/http" "$work/inmemory" "$work/wrapper" "$work/config" "$work/baseline" "$work/baseline-inmemory"
[ -z "$baseline" ] || cp "$baseline" "$work/baseline/terraform-provider-gaussdb"
[ -z "$baseline_inmemory" ] || cp "$baseline_inmemory" "$work/baseline-inmemory/terraform-provider-gaussdb"
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

# run_case LABEL BACKUPS LATENCY CONCURRENCY MODE(http|inmemory) BUILDS...
# runs the builds (this, baseline) in turn, run after run, so that a change
# in the machine's load falls on both alike; prints a row per build, and
# keeps its medians in $work/results for the summary.
run_case() {
  local label=$1 backups=$2 latency=$3 concurrency=$4 mode=$5 url requests="-" build
  shift 5
  local builds=("$@")
  for build in "${builds[@]}"; do : >"$work/rss.$build" ; : >"$work/walls.$build" ; : >"$work/cpus.$build"; done
  if [ "$mode" = http ]; then
    "$work/gaussdb-emulator" -listen 127.0.0.1:0 -token "$HW_AUTH_TOKEN" -project-id "$HW_PROJECT_ID" \
      -backups "$backups" -latency "$latency" >"$work/emulator.out" 2>&1 &
    emulator_pid=$!
    for _ in $(seq 50); do url=$(sed -n 's/^listening on //p' "$work/emulator.out"); [ -n "$url" ] && break; sleep 0.1; done
  else
    url=http://127.0.0.1:1 # never dialled: the in-memory build answers itself
    export GAUSSDB_INMEMORY_BACKUPS=$backups GAUSSDB_INMEMORY_TOKEN=$HW_AUTH_TOKEN GAUSSDB_INMEMORY_PROJECT=$HW_PROJECT_ID
  fi
  export TF_VAR_endpoint=$url TF_VAR_concurrency=$concurrency MAXRSS_FILE="$work/run"
  for _ in $(seq "$runs"); do
    for build in "${builds[@]}"; do
      local start end binary="$work/$mode/terraform-provider-gaussdb"
      [ "$build" = this ] || binary="$work/baseline/terraform-provider-gaussdb"
      [ "$build" = this ] || [ "$mode" = http ] || binary="$work/baseline-inmemory/terraform-provider-gaussdb"
      export MAXRSS_COMMAND="$binary"
      : >"$work/run"
      start=$(date +%s%N)
      terraform -chdir="$work/config" plan -input=false -no-color >"$work/plan.log" 2>&1 ||
        { cat "$work/plan.log" >&2; exit 1; }
      end=$(date +%s%N)
      grep -q "count = $backups" "$work/plan.log" || { echo "the plan did not list $backups backups" >&2; cat "$work/plan.log" >&2; exit 1; }
      echo $(((end - start) / 1000000)) >>"$work/walls.$build"
      # Terraform starts the provider more than once per plan: CPU adds up.
      awk '{cpu += $2} END {print cpu}' "$work/run" >>"$work/cpus.$build"
      cat "$work/run" >>"$work/rss.$build"
    done
  done
  if [ "$mode" = http ]; then
    kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=""
    served=$(sed -n 's/^served \([0-9]*\) backups requests/\1/p' "$work/emulator.out")
    requests=$((served / runs / ${#builds[@]}))
  fi
  for build in "${builds[@]}"; do
    local wall cpu rss
    wall=$(median <"$work/walls.$build") cpu=$(median <"$work/cpus.$build")
    rss=$(sort -n "$work/rss.$build" | tail -1 | awk '{printf "%.1f", $1/1024}')
    printf '%-44s %-8s %8s ms %8s ms %9s %10s MiB\n' "$label" "$build" "$wall" "$cpu" "$requests" "$rss"
    echo "$label|$build|$wall|$cpu|$rss" >>"$work/results"
  done
}

echo "Go benchmarks (go test -bench, 5 iterations each)"
(cd "$root" && go test ./internal/gaussdb ./internal/provider -run '^$' -bench . -benchtime 5x) | tee "$work/gobench" | grep '^Benchmark'
awk '/ListBackups2000At50ms\/concurrency=1/ {seq=$3} /ListBackups2000At50ms\/concurrency=4/ {par=$3}
  END {if (seq) printf "listing 2,000 backups at 50 ms: default concurrency takes %.3f of the sequential time\n", par/seq}' "$work/gobench"
echo

builds=(this)
[ -z "$baseline" ] || builds+=(baseline)
echo "terraform plan of gaussdb_mysql_backups, median of $runs runs ($(terraform version | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "CPU: the provider's processes, user and system; RSS: the largest of all runs' processes"
printf '%-44s %-8s %11s %11s %9s %14s\n' "case" "build" "wall" "CPU" "requests" "provider RSS"
: >"$work/results"
floor_builds=(this)
[ -z "$baseline_inmemory" ] || floor_builds+=(baseline)
run_case "250 backups (the demo's), everyday" 250 0s 4 http "${builds[@]}"
run_case "2,000 backups, 50 ms/request, concurrency 1" 2000 50ms 1 http "${builds[@]}"
run_case "2,000 backups, 50 ms/request, concurrency 4" 2000 50ms 4 http "${builds[@]}"
run_case "10,000 backups, no latency, concurrency 4" 10000 0s 4 http "${builds[@]}"
run_case "10,000 backups, in memory (no HTTP), floor" 10000 0s 4 inmemory "${floor_builds[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The summary: each build's 10,000 against its floor, and this build
# against the baseline.
awk -F'|' '
  {wall[$1 "|" $2] = $3; cpu[$1 "|" $2] = $4; rss[$1 "|" $2] = $5}
  END {
    big = "10,000 backups, no latency, concurrency 4"; floor = "10,000 backups, in memory (no HTTP), floor"
    every = "250 backups (the demo'"'"'s), everyday"
    split("this baseline", builds, " ")
    for (i = 1; i <= 2; i++) {
      b = builds[i]
      if ((floor "|" b) in wall) printf "%s: 10,000 backups plan in %.2fx the wall time of the in-memory floor\n", b, wall[big "|" b] / wall[floor "|" b]
    }
    if ((big "|baseline") in wall) {
      printf "this against the baseline, 10,000 backups: CPU %.2fx, peak RSS %.2fx, wall %.2fx\n",
        cpu[big "|this"] / cpu[big "|baseline"], rss[big "|this"] / rss[big "|baseline"], wall[big "|this"] / wall[big "|baseline"]
      printf "this against the baseline, everyday plan: wall %.2fx, CPU %.2fx\n",
        wall[every "|this"] / wall[every "|baseline"], cpu[every "|this"] / cpu[every "|baseline"]
    }
  }' "$work/results"
