#!/usr/bin/env bash
# Installs system packages, builds certd in release mode and runs `certd serve` with any extra
# arguments (for example --data-dir DIR --listen 127.0.0.1:7443).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
swift build -c release --product certd
exec "$(swift build -c release --show-bin-path)/certd" serve "$@"
