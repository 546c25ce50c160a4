#!/usr/bin/env bash
# Runs the provider through Terraform against the local emulator and prints
# the number of backups and the latest completed one. Used by `make demo`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

token="demo-token-$$"
project="0123456789abcdef0123456789abcdef"

# DEMO_EMULATOR_FLAGS runs the demo against another reading of what the
# API's pages leave open, e.g. "-window-on end -incremental-order oldest".
# shellcheck disable=SC2086
"$bin/gaussdb-emulator" -listen 127.0.0.1:0 -token "$token" -project-id "$project" -backups "${DEMO_BACKUPS:-250}" \
  ${DEMO_EMULATOR_FLAGS:-} >"$work/emulator.out" 2>&1 &
emulator_pid=$!
for _ in $(seq 50); do
  url=$(sed -n 's/^listening on //p' "$work/emulator.out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "the emulator did not start:" >&2; cat "$work/emulator.out" >&2; exit 1; }
echo "emulator: $url"

# dev_overrides runs the provider just built; terraform init is not needed.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "gaussdb-terraform/gaussdb" = "$bin"
  }
  direct {}
}
RC
cp "$root/examples/demo/main.tf" "$work/"

export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
export HW_AUTH_TOKEN="$token" HW_PROJECT_ID="$project" HW_REGION_NAME="cn-north-4"
export TF_VAR_gaussdb_endpoint="$url"
# The emulator's first seeded instance ("orders-db").
export TF_VAR_instance_id="${DEMO_INSTANCE_ID:-3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07}"

"${TERRAFORM:-terraform}" -chdir="$work" apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1 ||
  { cat "$work/apply.log" >&2; exit 1; }

count=$("${TERRAFORM:-terraform}" -chdir="$work" output -raw backup_count)
echo "backups: $count"
echo "restore point: $("${TERRAFORM:-terraform}" -chdir="$work" output -raw restore_point_summary)"
echo "newest restore point: $("${TERRAFORM:-terraform}" -chdir="$work" output -raw newest_restore_point_summary)"
