#!/usr/bin/env bash
# GenieCanvas: the one command that runs the whole app on this machine.
#
#   ./start.sh               build (dotnet build and npm run build decide what is stale), start nats-server (with
#                            JetStream), the services and (demo mode) the emulator, wait until ready, supervise.
#                            Ctrl+C stops everything; a second Ctrl+C kills everything at once.
#   ./start.sh --build-only  only the build
#
# Configuration comes from the environment and from .env.local (every variable: deploy/.env.local.example).
# No service reads .env.local itself: this script sources it and the children inherit it.
# Processes, in start order, each in its own session, its output prefixed by its name and kept in .run/logs:
#   [nats]       nats-server (unless NATS_URL names an external server or cluster)
#   [emulator]   the local Databricks workspace emulator, only in demo mode (no workspace configured)
#   [responder]  genie-responder, the NATS worker that calls Databricks
#   [bridge]     http-bridge, HTTP API + the built frontend on http://127.0.0.1:$BRIDGE_PORT
# Their pids are in .run/start.pids: if this script is killed outright, the next run stops what it left.
# The parts live in deploy/start/: config.sh, prereqs.sh, build.sh, services.sh, children.sh.
set -euo pipefail

if ((BASH_VERSINFO[0] < 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] < 1))); then
  echo "[start] ERROR: bash 5.1 or newer is needed (this is $BASH_VERSION)." >&2
  exit 1
fi

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
cd "$ROOT"
for part in common config prereqs build services children; do
  # shellcheck source=/dev/null  # each part is checked on its own
  . "$ROOT/deploy/start/$part.sh"
done

[[ $# -eq 0 || $* == --build-only ]] || { echo "usage: ./start.sh [--build-only]  (see the top of start.sh)" >&2; exit 2; }
trap_signals       # INT, TERM, HUP: stop everything in order (a second signal: kill at once); also on any exit
load_config        # .env.local, then defaults
check_prereqs      # dotnet, nats-server
if [[ ${1:-} == --build-only ]]; then build_all; exit 0; fi
claim_run_dir      # stop what a killed earlier run left (.run/start.pids), record this run
build_all          # the services and the frontend (GENIE_SKIP_BUILD=1: no build)
detect_workspace   # demo mode or a workspace: the responder decides (--print-workspace)
check_ports        # every port free, else stop before starting anything

# The .NET services: no telemetry banner, and a build server is never started by running a dll.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
start_nats
start_emulator
start_responder
start_bridge

wait_until_ready
say "GenieCanvas is ready: http://127.0.0.1:$BRIDGE_PORT   (Ctrl+C stops everything)"
supervise
