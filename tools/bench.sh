#!/usr/bin/env bash
# The performance record's benchmark (docs/PERFORMANCE.md): certload scenarios against a real certd.
#
# Builds certd and certload in release mode (build time reported), starts `certd serve` on a
# throwaway data directory, seeds SEED certificates, then runs `certload run` closed loop at
# (4 connections, 64 in flight) for echo, get, list, upload and mixed (get=80,list=15,upload=5),
# then get open loop at 50% of the closed-loop get rate; reports certd's peak RSS (VmHWM) after
# the 64-in-flight runs; then the closed-loop get and the 50% open loop again with certd pinned to
# CPU 1 and certload to CPU 0 (taskset, util-linux; methods get_split and get_split_open); then
# the grpc-echo peer (../shared/peers/grpc-echo/run.sh, build reused from $PEER_WORK) unless
# SKIP_PEER=1; prints RESULT lines and one table with ratios to the peer (echo vs the peer's get;
# get vs the peer's get: both a 2 KB answer).
# With BIG_SEED=N (e.g. 1000000) it then measures certd's RSS at N stored certificates: `certd init`
# on a second data directory (BIG_DIR, kept and reused when given), `certd seed --total` writes the
# missing entries straight into the store (four openssl-made P-256 pairs copied under distinct
# names, keys sealed like uploads), then `certd serve` on it, get and list at 4/64, and VmHWM,
# VmRSS, RssAnon (heap) and RssFile (LMDB pages mapped from the page cache) after them.
# Env: DUR (measured seconds, default 10), WARM (default 2), SEED (default 10000), SKIP_PEER=1,
#      PEER_DIR, PEER_WORK (default /tmp/grpc-echo-work; run.sh rebuilds it when missing, ~11 min),
#      QUIET_MAX (peer, default 20), BIG_SEED (default 0: skip), BIG_DIR (default: a temporary one),
#      ONLY_BIG=1 (only the BIG_SEED step; no scenarios, no peer).
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

# Starts `certd serve` on data directory $1 and waits for its LISTENING line (sets SPID, PORT).
start_server() {
  ${SERVER_PIN:-} "$BIN/certd" serve --data-dir "$1" --listen 127.0.0.1:0 --log-level error >"$WORK/server.out" 2>"$WORK/server.err" &
  SPID=$!
  PORT=""
  for _ in $(seq 600); do
    PORT=$(sed -n 's/^LISTENING .*port=\([0-9]*\).*/\1/p' "$WORK/server.out" | head -1)
    [[ -n "$PORT" ]] && return 0
    kill -0 "$SPID" 2>/dev/null || { cat "$WORK/server.err" >&2; echo "certd died" >&2; exit 1; }
    sleep 0.1
  done
  echo "certd did not report a port" >&2
  exit 1
}
# certd's memory now, in kB: "VmHWM=.. VmRSS=.. RssAnon=.. RssFile=..".
memory() {
  awk '/^(VmHWM|VmRSS|RssAnon|RssFile):/{sub(":", "", $1); printf "%s_kb=%s ", $1, $2}' "/proc/$SPID/status"
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"
load() {
  ${CLIENT_PIN:-} "$BIN/certload" run --server 127.0.0.1:"$PORT" --data-dir "$DATA" --server-pid "$SPID" \
    --duration "$DUR" --warmup "$WARM" --max-errors 1 "$@"
}
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) nproc=$(nproc) mem=$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) DUR=${DUR}s WARM=${WARM}s SEED=$SEED build=${BUILD_SECONDS}s"
HWM=""
if [[ "${ONLY_BIG:-0}" != 1 ]]; then
  DATA="$WORK/data"
  start_server "$DATA"
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
  # The same pair with certd on CPU 1 and certload on CPU 0, so the load generator never takes
  # the server's core (as when it runs on another machine): on two shared cores, the open loop's
  # unbatched calls cost each side about twice the CPU of the 64-in-flight run, and the tail
  # measures the two processes queueing for the same cores.
  if [[ $(nproc) -ge 2 ]] && command -v taskset >/dev/null; then
    SERVER_PIN="taskset -c 1" start_server "$DATA"
    CLIENT_PIN="taskset -c 0" load --scenario get --seed "$SEED" --connections 4 --concurrency 64 \
      | sed 's/^RESULT method=get /RESULT method=get_split /' | tee -a "$RESULTS"
    SPLIT_RPS=$(sed -n 's/^RESULT method=get_split conns=4 conc=64 .* rps=\([0-9]*\) .*/\1/p' "$RESULTS" | head -1)
    echo "# split cores: open loop get at $((SPLIT_RPS / 2)) calls/s (50% of closed-loop $SPLIT_RPS)"
    CLIENT_PIN="taskset -c 0" load --scenario get --seed "$SEED" --connections 4 --rate "$((SPLIT_RPS / 2))" \
      | sed 's/^RESULT method=get /RESULT method=get_split_open /' | tee -a "$RESULTS"
    stop_server
  fi
