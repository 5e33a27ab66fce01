#!/usr/bin/env bash
# Benchmarks certd's RPC stack end to end and compares it with the gRPC-swift peer.
#
# Builds certd and certload in release mode, starts `certd serve` on a throwaway data directory
# (port 0), runs `certload echo` (64 B request -> 2,048 B response, closed loop, HdrHistogram,
# server CPU from /proc/<pid>/stat) at (1,1), (1,32) and (4,64), stops certd, then runs the bare
# TLS echo baseline (`certload bare-server` + `certload bare`, no RPC layer) at (4,64) with the
# same identities, then the grpc-echo peer (../shared/peers/grpc-echo/run.sh; reuses its build in
# $PEER_WORK) unless SKIP_PEER=1, and prints the RESULT lines and a side-by-side table.
# Env: DUR (measured seconds, default 10), WARM (warm-up seconds, default 2), SKIP_PEER=1,
#      PEER_DIR (default ../shared/peers/grpc-echo), PEER_WORK (default /tmp/grpc-echo-work),
#      QUIET_MAX (peer's wait for an idle machine per configuration, default here 20 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DUR=${DUR:-10}
WARM=${WARM:-2}
PEER_DIR=${PEER_DIR:-$ROOT/../shared/peers/grpc-echo}
export PEER_WORK=${PEER_WORK:-/tmp/grpc-echo-work}

swift build -c release --product certd 2>&1 | tail -1
swift build -c release --product certload 2>&1 | tail -1
BIN=$(swift build -c release --show-bin-path)

WORK=$(mktemp -d -t certd-bench-rpc.XXXXXX)
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

# Starts "$@" in the background with stdout in $WORK/server.out and waits for its LISTENING line.
start_server() {
  "$@" >"$WORK/server.out" 2>"$WORK/server.err" &
  SPID=$!
  PORT=""
  for _ in $(seq 300); do
    PORT=$(sed -n 's/^LISTENING .*port=\([0-9]*\).*/\1/p' "$WORK/server.out" | head -1)
    [[ -n "$PORT" ]] && return 0
    kill -0 "$SPID" 2>/dev/null || { cat "$WORK/server.err" >&2; echo "server died" >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not report a port" >&2
  exit 1
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"
DATA="$WORK/data"
start_server "$BIN/certd" serve --data-dir "$DATA" --listen 127.0.0.1:0 --log-level error
echo "# certd pid=$SPID port=$PORT DUR=${DUR}s WARM=${WARM}s $(date -u +%Y-%m-%dT%H:%M:%SZ) nproc=$(nproc)"
for cfg in "1 1" "1 32" "4 64"; do
  read -r c n <<<"$cfg"
  "$BIN/certload" echo --server 127.0.0.1:"$PORT" --data-dir "$DATA" --connections "$c" --concurrency "$n" \
    --duration "$DUR" --warmup "$WARM" --server-pid "$SPID" | tee -a "$RESULTS"
done
echo "# certd VmHWM_kb=$(awk '/VmHWM/{print $2}' /proc/$SPID/status)"
stop_server

start_server "$BIN/certload" bare-server --data-dir "$DATA" --listen 127.0.0.1:0
"$BIN/certload" bare --server 127.0.0.1:"$PORT" --data-dir "$DATA" --connections 4 --concurrency 64 \
  --duration "$DUR" --warmup "$WARM" --server-pid "$SPID" | tee -a "$RESULTS"
stop_server

if [[ "${SKIP_PEER:-0}" != 1 ]]; then
  echo "# grpc-echo peer ($PEER_DIR, build in $PEER_WORK)"
  QUIET_MAX=${QUIET_MAX:-20} DUR="$DUR" WARM="$WARM" "$PEER_DIR/run.sh" | grep '^RESULT method=' \
    | awk '!seen[$0]++' | sed 's/^RESULT /PEER /' | tee -a "$RESULTS"
fi

echo
echo "RESULT lines:"
grep -E '^(RESULT|PEER)' "$RESULTS"
echo
# Side by side: ours (method=echo) against the peer's method=get at the same conns/conc.
awk '
  function field(line, name,   i, n, parts, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) { split(parts[i], kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  /^RESULT method=echo / { k = field($0, "conns") "/" field($0, "conc"); ours[k] = $0; order[++count] = k }
  /^RESULT method=bare / { bare = $0 }
  /^PEER method=get /    { k = field($0, "conns") "/" field($0, "conc"); peer[k] = $0 }
  END {
    printf "%-10s %9s %9s %7s %9s %9s %9s %9s %9s %9s\n", "conns/conc", "rps", "peer_rps", "x_rps", \
      "p50_us", "p99_us", "peer_p99", "p99_ratio", "srv_cpu", "peer_cpu"
    for (i = 1; i <= count; i++) {
      k = order[i]; o = ours[k]; p = peer[k]
      rps = field(o, "rps"); prps = field(p, "rps"); p99 = field(o, "p99_us"); pp99 = field(p, "p99_us")
      xr = (prps > 0) ? sprintf("%.2f", rps / prps) : "-"
      pr = (p99 > 0 && pp99 > 0) ? sprintf("%.2f", pp99 / p99) : "-"
      printf "%-10s %9s %9s %7s %9s %9s %9s %9s %9s %9s\n", k, rps, (prps == "" ? "-" : prps), xr, \
        field(o, "p50_us"), p99, (pp99 == "" ? "-" : pp99), pr, field(o, "srv_cpu_us_per_rpc"), \
        (p == "" ? "-" : field(p, "srv_cpu_us_per_rpc"))
    }
    if (bare != "" && ("4/64" in ours)) {
      e = field(ours["4/64"], "rps"); b = field(bare, "rps")
      printf "\necho/bare at 4/64: %s / %s rps = %.2f (RPC layer costs %.0f%% of the bare TLS echo rate); bare srv_cpu_us_per_rpc=%s\n", \
        e, b, e / b, (1 - e / b) * 100, field(bare, "srv_cpu_us_per_rpc")
    }
    print "x_rps = our rps / peer rps (target >= 3 at 4/64); p99_ratio = peer p99 / our p99 (target >= 3 at 4/64)"
  }
' "$RESULTS"
