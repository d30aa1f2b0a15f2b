#!/usr/bin/env bash
# The stack as users run it (issue 13): ./start.sh, with its build, its logging as shipped and its output in a file
# (as a terminal would get it), against a fast Databricks stand-in (nginx, nginx-standin.sh). Measures:
#   the first request after start.sh prints "ready"; sequential p50 after a 3 s warm-up (wrk -t1 -c1);
#   32 connections on one space; 32 connections with every request for a different space (unique-spaces.lua: no
#   shared upstream calls); each service's RSS after the two 32-connection phases (2 x DURATION seconds of load);
#   the stand-in straight, for reference.
# Usage: tests/bench/http-bench.sh --via-start-sh
# Knobs: DURATION (seconds per phase, default 15), GENIE_SKIP_BUILD=1 (start.sh builds nothing),
#        BENCH_ENV="NAME=value ..." (extra lines for start.sh's env file, e.g. DOTNET_gcServer=0, for A/B runs),
#        BENCH_LABEL (a name for the one-line summary at the end),
#        START_SH_ROOT (run the start.sh of another checkout, built there: before/after in one run).
set -euo pipefail
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/bench/nginx-standin.sh
. "$root/tests/bench/nginx-standin.sh"
cd "$root"
duration=${DURATION:-15}
command -v wrk >/dev/null || deploy/install-prereqs.sh --with-bench
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
# CPU time (clock ticks, user + system) used so far by start.sh and everything below it: the services, nats-server
# and whatever start.sh pipes their output through. CPU per request hardly depends on what else runs on the machine,
# unlike requests/s, so it compares runs taken on a busy machine.
tree_ticks() {
  local pids=("$1") all i
  all=$(ps -e -o pid=,ppid=)
  for ((i = 0; i < ${#pids[@]}; i++)); do
    while read -r child; do pids+=("$child"); done < <(awk -v p="${pids[i]}" '$2 == p {print $1}' <<<"$all")
  done
  for i in "${pids[@]}"; do cat "/proc/$i/stat" 2>/dev/null; done | sed 's/^.*) //' | awk '{t += $12 + $13} END {print t + 0}'
}

standin_port=$(free_port)
start_nginx_standin "$standin_port"

# start.sh's env file, as a user's .env.local: free ports, the stand-in as the workspace, and any BENCH_ENV lines.
bridge_port=$(free_port)
{
  echo "BRIDGE_PORT=$bridge_port"
  echo "NATS_PORT=$(free_port)"
  echo "NATS_MONITOR_PORT=$(free_port)"
  echo "EMULATOR_PORT=$(free_port)"
  echo "DATABRICKS_HOST=http://127.0.0.1:$standin_port"
  echo "DATABRICKS_TOKEN=dapi-bench-standin"
  for line in ${BENCH_ENV:-}; do echo "$line"; done
} >"$scratch/env.local"
for line in ${BENCH_ENV:-}; do [[ $line == START_SH_ROOT=* ]] && START_SH_ROOT=${line#*=}; done   # A/B: another checkout
mkdir -p "$scratch/home"

: >"$scratch/start.out"
HOME=$scratch/home GENIE_ENV_FILE=$scratch/env.local GENIE_RUN_DIR=$scratch/run "${START_SH_ROOT:-$root}/start.sh" >"$scratch/start.out" 2>&1 &
start_sh=$!
pids+=("$start_sh")   # stop_all TERMs it: start.sh then stops everything it started
until grep -q "GenieCanvas is ready" "$scratch/start.out"; do
  alive=$(kill -0 "$start_sh" 2>/dev/null && echo 1 || echo 0)
  [[ $alive == 1 ]] || { echo "bench: start.sh ended before ready:" >&2; tail -n 40 "$scratch/start.out" >&2; exit 1; }
  sleep 0.02
done
space=01f0eca3dc1b1cbc9b65fa58f94c18ad
chain="http://127.0.0.1:$bridge_port/api/genie/get?space_id=$space"
first_ms=$(curl -fsS -o /dev/null -w '%{time_total}' "$chain" | awk '{printf "%.1f", $1 * 1000}')
child_pid() { sed -n "s/^\[start\] started $1 (pid \([0-9]*\)).*/\1/p" "$scratch/start.out" | tail -n 1; }
responder=$(child_pid responder); bridge=$(child_pid bridge)

wrk -t2 -c32 -d3s "$chain" >/dev/null   # the 3 s warm-up
seq_from=$(date +'%F %T.%3N')
read -r seq_p50 seq_p99 seq_rps _ < <(run_wrk 1 1 "$chain")
seq_to=$(date +'%F %T.%3N')
ticks_before=$(tree_ticks "$start_sh"); lines_before=$(grep -c 'requests in' "$scratch/wrk.txt")
read -r one_p50 one_p99 one_rps one_err < <(run_wrk 2 32 "$chain")
read -r all_p50 all_p99 all_rps all_err < <(WRK_SCRIPT="$root/tests/bench/unique-spaces.lua" run_wrk 2 32 "http://127.0.0.1:$bridge_port/")
ticks_after=$(tree_ticks "$start_sh")
loaded=$(grep 'requests in' "$scratch/wrk.txt" | tail -n +"$((lines_before + 1))" | awk '{s += $1} END {print s + 0}')
cpu_us=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$loaded" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
bridge_rss=$(rss_mb "$bridge"); responder_rss=$(rss_mb "$responder")
logs_mb=$(du -sm "$scratch/run/logs" | cut -f1)
console_lines=$(wc -l <"$scratch/start.out")
# Where a sequential request's time goes: the median of each service's own per-request time (its log lines of the
# sequential phase): the bridge's from Kestrel's first byte to its response, the responder's from arrival to its reply.
sleep 1.5   # the file sinks flush every second
seq_median() { # log-name sed-expression-printing-the-ms
  cat "$scratch/run/logs/$1"*.log 2>/dev/null | awk -v from="$seq_from" -v to="$seq_to" '{ts = $1 " " $2} ts >= from && ts <= to' |
    sed -n "$2" | sort -n | awk '{v[NR] = $1} END {if (NR) printf "%.3f", v[int((NR + 1) / 2)]; else printf "?"}'
}
bridge_ms=$(seq_median bridge 's/.*responded 200 in \([0-9.]*\) ms.*/\1/p')
responder_ms=$(seq_median responder 's/.*Handled genie\.get .*, \([0-9.]*\) ms.*/\1/p')
upstream="http://127.0.0.1:$standin_port/api/2.0/data-rooms/$space"
read -r up_p50 _ _ _ < <(duration=3 run_wrk 1 1 "$upstream")
read -r _ up_p99 up_rps up_err < <(run_wrk 2 32 "$upstream")

cat <<REPORT

GenieCanvas through ./start.sh (${BENCH_LABEL:-as shipped}${BENCH_ENV:+; $BENCH_ENV}), $(nproc) cores, ${duration}s per phase, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)
                                       result                               target
first request after "ready"            ${first_ms} ms                          <= 50 ms
sequential (-t1 -c1, after 3 s warm-up) p50 ${seq_p50} ms, p99 ${seq_p99} ms, ${seq_rps} req/s   p50 <= 0.45 ms
  of which (medians)                   in the bridge ${bridge_ms} ms, of that in the responder ${responder_ms} ms (upstream call included)
32 connections, one space              ${one_rps} req/s, p50 ${one_p50} ms, p99 ${one_p99} ms, errors ${one_err}   >= 14000, p99 <= 10 ms, 0 errors
32 connections, every space different  ${all_rps} req/s, p50 ${all_p50} ms, p99 ${all_p99} ms, errors ${all_err}   >= 10000, p99 <= 10 ms, 0 errors
RSS after $((2 * duration)) s of 32-connection load   bridge ${bridge_rss} MB, responder ${responder_rss} MB   <= 150 MB each
CPU per request (32-conn phases)       ${cpu_us} us of CPU for the whole stack (start.sh and all below it; ${loaded} requests)
logs                                   GENIE_LOG_DIR ${logs_mb} MB; start.sh printed ${console_lines} lines
nginx stand-in straight                p50 ${up_p50} ms (-c1); ${up_rps} req/s, p99 ${up_p99} ms, errors ${up_err} (-c32)
REPORT
echo "SUMMARY ${BENCH_LABEL:-shipped} first=${first_ms} seq_p50=${seq_p50} seq_bridge=${bridge_ms} seq_responder=${responder_ms} one_rps=${one_rps} one_p99=${one_p99} one_err=${one_err} all_rps=${all_rps} all_p99=${all_p99} all_err=${all_err} rss_bridge=${bridge_rss} rss_responder=${responder_rss} cpu_us=${cpu_us} load=$(cut -d' ' -f1 /proc/loadavg)"
