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
