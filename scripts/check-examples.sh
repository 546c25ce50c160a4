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

# needs FILE...: the newest "Terraform X.Y or later" that the files' comments
# name, or 0.0.
needs() {
  grep -ho 'Terraform [0-9]*\.[0-9]* or later' "$@" 2>/dev/null | awk '{print $2}' | sort -V | tail -1 | grep . || echo 0.0
}
have=$("${TERRAFORM:-terraform}" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\).*/\1/p')

# validate NAME FILE...: terraform validate of the files as one module.
validate() {
  local name=$1 target
  shift
  local need
  need=$(needs "$@")
  if [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" != "$need" ]; then
    echo "skip    $name (needs Terraform $need or later; this is $have)"
    return 0
  fi
  target="$work/$(echo "$name" | tr / _)"
  mkdir -p "$target"
  cp "$@" "$target/"
  # Registry examples leave out required_providers; without it Terraform
  # would look for hashicorp/gaussdb.
  if ! grep -qs required_providers "$target"/*.tf; then
    printf 'terraform {\n  required_providers {\n    gaussdb = { source = "gaussdb-terraform/gaussdb" }\n  }\n}\n' >"$target/zz_providers.tf"
  fi
  local query=()
  compgen -G "$target/*.tfquery.hcl" >/dev/null && query=(-query)
  if out=$("${TERRAFORM:-terraform}" -chdir="$target" validate -no-color "${query[@]}" 2>&1); then
    echo "ok      $name"
  else
    echo "invalid $name:" >&2
    echo "$out" >&2
    failed=1
  fi
}

failed=0
while IFS= read -r dir; do
  name=${dir#"$root"/}
  if [ -e "$dir/.fmt-only" ]; then
    # It needs a provider that cannot be installed offline (huaweicloud);
    # an acceptance test proves its pattern with a stand-in.
    echo "fmt     $name (not validated: needs a registry provider)"
    continue
  fi
  # Each import example goes with the resource it imports into, alone: two
  # import blocks for one address are an error.
  base=() imports=()
  for file in "$dir"/*.tf "$dir"/*.tfquery.hcl; do
    [ -e "$file" ] || continue
    case $(basename "$file") in
      import-*.tf) imports+=("$file") ;;
      *) base+=("$file") ;;
    esac
  done
  validate "$name" "${base[@]}"
  for file in "${imports[@]}"; do
    validate "$name/$(basename "$file")" "${base[@]}" "$file"
  done
done < <(find "$root/examples" \( -name '*.tf' -o -name '*.tfquery.hcl' \) -exec dirname {} \; | sort -u)
exit $failed
