#!/usr/bin/env bash
# The performance record's benchmark (docs/PERFORMANCE.md): certload scenarios against a real certd.
#
# Builds certd and certload in release mode (build time reported), starts `certd serve` on a
# throwaway data directory, seeds SEED certificates, then runs `certload run` closed loop at
# (4 connections, 64 in flight) for echo, get, list, upload and mixed (get=80,list=15,upload=5),
# then get open loop at 50% of the closed-loop get rate; reports certd's peak RSS (VmHWM) after
# the 64-in-flight runs; then the grpc-echo peer (../shared/peers/grpc-echo/run.sh, build reused
# from $PEER_WORK) unless SKIP_PEER=1; prints RESULT lines and one table with ratios to the peer
# (echo vs the peer's get; get vs the peer's get: both a 2 KB answer).
# Env: DUR (measured seconds, default 10), WARM (default 2), SEED (default 10000), SKIP_PEER=1,
#      PEER_DIR, PEER_WORK (default /tmp/grpc-echo-work), QUIET_MAX (peer, default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DUR=${DUR:-10}
WARM=${WARM:-2}
SEED=${SEED:-10000}
PEER_DIR=${PEER_DIR:-$ROOT/../shared/peers/grpc-echo}
export PEER_WORK=${PEER_WORK:-/tmp/grpc-echo-work}

BUILD_START=$(date +%s)
swift build -c release --product certd 2>&1 | tail -1
swift build -c release --product certload 2>&1 | tail -1
BUILD_SECONDS=$(($(date +%s) - BUILD_START))
BIN=$(swift build -c release --show-bin-path)

WORK=$(mktemp -d -t certd-bench.XXXXXX)
SPID=""
stop_server() {
  if [[ -n "$SPID" ]] && kill -0 "$SPID" 2>/dev/null; then
    kill -TERM "$SPID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SPID" 2>/dev/null || true
  fi
  [[ -n "$SPID" ]] && wait "$SPID" 2>/dev/null || true
  SPID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

DATA="$WORK/data"
"$BIN/certd" serve --data-dir "$DATA" --listen 127.0.0.1:0 --log-level error >"$WORK/server.out" 2>"$WORK/server.err" &
SPID=$!
PORT=""
for _ in $(seq 300); do
  PORT=$(sed -n 's/^LISTENING .*port=\([0-9]*\).*/\1/p' "$WORK/server.out" | head -1)
  [[ -n "$PORT" ]] && break
  kill -0 "$SPID" 2>/dev/null || { cat "$WORK/server.err" >&2; echo "certd died" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$PORT" ]] || { echo "certd did not report a port" >&2; exit 1; }

RESULTS="$WORK/results.txt"
: >"$RESULTS"
load() {
  "$BIN/certload" run --server 127.0.0.1:"$PORT" --data-dir "$DATA" --server-pid "$SPID" \
    --duration "$DUR" --warmup "$WARM" --max-errors 1 "$@"
}
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) nproc=$(nproc) mem=$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) DUR=${DUR}s WARM=${WARM}s SEED=$SEED build=${BUILD_SECONDS}s"
SEED_START=$(date +%s)
load --scenario get --seed "$SEED" --duration 0.5 --warmup 0 >/dev/null
echo "# seeded $SEED in $(($(date +%s) - SEED_START))s"
: >"$RESULTS"
for scenario in echo get list upload; do
  load --scenario "$scenario" --seed "$SEED" --connections 4 --concurrency 64 | tee -a "$RESULTS"
done
load --scenario mixed --mix get=80,list=15,upload=5 --seed "$SEED" --connections 4 --concurrency 64 \
  | sed 's/^RESULT method=/RESULT method=mixed_/' | tee -a "$RESULTS"
HWM=$(awk '/VmHWM/{print $2}' /proc/$SPID/status)
echo "# certd VmHWM_kb=$HWM after the 64-in-flight runs"
GET_RPS=$(sed -n 's/^RESULT method=get conns=4 conc=64 .* rps=\([0-9]*\) .*/\1/p' "$RESULTS" | head -1)
HALF=$((GET_RPS / 2))
echo "# open loop get at $HALF calls/s (50% of closed-loop $GET_RPS)"
load --scenario get --seed "$SEED" --connections 4 --rate "$HALF" | sed 's/^RESULT method=get /RESULT method=get_open /' \
  | tee -a "$RESULTS"
stop_server

if [[ "${SKIP_PEER:-0}" != 1 ]]; then
  echo "# grpc-echo peer ($PEER_DIR, build in $PEER_WORK)"
  QUIET_MAX=${QUIET_MAX:-20} DUR="$DUR" WARM="$WARM" "$PEER_DIR/run.sh" | grep '^RESULT method=' \
    | awk '!seen[$0]++' | sed 's/^RESULT /PEER /' | tee -a "$RESULTS"
fi

echo
grep -E '^(RESULT|PEER)' "$RESULTS"
echo
awk -v hwm="$HWM" '
  function field(line, name,   i, n, parts, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) { split(parts[i], kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  /^RESULT / { m = field($0, "method"); if (!(m in ours)) { ours[m] = $0; order[++count] = m } }
  /^PEER method=get conns=4 conc=64 / { peer = $0 }
  END {
    printf "%-9s %9s %9s %9s %9s %9s %8s\n", "scenario", "rps", "p50_us", "p99_us", "srv_cpu", "peer_rps", "x_peer"
    for (i = 1; i <= count; i++) {
      m = order[i]; o = ours[m]; prps = (peer == "") ? "" : field(peer, "rps")
      cmp = (m == "echo" || m == "get") && prps > 0
      printf "%-9s %9s %9s %9s %9s %9s %8s\n", m, field(o, "rps"), field(o, "p50_us"), field(o, "p99_us"), \
        field(o, "srv_cpu_us_per_rpc"), (cmp ? prps : "-"), (cmp ? sprintf("%.2f", field(o, "rps") / prps) : "-")
    }
    printf "certd peak RSS (VmHWM) after 64-in-flight runs: %.1f MB\n", hwm / 1024
  }
' "$RESULTS"
