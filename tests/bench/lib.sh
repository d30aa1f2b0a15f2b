# shellcheck shell=bash
# shellcheck disable=SC2034  # root and nats_server are for the scripts that source this file
# Shared by the bench scripts (sourced, not run): a scratch folder, the processes started, and stopping them all on
# exit or Ctrl+C. Sets: root, nats_server, scratch, pids.
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)  # Debian: /usr/sbin, not on a user's PATH
scratch=$(mktemp -d /tmp/genie-bench.XXXXXX)
pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap stop_all EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wrk --latency output -> "p50 p99 req/s errors" (latencies in ms; errors = non-2xx answers + socket errors).
run_wrk() { # threads connections url [header]; $duration seconds, $WRK_SCRIPT if set
  local out
  local script=()
  [ -n "${WRK_SCRIPT:-}" ] && script=(-s "$WRK_SCRIPT")
  if [ $# -ge 4 ]; then out=$(wrk -t"$1" -c"$2" -d"${duration:-10}s" --latency -H "$4" "$3"); else out=$(wrk -t"$1" -c"$2" -d"${duration:-10}s" --latency "${script[@]}" "$3"); fi
  echo "$out" >>"$scratch/wrk.txt"
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    $1=="50.000%" || $1=="50%" { p50=ms($2) } $1=="99.000%" || $1=="99%" { p99=ms($2) }
    /Requests\/sec/ { rps=$2 } /Non-2xx/ { errors+=$NF }
    /Socket errors/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) errors+=$i }   # connect, read, write, timeout
    END { printf "%.3f %.3f %.0f %d\n", p50, p99, rps, errors }'
}
