#!/usr/bin/env bash
# Fails when the checked-in generated code differs from what schema/certd.idl generates now
# (CI job, as grpc-swift's dev/check-generated-code.sh). Regenerates in place, then asks git.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/regenerate.sh
stale=0
if ! git diff --exit-code --stat -- Sources/CertAPI/Generated; then
    stale=1
fi
untracked=$(git ls-files --others --exclude-standard -- Sources/CertAPI/Generated)
if [[ -n "$untracked" ]]; then
    echo "untracked generated files:"
    echo "$untracked"
    stale=1
fi
if [[ $stale -ne 0 ]]; then
    echo "error: Sources/CertAPI/Generated is stale: run tools/regenerate.sh and commit the result." >&2
    exit 1
fi
echo "generated code is up to date"
