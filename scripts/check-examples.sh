#!/usr/bin/env bash
# Checks every example: `terraform fmt -check`, then `terraform validate` of
# each example folder with the provider just built (dev_overrides, so no
# registry and no `terraform init`). Used by `make examples-check`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "gaussdb-terraform/gaussdb" = "$root/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"

if ! unformatted=$("${TERRAFORM:-terraform}" fmt -check -recursive -list=true "$root/examples"); then
  echo "terraform fmt would change these examples (run make fmt):" >&2
  echo "$unformatted" >&2
  exit 1
fi

failed=0
while IFS= read -r dir; do
  if [ -e "$dir/.fmt-only" ]; then
    # It needs a provider that cannot be installed offline (huaweicloud);
    # an acceptance test proves its pattern with a stand-in.
    echo "fmt     ${dir#"$root"/} (not validated: needs a registry provider)"
    continue
  fi
  target="$work/$(echo "${dir#"$root"/}" | tr / _)"
  mkdir -p "$target"
  cp "$dir"/*.tf "$target/"
  # Registry examples leave out required_providers; without it Terraform
  # would look for hashicorp/gaussdb.
  if ! grep -q required_providers "$target"/*.tf; then
    printf 'terraform {\n  required_providers {\n    gaussdb = { source = "gaussdb-terraform/gaussdb" }\n  }\n}\n' >"$target/zz_providers.tf"
  fi
  if out=$("${TERRAFORM:-terraform}" -chdir="$target" validate -no-color 2>&1); then
    echo "ok      ${dir#"$root"/}"
  else
    echo "invalid ${dir#"$root"/}:" >&2
    echo "$out" >&2
    failed=1
  fi
done < <(find "$root/examples" -name '*.tf' -exec dirname {} \; | sort -u)
exit $failed
