#!/usr/bin/env bash
# Audits certd's TLS endpoint with Debian's testssl.sh: makes a throwaway PKI, starts
# `certload tls-audit-server` (certd's real TLS stack; client certificates optional because
# testssl.sh 3.0 cannot present one), scans it, and prints a summary of every finding above INFO.
# The full JSON report is kept in $OUT (default: a temp dir, printed at the end).
# Needs root or sudo the first time (apt-get install testssl.sh); not part of install-deps.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v testssl >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq testssl.sh >/dev/null
fi
OUT=${OUT:-$(mktemp -d -t certd-tls-audit.XXXXXX)}
PKI="$OUT/pki"; mkdir -p "$PKI"
(
  cd "$PKI"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
    -subj "/CN=audit CA" -days 2 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
    -subj "/CN=localhost" 2>/dev/null
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext \
    -out server.crt 2>/dev/null
)
swift build --product certload 2>&1 | tail -1
BIN=$(swift build --show-bin-path)/certload
"$BIN" tls-audit-server "$PKI" > "$OUT/server.log" 2>&1 &
SPID=$!
trap 'kill "$SPID" 2>/dev/null || true' EXIT
PORT=""
for _ in $(seq 100); do
  PORT=$(sed -n 's/^LISTENING port=\([0-9]*\).*/\1/p' "$OUT/server.log" | head -1)
  [[ -n "$PORT" ]] && break
  sleep 0.1
done
[[ -n "$PORT" ]] || { cat "$OUT/server.log"; echo "tls-audit: server did not start" >&2; exit 1; }
echo "tls-audit: scanning 127.0.0.1:$PORT (report in $OUT)"
# -p protocols, -s cipher categories, -f forward secrecy, -P server preference, -S server defaults,
# -U vulnerabilities. Exit status is the number of findings, so it is not an error here.
timeout 900 testssl --quiet --color 0 --warnings off --ip 127.0.0.1 --jsonfile "$OUT/testssl.json" \
  -p -s -f -P -S -U "localhost:$PORT" > "$OUT/testssl.txt" 2>&1 || true
python3 - "$OUT/testssl.json" <<'PY'
import collections, json, sys
findings = json.load(open(sys.argv[1]))
by = collections.Counter(f.get("severity", "?") for f in findings)
print("tls-audit: findings by severity:", dict(sorted(by.items())))
for f in findings:
    if f.get("severity") in ("LOW", "MEDIUM", "HIGH", "CRITICAL", "WARN"):
        print(f'  {f["severity"]:8} {f["id"]}: {f["finding"]}')
for f in findings:
    if f["id"] in ("SSLv2", "SSLv3", "TLS1", "TLS1_1", "TLS1_2", "TLS1_3", "cipher_order", "FS", "ALPN"):
        print(f'  {f["severity"]:8} {f["id"]}: {f["finding"]}')
PY
