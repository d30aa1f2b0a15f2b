# shellcheck shell=bash
# start.sh's build step (sourced, not run): dotnet build and npm run build decide themselves what is stale (their
# incremental builds see a deleted or renamed file too), so both always run; an up-to-date build takes seconds.

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

# The three services in one MSBuild run (deploy/start/services.slnf). No MSBuild node or compiler server may
# outlive it.
build_services() {
  build_step "dotnet build ($CONFIGURATION)" \
    dotnet build "$ROOT/deploy/start/services.slnf" -c "$CONFIGURATION" -nologo -nodeReuse:false -p:UseSharedCompilation=false
}

build_frontend() {
  [[ -d $ROOT/frontend ]] || { say "no frontend/ folder: the bridge serves the API only"; return 0; }
  command -v npm >/dev/null 2>&1 ||
    fail "npm not found but frontend/ must be built. Install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm), then ./start.sh again."
  # npm ci wipes node_modules: only when package-lock.json changed since the last one.
  if [[ ! -f $ROOT/frontend/node_modules/.package-lock.json || $ROOT/frontend/package-lock.json -nt $ROOT/frontend/node_modules/.package-lock.json ]]; then
    build_step "npm ci" npm --prefix "$ROOT/frontend" ci --no-audit --no-fund
  fi
  build_step "npm run build" npm --prefix "$ROOT/frontend" run build
}

build_all() {
  mkdir -p "$LOG_DIR"
  : >"$LOG_DIR/build.log"
  if [[ ${GENIE_SKIP_BUILD:-0} != 1 ]]; then
    say "building (the first build restores packages and takes a minute; then only what changed)"
    build_services
    build_frontend
    return 0
  fi
  say "GENIE_SKIP_BUILD=1: using the binaries already in artifacts/bin/*/$PIVOT and frontend/dist"
  local assembly
  for assembly in "${SERVICES[@]}"; do
    [[ -f $(dll_of "$assembly") ]] || fail "$(dll_of "$assembly") is missing: run ./start.sh without GENIE_SKIP_BUILD."
  done
}
