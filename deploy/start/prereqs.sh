# shellcheck shell=bash
# start.sh's prerequisites: dotnet, and nats-server unless NATS_URL names another server (sourced, not run).

# Debian installs nats-server to /usr/sbin, which is not on an ordinary user's PATH.
find_nats_server() {
  command -v nats-server 2>/dev/null || { [[ -x /usr/sbin/nats-server ]] && echo /usr/sbin/nats-server; } || true
}

# Sets NATS_SERVER (empty with NATS_URL); installs nats-server from Debian when root, else says how.
check_prereqs() {
  command -v dotnet >/dev/null 2>&1 ||
    fail "dotnet not found. Install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run ./start.sh again."

  if [[ -z ${NATS_URL:-} && -z $(find_nats_server) ]]; then
    if [[ $(id -u) -eq 0 ]]; then
      say "nats-server is missing; installing it from Debian (deploy/install-prereqs.sh)"
      "$ROOT/deploy/install-prereqs.sh"
    else
      "$ROOT/deploy/install-prereqs.sh" ||
        fail "nats-server is missing: run the command above (or set NATS_URL to an existing NATS server), then ./start.sh again."
    fi
  fi
  # shellcheck disable=SC2034  # used by services.sh
  NATS_SERVER=$(find_nats_server)
}

# Every port this run will bind must be free: a taken one stops start.sh before anything starts.
check_ports() {
  local -a checks=()
  [[ -z ${NATS_URL:-} ]] && checks+=("$NATS_PORT:NATS_PORT" "$NATS_MONITOR_PORT:NATS_MONITOR_PORT")
  ((DEMO)) && checks+=("$EMULATOR_PORT:EMULATOR_PORT")
  checks+=("$BRIDGE_PORT:BRIDGE_PORT")
  local check port variable
  for check in "${checks[@]}"; do
    port=${check%%:*} variable=${check#*:}
    port_in_use "$port" &&
      fail "port $port is already in use (127.0.0.1:$port). Stop whatever listens there, or choose another port with $variable=... (in .env.local or the environment). Nothing was started."
  done
  return 0
}
