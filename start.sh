#!/usr/bin/env bash
# GenieCanvas: the one command that runs the whole app on this machine.
#
#   ./start.sh            build what is stale, start nats-server, the services and (demo mode) the emulator,
#                         wait until the app is ready, supervise; Ctrl+C stops everything.
#
# Configuration comes from the environment and from .env.local (see deploy/.env.local.example for every
# variable). No service reads .env.local itself: this script sources it and the children inherit it.
# Processes, in start order, each a child of this shell with its output prefixed by its name:
#   [nats]       nats-server (unless NATS_URL names an external server or cluster)
#   [emulator]   the local Databricks workspace emulator, only in demo mode (no DATABRICKS_HOST, no
#                DATABRICKS_CONFIG_PROFILE, no host in the default profile of ~/.databrickscfg)
#   [responder]  genie-responder, the NATS worker that calls Databricks
#   [bridge]     http-bridge, HTTP API + the built frontend on http://127.0.0.1:$BRIDGE_PORT
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
cd "$ROOT"

# ---------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------

say() { printf '[start] %s\n' "$*"; }
fail() { printf '[start] ERROR: %s\n' "$*" >&2; exit 1; }

if ((BASH_VERSINFO[0] < 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] < 1))); then
  fail "bash 5.1 or newer is needed (this is $BASH_VERSION)."
fi

# True when something accepts connections on 127.0.0.1:$1 (bash's /dev/tcp: no curl or ss needed).
port_in_use() { (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the HTTP status of GET http://127.0.0.1:$1$2, or nothing when nobody answers.
http_status() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
    IFS=' ' read -r -t 5 _ status _ <&3 || exit 0
    printf '%s' "$status"
  ) 2>/dev/null
}

# Prints the body of GET http://127.0.0.1:$1$2 (for error messages only).
http_body() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
    timeout 5 sed '1,/^\r\{0,1\}$/d' <&3
  ) 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------------------
# Configuration: .env.local first, then defaults for whatever it left unset
# ---------------------------------------------------------------------------------------------------------

# GENIE_ENV_FILE lets tests and other setups point at another file without touching the developer's own.
ENV_FILE=${GENIE_ENV_FILE:-$ROOT/.env.local}
if [[ -f $ENV_FILE ]]; then
  say "loading $ENV_FILE"
  set -a
  # shellcheck disable=SC1090  # the path is chosen at run time
  . "$ENV_FILE"
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
LOG_DIR=${GENIE_LOG_DIR:-$ROOT/.run/logs}
BIN_DIR="$ROOT/artifacts/bin"
PIVOT=${CONFIGURATION,,}   # artifacts/bin/<Assembly>/<release|debug>/

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

# The Databricks workspace the responder will use, as it resolves it: DATABRICKS_HOST, else a profile of the
# config file (DATABRICKS_CONFIG_FILE, default ~/.databrickscfg): DATABRICKS_CONFIG_PROFILE, else
# [__settings__] default_profile, else [DEFAULT]. Demo mode is none of these: no host anywhere.
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
  profile=$(ini_value "$DATABRICKS_CFG" __settings__ default_profile)
  profile=${profile:-DEFAULT}
  if [[ -n $(ini_value "$DATABRICKS_CFG" "$profile" host) ]]; then
    WORKSPACE_SOURCE="profile '$profile' of $DATABRICKS_CFG (host $(ini_value "$DATABRICKS_CFG" "$profile" host))"
  fi
fi
DEMO=0
[[ -n $WORKSPACE_SOURCE ]] || DEMO=1

# ---------------------------------------------------------------------------------------------------------
# Prerequisites and build
# ---------------------------------------------------------------------------------------------------------

# Debian installs nats-server to /usr/sbin, which is not on an ordinary user's PATH.
find_nats_server() {
  command -v nats-server 2>/dev/null || { [[ -x /usr/sbin/nats-server ]] && echo /usr/sbin/nats-server; } || true
}

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
  NATS_SERVER=$(find_nats_server)
}

SERVICES=(GenieCanvas.DatabricksEmulator GenieCanvas.Responder GenieCanvas.Bridge)
SERVICE_PROJECTS=(
  services/databricks-emulator/GenieCanvas.DatabricksEmulator.csproj
  services/genie-responder/GenieCanvas.Responder.csproj
  services/http-bridge/GenieCanvas.Bridge.csproj
)

