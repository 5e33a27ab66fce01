#!/usr/bin/env bash
# Runs swift-format in lint mode with the checked-in .swift-format over every hand-written Swift
# file; generated code and golden files are excluded (see .swiftformatignore), though the
# generator aims to emit formatter-clean code anyway. Fails on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.swift' | grep -v -E '^(Sources/CertAPI/Generated|Tests/CertIDLTests/Golden|Tests/CertIDLGoldenTests/Generated)/' )
swift format lint --strict --configuration .swift-format "${files[@]}"
echo "lint: ok (${#files[@]} files)"
