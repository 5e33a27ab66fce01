#!/usr/bin/env bash
# Benchmarks the RPC transport alone (certload bench-echo): makes a throwaway PKI, builds certload
# in release mode and runs the grpc-echo peer's configurations, each also without the RPC layer
# (bench-bare: NIO + TLS + length prefix) unless BARE=0. Compare with
# ../shared/peers/grpc-echo/run.sh run in the same sitting. DUR= sets seconds per configuration.
# PINNED=1 also runs every configuration with each caller task on its connection's event loop
# (RPCClient.connectionExecutors; the bare client likewise), method names ending in -pinned.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${DUR:-10}
DIR=$(mktemp -d -t certd-bench.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
(
  cd "$DIR"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
    -subj "/CN=bench CA" -days 2 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > server.ext
  for name in server client; do
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $name.key -out $name.csr \
      -subj "/CN=$name" 2>/dev/null
    extra=(); [[ $name == server ]] && extra=(-extfile server.ext)
    openssl x509 -req -in $name.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 "${extra[@]}" -out $name.crt 2>/dev/null
  done
)
swift build -c release --product certload 2>&1 | tail -1
BIN=$(swift build -c release --show-bin-path)/certload
for cfg in "get 1 1" "get 1 32" "get 4 64" "put 4 64"; do
  # shellcheck disable=SC2086
  "$BIN" bench-echo "$DIR" $cfg "$DUR" 2>/dev/null
  # shellcheck disable=SC2086
  [[ "${BARE:-1}" == 1 ]] && "$BIN" bench-bare "$DIR" $cfg "$DUR"
  if [[ "${PINNED:-0}" == 1 ]]; then
    # shellcheck disable=SC2086
    "$BIN" bench-echo "$DIR" $cfg "$DUR" pinned 2>/dev/null
    # shellcheck disable=SC2086
    [[ "${BARE:-1}" == 1 ]] && "$BIN" bench-bare "$DIR" $cfg "$DUR" pinned
  fi
done
