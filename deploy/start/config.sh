# shellcheck shell=bash
# start.sh's configuration: .env.local first, then defaults for whatever it left unset, then whether a Databricks
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
  NATS_STORE_DIR=${GENIE_NATS_STORE_DIR:-$RUN_DIR/jetstream}
  PID_FILE=$RUN_DIR/start.pids
  BIN_DIR=$ROOT/artifacts/bin
  PIVOT=${CONFIGURATION,,}   # artifacts/bin/<Assembly>/<release|debug>/
  detect_workspace
}

dll_of() { echo "$BIN_DIR/$1/$PIVOT/$1.dll"; }

# Prints the value of KEY in [SECTION] of an INI file, or nothing. Section and key match case-insensitively and
# surrounding blanks are dropped, as the responder's INI reader (Microsoft.Extensions.Configuration.Ini) does.
ini_value() {
  awk -v section="$2" -v key="$3" '
    /^[ \t]*[#;]/ { next }
    /^[ \t]*\[/ {
      name = $0
      sub(/^[ \t]*\[[ \t]*/, "", name); sub(/[ \t]*\][ \t\r]*$/, "", name)
      inside = (tolower(name) == tolower(section))
      next
    }
    inside && index($0, "=") {
      k = substr($0, 1, index($0, "=") - 1); v = substr($0, index($0, "=") + 1)
      gsub(/^[ \t]+|[ \t\r]+$/, "", k); gsub(/^[ \t]+|[ \t\r]+$/, "", v)
      if (tolower(k) == tolower(key) && v != "") { print v; exit }
    }' "$1" 2>/dev/null || true
}

# Sets WORKSPACE_SOURCE and DEMO. The workspace the responder will use, as it resolves it: DATABRICKS_HOST, else a
# profile of the config file (DATABRICKS_CONFIG_FILE, default ~/.databrickscfg): DATABRICKS_CONFIG_PROFILE, else
# [__settings__] default_profile, else [DEFAULT]. Demo mode is none of these: no host anywhere.
detect_workspace() {
  DATABRICKS_CFG=${DATABRICKS_CONFIG_FILE:-${HOME:+$HOME/.databrickscfg}}
  # shellcheck disable=SC2088  # a literal ~ (quoted in .env.local) means the home folder, as the responder reads it
  if [[ $DATABRICKS_CFG == '~' || $DATABRICKS_CFG == '~/'* ]]; then DATABRICKS_CFG=${HOME:-}${DATABRICKS_CFG:1}; fi
  WORKSPACE_SOURCE=
  if [[ -n ${DATABRICKS_HOST:-} ]]; then
    WORKSPACE_SOURCE="DATABRICKS_HOST=$DATABRICKS_HOST"
  elif [[ -n ${DATABRICKS_CONFIG_PROFILE:-} ]]; then
    # Named explicitly: the responder reports a missing file or profile itself.
    WORKSPACE_SOURCE="profile '$DATABRICKS_CONFIG_PROFILE' of ${DATABRICKS_CFG:-~/.databrickscfg} (DATABRICKS_CONFIG_PROFILE)"
  elif [[ -n $DATABRICKS_CFG && -f $DATABRICKS_CFG ]]; then
    local profile host
    profile=$(ini_value "$DATABRICKS_CFG" __settings__ default_profile)
    profile=${profile:-DEFAULT}
    host=$(ini_value "$DATABRICKS_CFG" "$profile" host)
    [[ -n $host ]] && WORKSPACE_SOURCE="profile '$profile' of $DATABRICKS_CFG (host $host)"
  fi
  DEMO=0
  [[ -n $WORKSPACE_SOURCE ]] || DEMO=1
}

demo_banner() {
  cat <<BANNER
[start] ==========================================================================================
[start]  DEMO MODE: no Databricks workspace is configured (no DATABRICKS_HOST, no DATABRICKS_CONFIG_PROFILE,
[start]  no host in ${DATABRICKS_CFG:-~/.databrickscfg}), so GenieCanvas talks to the LOCAL DATABRICKS EMULATOR
[start]  on http://127.0.0.1:$EMULATOR_PORT. Every space you see is the emulator's fixture data, not
[start]  your workspace's.
[start]  To use a real workspace, put DATABRICKS_HOST and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID +
[start]  DATABRICKS_CLIENT_SECRET, or DATABRICKS_CONFIG_PROFILE) in .env.local (template:
[start]  deploy/.env.local.example) and run ./start.sh again.
[start] ==========================================================================================
BANNER
}