dll_of() { echo "$BIN_DIR/$1/$PIVOT/$1.dll"; }

# The services are stale when a dll is missing or a source changed since the last build by this script.
services_stale() {
  local stamp="$BIN_DIR/.start-sh-build.$PIVOT" assembly
  [[ -f $stamp ]] || return 0
  for assembly in "${SERVICES[@]}"; do
    [[ -f $(dll_of "$assembly") ]] || return 0
  done
  [[ -n $(find services Directory.Build.props Directory.Packages.props global.json -newer "$stamp" \
    -type f -not -name '*.md' -print -quit) ]]
}

# Runs a build step with its output in $LOG_DIR/build.log; shows that output only when the step fails.
build_step() {
  local what=$1 started=$SECONDS
  shift
  if ! "$@" >>"$LOG_DIR/build.log" 2>&1; then
    tail -n 40 "$LOG_DIR/build.log" | sed 's/^/    /' >&2
    fail "$what failed (above; whole log: $LOG_DIR/build.log)."
  fi
  say "$what: done in $((SECONDS - started)) s"
}

build_services() {
  services_stale || { say "services are up to date ($CONFIGURATION)"; return 0; }
  say "building the services ($CONFIGURATION; the first build restores packages and takes a minute)"
  local project stamp="$BIN_DIR/.start-sh-build.$PIVOT"
  # Stamped with the time the build began, so a source saved during the build counts as newer next time.
  mkdir -p "$BIN_DIR"
  touch "$stamp.next"
  for project in "${SERVICE_PROJECTS[@]}"; do
    # No MSBuild node or compiler server may outlive this build.
    build_step "dotnet build $project" \
      dotnet build "$project" -c "$CONFIGURATION" -nologo -nodeReuse:false -p:UseSharedCompilation=false
  done
  mv "$stamp.next" "$stamp"
}

# The frontend is stale when frontend/dist is missing or older than anything it is built from.
frontend_stale() {
  local built=frontend/dist/index.html
  [[ -f $built ]] || return 0
  [[ -n $(find frontend -newer "$built" -type f \
    -not -path 'frontend/node_modules/*' -not -path 'frontend/dist/*' -not -name '*.md' -print -quit) ]]
}

build_frontend() {
  [[ -d frontend ]] || { say "no frontend/ folder: the bridge serves the API only"; return 0; }
  frontend_stale || { say "frontend/dist is up to date"; return 0; }
  command -v npm >/dev/null 2>&1 ||
    fail "npm not found but frontend/ must be built. Install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm), then ./start.sh again."
  say "building the frontend"
  if [[ ! -f frontend/node_modules/.package-lock.json || frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]]; then
    build_step "npm ci" npm --prefix frontend ci --no-audit --no-fund
  fi
  build_step "npm run build" npm --prefix frontend run build
}

# ---------------------------------------------------------------------------------------------------------
# Children: start, supervise, stop
# ---------------------------------------------------------------------------------------------------------

declare -A PID_OF=()    # name -> pid
declare -A NAME_OF=()   # pid -> name, for the children still running
PREFIXERS=()            # pids of the output prefixers, waited for last so no log line is lost
STOPPING=0

# start_child NAME COMMAND...: runs COMMAND in the background with stdout+stderr prefixed "[NAME] " and
# copied to $LOG_DIR/NAME.log. $! is the real child (not a pipeline), so signals reach the service itself.
# The child gets its own session (setsid, which execs in place: same pid), so a Ctrl+C in the terminal
# reaches only this script, which then stops the children in order (services before the bus) instead of
# racing them as they all react to the same SIGINT.
start_child() {
  local name=$1 out
  shift
  : >"$LOG_DIR/$name.log"
  # The prefixer ignores INT/TERM: on Ctrl+C it must keep printing the services' shutdown lines and
  # end by itself when its child closes the pipe.
  exec {out}> >(trap '' INT TERM; tee -a "$LOG_DIR/$name.log" | sed -u "s/^/[$name] /")
  PREFIXERS+=("$!")
  setsid "$@" >&"$out" 2>&1 </dev/null &
  PID_OF[$name]=$!
  NAME_OF[$!]=$name
  exec {out}>&-   # only the child holds the pipe now, so the prefixer ends with it
  say "started $name (pid ${PID_OF[$name]})"
}