fi

BIG_SEED=${BIG_SEED:-0}
BIG_LINE=""
if ((BIG_SEED > 0)); then
  BIG=${BIG_DIR:-$WORK/big}
  "$BIN/certd" init --data-dir "$BIG" --log-level error >/dev/null
  PAIRS="$WORK/pairs"
  mkdir -p "$PAIRS"
  (
    cd "$PAIRS"
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' >leaf.ext
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key -out root.pem \
      -subj "/CN=bench seed root" -days 3650 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
    for i in 0 1 2 3; do
      openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "leaf$i.key" -out "leaf$i.csr" \
        -subj "/CN=seed$i.bench.test" 2>/dev/null
      openssl x509 -req -in "leaf$i.csr" -CA root.pem -CAkey root.key -set_serial $((2000 + i)) -days $((90 + 90 * i)) \
        -sha256 -extfile leaf.ext -out "leaf$i.pem" 2>/dev/null
    done
  )
  SEED_ARGS=()
  for i in 0 1 2 3; do SEED_ARGS+=(--certificate "$PAIRS/leaf$i.pem" --key "$PAIRS/leaf$i.key"); done
  echo "# big seed: certd seed --total --count $BIG_SEED into $BIG"
  "$BIN/certd" seed --data-dir "$BIG" --log-level error --count "$BIG_SEED" --total "${SEED_ARGS[@]}" | tail -3
  echo "# big seed: data.mdb $(du -m "$BIG/store/data.mdb" | cut -f1) MB"
  DATA=$BIG # certload takes the admin credentials from the served directory
  start_server "$DATA"
  echo "# big seed: certd at start: $(memory)"
  for scenario in get list; do
    load --scenario "$scenario" --seed "$BIG_SEED" --connections 4 --concurrency 64 \
      | sed "s/^RESULT method=$scenario /RESULT method=${scenario}_big /" | tee -a "$RESULTS"
  done
  BIG_LINE="certd at $BIG_SEED certificates after get+list at 4/64: $(memory)"
  echo "# $BIG_LINE"
  stop_server
fi

if [[ "${SKIP_PEER:-0}" != 1 && "${ONLY_BIG:-0}" != 1 ]]; then
  echo "# grpc-echo peer ($PEER_DIR, build in $PEER_WORK)"
  # A failed peer run still prints certd's table (without ratios).
  QUIET_MAX=${QUIET_MAX:-20} DUR="$DUR" WARM="$WARM" "$PEER_DIR/run.sh" >"$WORK/peer.out" 2>&1 \
    || echo "# grpc-echo peer FAILED (exit $?); its output: $(tail -5 "$WORK/peer.out")"
  grep '^RESULT method=' "$WORK/peer.out" | awk '!seen[$0]++' | sed 's/^RESULT /PEER /' | tee -a "$RESULTS" || true
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
    printf "%-15s %9s %9s %9s %9s %9s %8s\n", "scenario", "rps", "p50_us", "p99_us", "srv_cpu", "peer_rps", "x_peer"
    for (i = 1; i <= count; i++) {
      m = order[i]; o = ours[m]; prps = (peer == "") ? "" : field(peer, "rps")
      cmp = (m == "echo" || m == "get") && prps > 0
      printf "%-15s %9s %9s %9s %9s %9s %8s\n", m, field(o, "rps"), field(o, "p50_us"), field(o, "p99_us"), \
        field(o, "srv_cpu_us_per_rpc"), (cmp ? prps : "-"), (cmp ? sprintf("%.2f", field(o, "rps") / prps) : "-")
    }
    if (hwm != "") printf "certd peak RSS (VmHWM) after 64-in-flight runs: %.1f MB\n", hwm / 1024
  }
' "$RESULTS"
[[ -n "$BIG_LINE" ]] && echo "$BIG_LINE"
exit 0
