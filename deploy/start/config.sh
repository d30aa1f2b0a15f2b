# shellcheck shell=bash
# start.sh's configuration: .env.local first, then defaults for whatever it left unset; whether a Databricks
# workspace is configured (else demo mode). Sourced by start.sh, not run; the variables are start.sh's.
# shellcheck disable=SC2034  # the variables set here are read by start.sh and the other parts

# GENIE_ENV_FILE lets tests and other setups point at another file without touching the developer's own.
load_config() {
  local env_file=${GENIE_ENV_FILE:-$ROOT/.env.local}
  if [[ -f $env_file ]]; then
    say "loading $env_file"
    set -a
    # shellcheck disable=SC1090  # the path is chosen at run time
    . "$env_file"
    set +a
  elif [[ -n ${GENIE_ENV_FILE:-} ]]; then
    fail "GENIE_ENV_FILE=$GENIE_ENV_FILE does not exist."
  fi

  NATS_PORT=${NATS_PORT:-4222}
  NATS_MONITOR_PORT=${NATS_MONITOR_PORT:-8222}
  BRIDGE_PORT=${BRIDGE_PORT:-3001}
  EMULATOR_PORT=${EMULATOR_PORT:-3002}
  CONFIGURATION=${GENIE_CONFIGURATION:-Release}
  READY_TIMEOUT=${GENIE_READY_TIMEOUT:-60}
  STOP_GRACE=${GENIE_STOP_GRACE:-5}
  [[ $STOP_GRACE =~ ^[0-9]+$ ]] || fail "GENIE_STOP_GRACE must be a whole number of seconds (it is '$STOP_GRACE')."
  RUN_DIR=${GENIE_RUN_DIR:-$ROOT/.run}
  LOG_DIR=${GENIE_LOG_DIR:-$RUN_DIR/logs}
  export GENIE_LOG_DIR=$LOG_DIR   # the services write their own rolling log files there (GenieLogging.cs)
  NATS_STORE_DIR=${GENIE_NATS_STORE_DIR:-$RUN_DIR/jetstream}
  PID_FILE=$RUN_DIR/start.pids
  BIN_DIR=$ROOT/artifacts/bin
  PIVOT=${CONFIGURATION,,}   # artifacts/bin/<Assembly>/<release|debug>/
}

dll_of() { echo "$BIN_DIR/$1/$PIVOT/$1.dll"; }

# Sets DEMO and WORKSPACE_SOURCE. The responder decides (`--print-workspace`, its own resolver of DATABRICKS_HOST,
# DATABRICKS_CONFIG_PROFILE and ~/.databrickscfg); demo mode means it found no workspace host anywhere.
detect_workspace() {
  local mode
  IFS=$'\t' read -r mode WORKSPACE_SOURCE < <(dotnet "$(dll_of GenieCanvas.Responder)" --print-workspace) ||
    fail "the responder could not tell whether a Databricks workspace is configured (dotnet $(dll_of GenieCanvas.Responder) --print-workspace)."
  case $mode in
    demo) DEMO=1 ;;
    workspace) DEMO=0 ;;
    *) fail "dotnet $(dll_of GenieCanvas.Responder) --print-workspace answered '$mode', not demo or workspace." ;;
  esac
}

demo_banner() {
  cat <<BANNER
[start] ==========================================================================================
[start]  DEMO MODE: no Databricks workspace is configured (no DATABRICKS_HOST, no DATABRICKS_CONFIG_PROFILE,
[start]  no host in ${DATABRICKS_CONFIG_FILE:-~/.databrickscfg}), so GenieCanvas talks to the LOCAL DATABRICKS EMULATOR
[start]  on http://127.0.0.1:$EMULATOR_PORT. Every space you see is the emulator's fixture data, not
[start]  your workspace's.
[start]  To use a real workspace, put DATABRICKS_HOST and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID +
[start]  DATABRICKS_CLIENT_SECRET, or DATABRICKS_CONFIG_PROFILE) in .env.local (template:
[start]  deploy/.env.local.example) and run ./start.sh again.
[start] ==========================================================================================
BANNER
}