alive() { kill -0 "$1" 2>/dev/null; }

# Microseconds since the epoch: a deadline as exact as the grace the responder is promised (SECONDS is whole).
now_us() { echo "${EPOCHREALTIME/[.,]/}"; }

# stop_children NAME...: TERM, then KILL after $STOP_GRACE seconds, then reap.
stop_children() {
  local name pid pids=() deadline
  for name in "$@"; do
    pid=${PID_OF[$name]:-}
    [[ -n $pid ]] && alive "$pid" && pids+=("$pid")
  done
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  deadline=$(($(now_us) + STOP_GRACE * 1000000))
  for pid in "${pids[@]}"; do
    while alive "$pid" && (($(now_us) < deadline)); do sleep 0.1; done
    if alive "$pid"; then
      say "${NAME_OF[$pid]:-pid $pid} did not stop within ${STOP_GRACE}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    unset "NAME_OF[$pid]"
  done
}

# Stops everything this script started: the services first (they leave the bus cleanly), then the bus and
# the emulator. Safe to call more than once.
stop_all() {
  ((STOPPING)) && return 0
  STOPPING=1
  if ((${#NAME_OF[@]})); then
    say "stopping: $(printf '%s\n' "${NAME_OF[@]}" | sort | tr '\n' ' ')"
    stop_children bridge responder
    stop_children emulator nats
  fi
  local pid
  for pid in "${PREFIXERS[@]}"; do wait "$pid" 2>/dev/null || true; done
  ((${#PID_OF[@]})) && say "stopped"
  return 0
}

on_signal() {
  printf '\n'
  say "received SIG$1"
  stop_all
  # 128 + signal number, as a shell reports a command ended by that signal.
  if [[ $1 == INT ]]; then exit 130; else exit 143; fi
}

trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'stop_all' EXIT

show_log_tail() {
  local name=$1
  [[ -s $LOG_DIR/$name.log ]] || return 0
  printf '[start] last lines of %s (%s):\n' "$name" "$LOG_DIR/$name.log" >&2
  tail -n 25 "$LOG_DIR/$name.log" | sed "s/^/    /" >&2
}

# Waits for the bridge's /health/ready; fails with the reason and the failing service's last log lines.
wait_until_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) pid name status
  while ((SECONDS < deadline)); do
    for pid in "${!NAME_OF[@]}"; do
      if ! alive "$pid"; then
        name=${NAME_OF[$pid]}
        wait "$pid" 2>/dev/null && status=0 || status=$?
        unset "NAME_OF[$pid]"
        show_log_tail "$name"
        fail "$name exited with status $status before GenieCanvas was ready."
      fi
    done
    [[ $(http_status "$BRIDGE_PORT" /health/ready) == 200 ]] && return 0
    sleep 0.5
  done
  printf '[start] /health/ready says: %s\n' "$(http_body "$BRIDGE_PORT" /health/ready)" >&2
  for name in responder bridge; do show_log_tail "$name"; done
  fail "GenieCanvas was not ready within ${READY_TIMEOUT}s (GENIE_READY_TIMEOUT)."
}

# Runs until nats-server or the bridge ends (non-zero exit) or a signal arrives (the traps exit).
supervise() {
  local exited status name
  while ((${#NAME_OF[@]})); do
    exited=
    wait -n -p exited "${!NAME_OF[@]}" 2>/dev/null && status=0 || status=$?   # 2>: no "Killed" job notice
    [[ -n $exited ]] || continue
    name=${NAME_OF[$exited]}
    unset "NAME_OF[$exited]"
    case $name in
      responder)
        say "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        say "!!! genie-responder EXITED (status $status). Nothing serves genie.* now: the bridge answers"
        say "!!! 503 SERVICE_UNAVAILABLE until a responder runs again. See $LOG_DIR/responder.log;"
        say "!!! restart ./start.sh, or start another responder against NATS_URL."
        say "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        ;;
      emulator)
        say "!!! the Databricks emulator EXITED (status $status): demo requests now fail with upstream errors."
        ;;
      *)
        show_log_tail "$name"
        say "$name exited (status $status): stopping everything."
        stop_all
        exit 1
        ;;
    esac
  done
}

demo_banner() {
  cat <<EOF
[start] ==========================================================================================
[start]  DEMO MODE: no Databricks workspace is configured (no DATABRICKS_HOST, no DATABRICKS_CONFIG_PROFILE,
[start]  no host in ${DATABRICKS_CFG:-~/.databrickscfg}), so GenieCanvas talks to the LOCAL DATABRICKS EMULATOR
[start]  on http://127.0.0.1:$EMULATOR_PORT. Every space you see is the emulator's fixture data, not
[start]  your workspace's.
[start]  To use a real workspace, put DATABRICKS_HOST and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID +
[start]  DATABRICKS_CLIENT_SECRET, or DATABRICKS_CONFIG_PROFILE) in .env.local (template:
[start]  deploy/.env.local.example) and run ./start.sh again.
[start] ==========================================================================================
EOF
}

# ---------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------

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

check_prereqs
check_ports
mkdir -p "$LOG_DIR"
: >"$LOG_DIR/build.log"
if [[ ${GENIE_SKIP_BUILD:-0} == 1 ]]; then
  say "GENIE_SKIP_BUILD=1: using the binaries already in artifacts/bin/*/$PIVOT and frontend/dist"
else
  build_services
  build_frontend
fi
for assembly in "${SERVICES[@]}"; do
  [[ -f $(dll_of "$assembly") ]] || fail "$(dll_of "$assembly") is missing: run ./start.sh without GENIE_SKIP_BUILD."
done

# The .NET services: no telemetry banner, and a build server is never started by running a dll.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ -z ${NATS_URL:-} ]]; then
  start_child nats "$NATS_SERVER" -c "$ROOT/deploy/nats/nats-server.conf" \
    -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR_PORT"
  export NATS_URL="nats://127.0.0.1:$NATS_PORT"
else
  # A URL may carry user:password@; never print that part.
  say "using the NATS server(s) at NATS_URL=$(sed -E 's#//[^/@,]*@#//***@#g' <<<"$NATS_URL") (no local nats-server)"
fi

# `env` arguments for the responder: variables it must not inherit (-u NAME), then the ones it gets.
responder_unset=()
responder_set=()
# After SIGTERM the responder lets requests in flight finish for Responder__ShutdownGrace (its default: 10 s);
# this script KILLs after STOP_GRACE. One second less, so it always ends on its own. A value you set wins.
if [[ -z ${Responder__ShutdownGrace:-} ]]; then
  grace=$((STOP_GRACE > 1 ? STOP_GRACE - 1 : 0))
  responder_set+=("Responder__ShutdownGrace=$(printf '%02d:%02d:%02d' $((grace / 3600)) $((grace % 3600 / 60)) $((grace % 60)))")
fi
if ((DEMO)); then
  demo_banner
  EMULATOR_TOKEN=${EMULATOR_TOKEN:-dapi-emulator-demo}
  start_child emulator env "EMULATOR_TOKEN=$EMULATOR_TOKEN" \
    dotnet "$(dll_of GenieCanvas.DatabricksEmulator)" --urls "http://127.0.0.1:$EMULATOR_PORT"
  # Only the responder learns the emulator's address and token. No leftover DATABRICKS_* setting (an auth type,
  # a client id, a config file or profile) may compete with them or break the demo.
  for variable in $(compgen -e DATABRICKS_ || true); do responder_unset+=(-u "$variable"); done
  responder_set+=("DATABRICKS_HOST=http://127.0.0.1:$EMULATOR_PORT" "DATABRICKS_TOKEN=$EMULATOR_TOKEN")
  export GENIE_DEFAULT_SPACE_ID=${GENIE_DEFAULT_SPACE_ID:-01f0eca3dc1b1cbc9b65fa58f94c18ad}
else
  say "Databricks workspace: $WORKSPACE_SOURCE"
fi

start_child responder env "${responder_unset[@]}" "${responder_set[@]}" dotnet "$(dll_of GenieCanvas.Responder)"
# The frontend this script built, unless .env.local points the bridge at another copy.
start_child bridge env "BRIDGE_PORT=$BRIDGE_PORT" "Bridge__FrontendPath=${Bridge__FrontendPath:-$ROOT/frontend/dist}" \
  dotnet "$(dll_of GenieCanvas.Bridge)"

wait_until_ready
say "GenieCanvas is ready: http://127.0.0.1:$BRIDGE_PORT   (Ctrl+C stops everything)"
supervise
