#!/usr/bin/env bash
# build-terraform.sh VERSION OUT: builds Terraform VERSION into OUT, offline.
# Up to 1.5, `go install` does it. From 1.12 on, go install refuses the
# module (its go.mod replaces nested modules that the module zip leaves
# out: the remote-state backends and internal/legacy), so it is built from
# a copy of the module source without them. Only those state backends are
# missing from the result; provider tests never use them.
set -euo pipefail
version=$1 out=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

if GOBIN="$work/bin" go install "github.com/hashicorp/terraform@v$version" 2>"$work/install.log"; then
  mv "$work/bin/terraform" "$out"
  exit 0
fi
# The recipe below was worked out for 1.12 and later; 1.0 to 1.2 replace
# other modules too, and fail (go install's refusal is the reason given).
if ! grep -q replace "$work/install.log" || [ "$(printf '%s\n' "$version" 1.12.0 | sort -V | head -n 1)" != 1.12.0 ]; then
  cat "$work/install.log" >&2
  exit 1
fi

dir=$(go mod download -json "github.com/hashicorp/terraform@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "Terraform $version is not served by the module proxy" >&2; exit 1; }
cp -r "$dir" "$work/src" && chmod -R u+w "$work/src"
cd "$work/src"
nested='internal/(backend/remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)|legacy)'
sed -E -i "\#^replace github.com/hashicorp/terraform/$nested #d; \#^[[:space:]]+github.com/hashicorp/terraform/$nested v#d" go.mod
sed -E -i '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)([[:space:]."]|$)/d' internal/backend/init/init.go
GOFLAGS=-mod=mod go build -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$out" .
