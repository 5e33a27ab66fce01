#!/usr/bin/env bash
# Regenerates Sources/CertAPI/Generated from schema/certd.idl with the in-repo generator.
# Reuses the debug build, so after the first build it takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product certidl >/dev/null
"$(swift build --show-bin-path)/certidl" --output Sources/CertAPI/Generated schema/certd.idl
