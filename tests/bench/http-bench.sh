#!/usr/bin/env bash
# Load benchmark of the whole chain (issue 6): wrk -> http-bridge -> NATS -> genie-responder -> Databricks stand-in,
# compared in the same run with wrk straight against the stand-in. Not part of the test suite.
#
# Usage: tests/bench/http-bench.sh            (against the local emulator)
#        tests/bench/http-bench.sh --via-start-sh   (./start.sh as a user runs it, nginx stand-in: via-start-sh.sh)
#        DATABRICKS_HOST=... DATABRICKS_TOKEN=... SPACE_ID=... tests/bench/http-bench.sh   (any other stand-in)
# Knobs: DURATION (seconds per phase, default 10), GENIE_SKIP_BUILD=1 (use the existing Release build).
set -euo pipefail
# The stack as users run it: ./start.sh against an nginx stand-in (via-start-sh.sh says what it measures).
if [[ ${1:-} == --via-start-sh ]]; then exec "$(dirname "$(readlink -f "$0")")/via-start-sh.sh" "${@:2}"; fi
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
cd "$root"
duration=${DURATION:-10}
wait_http() { # url, what
  for _ in $(seq 1 200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: $2 did not come up ($1); logs in $scratch" >&2; tail -n 20 "$scratch"/*.log >&2; exit 1
}
dll() { echo "$root/artifacts/bin/$1/release/$1.dll"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

deploy/install-prereqs.sh --with-bench
if [ "${GENIE_SKIP_BUILD:-0}" != 1 ]; then
  dotnet build GenieCanvas.sln -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:quiet -clp:ErrorsOnly >/dev/null
fi

nats_port=$(free_port); bridge_port=$(free_port)
"$nats_server" -a 127.0.0.1 -p "$nats_port" -m 0 >"$scratch/nats.log" 2>&1 & pids+=($!)

if [ -z "${DATABRICKS_HOST:-}" ]; then
  emulator_port=$(free_port)
  export DATABRICKS_HOST="http://127.0.0.1:$emulator_port"
  DATABRICKS_TOKEN="dapi$(head -c16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export DATABRICKS_TOKEN
  EMULATOR_TOKEN=$DATABRICKS_TOKEN dotnet "$(dll GenieCanvas.DatabricksEmulator)" --urls "$DATABRICKS_HOST" >"$scratch/emulator.log" 2>&1 & pids+=($!)
  wait_http "$DATABRICKS_HOST/_emulator/health" emulator
fi
space=${SPACE_ID:-01f0eca3dc1b1cbc9b65fa58f94c18ad}
export NATS_URL="nats://127.0.0.1:$nats_port"

dotnet "$(dll GenieCanvas.Responder)" >"$scratch/responder.log" 2>&1 & responder=$!; pids+=("$responder")
BRIDGE_PORT=$bridge_port dotnet "$(dll GenieCanvas.Bridge)" >"$scratch/bridge.log" 2>&1 & bridge=$!; pids+=("$bridge")
wait_http "http://127.0.0.1:$bridge_port/health/ready" "the chain (bridge /health/ready)"

chain="http://127.0.0.1:$bridge_port/api/genie/get?space_id=$space"
upstream="$DATABRICKS_HOST/api/2.0/data-rooms/$space"
auth="Authorization: Bearer $DATABRICKS_TOKEN"

echo "warming up..."
wrk -t2 -c32 -d3s "$chain" >/dev/null
wrk -t2 -c32 -d3s -H "$auth" "$upstream" >/dev/null

emulator_admin() { curl -fsS -o /dev/null "$DATABRICKS_HOST/_emulator/health" 2>/dev/null; }
emulator_admin && curl -fsS -o /dev/null -X POST "$DATABRICKS_HOST/_emulator/reset"

read -r c_p50 _ c_rps_seq _ < <(run_wrk 1 1 "$chain")
read -r _ c_p99 c_rps c_err < <(run_wrk 2 32 "$chain")
# The same load spread over all 11 fixture spaces, and the emulator's call count to show how much was shared.
read -r s_p50 s_p99 s_rps s_err < <(WRK_SCRIPT="$root/tests/bench/spaces.lua" run_wrk 2 32 "http://127.0.0.1:$bridge_port/")
chain_requests=$(grep -h 'requests in' "$scratch/wrk.txt" | head -3 | awk '{s+=$1} END {print s}')
upstream_calls=n/a
if emulator_admin; then
  upstream_calls=$(curl -fsS "$DATABRICKS_HOST/_emulator/calls" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
fi
read -r u_p50 _ u_rps_seq _ < <(run_wrk 1 1 "$upstream" "$auth")
read -r _ u_p99 u_rps u_err < <(run_wrk 2 32 "$upstream" "$auth")
bridge_rss=$(rss_mb "$bridge"); responder_rss=$(rss_mb "$responder")

# Head-of-line blocking: one space made slow (1 s) while another is measured.
hol_p50=n/a; hol_p99=n/a
if emulator_admin; then
  slow=01f0a7a327cd11978f2951f81a61bfdd  # another fixture space
  curl -fsS -o /dev/null -H 'Content-Type: application/json' -X POST "$DATABRICKS_HOST/_emulator/faults" \
    -d "{\"space_id\":\"$slow\",\"delay_ms\":1000}"
  wrk -t1 -c16 -d"$((duration + 2))s" "http://127.0.0.1:$bridge_port/api/genie/get?space_id=$slow" >/dev/null &
  slow_wrk=$!
  sleep 1
  read -r hol_p50 hol_p99 _ _ < <(run_wrk 1 4 "$chain")
  wait "$slow_wrk" || true
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }
cat <<REPORT

GenieCanvas load benchmark ($(nproc) cores, ${duration}s per phase, $(date -u +%Y-%m-%dT%H:%MZ))
                              chain (bridge)     upstream direct    chain/upstream
sequential p50 (-t1 -c1)      ${c_p50} ms          ${u_p50} ms          $(ratio "$c_p50" "$u_p50")
sequential req/s              ${c_rps_seq}               ${u_rps_seq}
32 connections req/s          ${c_rps}               ${u_rps}               $(ratio "$c_rps" "$u_rps")
32 connections p99            ${c_p99} ms          ${u_p99} ms
32 connections errors         ${c_err}                  ${u_err}   (non-2xx + socket errors)
32 conns over 11 spaces       ${s_rps} req/s, p50 ${s_p50} ms, p99 ${s_p99} ms, errors ${s_err}
upstream calls / chain reqs   ${upstream_calls} / ${chain_requests} (identical requests in flight share one call)
RSS after load                bridge ${bridge_rss} MB, responder ${responder_rss} MB
head-of-line (16 requests in flight on a 1 s space): other space p50 ${hol_p50} ms, p99 ${hol_p99} ms (4 connections)
targets: seq p50 <= 0.5 ms; >= 10000 req/s at 32 conns, 0 errors; p99 <= 20 ms; RSS <= 150 MB each
REPORT
