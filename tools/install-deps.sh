#!/usr/bin/env bash
# Installs the system packages certd's build, tests and tools need. Idempotent; quiet when all is there.
set -euo pipefail
packages=(libssl-dev liblmdb-dev lmdb-utils openssl ca-certificates pkg-config python3 python3-pip)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# aiosmtpd: the SMTP sink of the expiry-notification end-to-end tests (issue 7).
if ! python3 -c "import aiosmtpd" 2>/dev/null; then
  echo "install-deps: installing aiosmtpd (pip)"
  python3 -m pip install --quiet aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages aiosmtpd
fi
