# shellcheck shell=bash
# How start.sh runs each process (sourced, not run): its command line and the environment only it gets.

# shellcheck disable=SC2034  # build.sh checks that each is built
SERVICES=(GenieCanvas.DatabricksEmulator GenieCanvas.Responder GenieCanvas.Bridge)

# nats-server with JetStream (flows live in its key-value store) under $NATS_STORE_DIR, unless NATS_URL names
# an external server or cluster.
start_nats() {
  if [[ -n ${NATS_URL:-} ]]; then
    # A URL may carry user:password@; never print that part.
    say "using the NATS server(s) at NATS_URL=$(sed -E 's#//[^/@,]*@#//***@#g' <<<"$NATS_URL") (no local nats-server)"
    return 0
  fi
  # The shipped config with its store_dir (for systemd) replaced by ours: nats-server refuses both -sd and store_dir.
  case $NATS_STORE_DIR in *'"'* | *\\* | *$'\n'*)
    fail "GENIE_NATS_STORE_DIR may not hold a quote, a backslash or a newline (it is '$NATS_STORE_DIR')." ;;
  esac
  mkdir -p "$NATS_STORE_DIR"
  local config=$RUN_DIR/nats-server.conf
  if nats_auth_enabled; then
    # deploy/nats/auth.conf with this run's passwords (nats-auth.sh); the ports and address below win over its own.
    config=$RUN_DIR/nats-auth.conf
    write_auth_config "$config"
    say "NATS authentication on (GENIE_NATS_AUTH=1): users responder and bridge with this run's passwords ($config, mode 600); anonymous clients are refused"
  else
    with_our_store_dir "$ROOT/deploy/nats/nats-server.conf" >"$config"
  fi
  start_child --log nats nats-server "$NATS_SERVER" -c "$config" \
    -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR_PORT"
  export NATS_URL="nats://127.0.0.1:$NATS_PORT"
}

# Prints a shipped nats-server config with its store_dir (for systemd) replaced by $NATS_STORE_DIR.
with_our_store_dir() {
  local line
  while IFS= read -r line; do
    [[ $line =~ ^[[:space:]]*store_dir: ]] && line="  store_dir: \"$NATS_STORE_DIR\""
    printf '%s\n' "$line"
  done <"$1"
}

# `env` arguments for the responder: variables it must not inherit (-u NAME), then the ones it gets.
RESPONDER_ENV=()

# Demo mode: the local Databricks emulator. Only the responder learns its address and token: no leftover
# DATABRICKS_* setting (an auth type, a client id, a config file or profile) may compete with them or break the demo.
start_emulator() {
  if ((!DEMO)); then
    say "Databricks workspace: $WORKSPACE_SOURCE"
    return 0
  fi
  demo_banner
  EMULATOR_TOKEN=${EMULATOR_TOKEN:-dapi-emulator-demo}
  start_child emulator GenieCanvas.DatabricksEmulator.dll env "EMULATOR_TOKEN=$EMULATOR_TOKEN" \
    dotnet "$(dll_of GenieCanvas.DatabricksEmulator)" --urls "http://127.0.0.1:$EMULATOR_PORT"
  local variable
  for variable in $(compgen -e DATABRICKS_ || true); do RESPONDER_ENV+=(-u "$variable"); done
  RESPONDER_ENV+=("DATABRICKS_HOST=http://127.0.0.1:$EMULATOR_PORT" "DATABRICKS_TOKEN=$EMULATOR_TOKEN" "Responder__Demo=true")
  export GENIE_DEFAULT_SPACE_ID=${GENIE_DEFAULT_SPACE_ID:-01f0eca3dc1b1cbc9b65fa58f94c18ad}
}

start_responder() {
  # After SIGTERM the responder lets requests in flight finish for Responder__ShutdownGrace (its default: 10 s);
  # start.sh KILLs after STOP_GRACE. One second less, so it always ends on its own. A value you set wins.
  if [[ -z ${Responder__ShutdownGrace:-} ]]; then
    local grace=$((STOP_GRACE > 1 ? STOP_GRACE - 1 : 0))
    RESPONDER_ENV+=("Responder__ShutdownGrace=$(printf '%02d:%02d:%02d' $((grace / 3600)) $((grace % 3600 / 60)) $((grace % 60)))")
  fi
  nats_login responder   # GENIE_NATS_AUTH=1: its own user and password, in its environment only
  start_child responder GenieCanvas.Responder.dll env "${RESPONDER_ENV[@]}" dotnet "$(dll_of GenieCanvas.Responder)"
  nats_logout
}

# The frontend this script built, unless .env.local points the bridge at another copy.
start_bridge() {
  nats_login bridge
  start_child bridge GenieCanvas.Bridge.dll env "BRIDGE_PORT=$BRIDGE_PORT" \
    "Bridge__FrontendPath=${Bridge__FrontendPath:-$ROOT/frontend/dist}" dotnet "$(dll_of GenieCanvas.Bridge)"
  nats_logout
}
