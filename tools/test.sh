#!/usr/bin/env bash
# The project's one test command (README.md names it): installs system deps, then builds and runs
# every test target, the generated-code check and the import-layer check.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/check-imports.sh
tools/lint.sh
tools/check-generated.sh
swift build --build-tests
swift test --skip-build --parallel
