# shellcheck shell=bash
# start.sh's children (sourced, not run): start them, record them in $PID_FILE, supervise them, stop them on any
# signal, and stop what a previous run left behind (start.sh killed with SIGKILL, OOM, a closed terminal).

declare -A PID_OF=()    # name -> pid
declare -A NAME_OF=()   # pid -> name, for the children still running
declare -A MARK_OF=()   # pid -> a word its command line holds (how a pid in $PID_FILE is known to be ours)
PREFIXERS=()            # pids of the output prefixers, waited for last so no log line is lost
STOPPING=0
OWN_PID_FILE=0

alive() { kill -0 "$1" 2>/dev/null; }

# Microseconds since the epoch: a deadline as exact as the grace the responder is promised (SECONDS is whole).
now_us() { echo "${EPOCHREALTIME/[.,]/}"; }

# Field 22 of /proc/PID/stat: when the process started. With the pid it names one process, never a reused pid.
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0; s=${s##*) }; read -ra s <<<"$s"; echo "${s[19]}"; }

# is_ours PID START MARK: the process still runs, started then, and its command line holds MARK.
is_ours() {
  local cmd
  [[ $(start_time "$1") == "$2" ]] || return 1
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ -n $cmd && $cmd == *"$3"* ]]
}

# $PID_FILE, one line per process: PID START NAME MARK. The first line is start.sh itself.
record() { echo "$1 $(start_time "$1") $2 $3" >>"$PID_FILE"; }

# Stops what the run recorded in $PID_FILE left running (only processes whose start time and command line match),
# then claims the file for this run. Another start.sh still running on the same GENIE_RUN_DIR is an error.
claim_run_dir() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  local pid start name mark pids=()
  if [[ -f $PID_FILE ]]; then
    while read -r pid start name mark; do
      if [[ $name == start.sh ]] && is_ours "$pid" "$start" "$mark"; then
        fail "another start.sh (pid $pid) runs with GENIE_RUN_DIR=$RUN_DIR: stop it first (Ctrl+C there, or kill $pid)."
      fi
    done <"$PID_FILE"
    while read -r pid start name mark; do
      if [[ $name == start.sh ]] || ! is_ours "$pid" "$start" "$mark"; then continue; fi
      say "a previous run left $name (pid $pid) running: stopping it"
      pids+=("$pid")
    done <"$PID_FILE"
    stop_pids "${pids[@]}"
  fi
  : >"$PID_FILE"
  OWN_PID_FILE=1
  record $$ start.sh start.sh
}

# start_child NAME MARK COMMAND...: runs COMMAND in the background with stdout+stderr prefixed "[NAME] " and
# copied to $LOG_DIR/NAME.log. $! is the real child (not a pipeline), so signals reach the service itself.
# The child gets its own session (setsid, which execs in place: same pid), so a Ctrl+C in the terminal
# reaches only this script, which then stops the children in order (services before the bus) instead of
# racing them as they all react to the same SIGINT.
start_child() {
  local name=$1 mark=$2 out
  shift 2
  : >"$LOG_DIR/$name.log"
  # The prefixer ignores INT/TERM/HUP: on Ctrl+C it must keep printing the services' shutdown lines and
  # end by itself when its child closes the pipe.
  exec {out}> >(trap '' INT TERM HUP; tee -a "$LOG_DIR/$name.log" | sed -u "s/^/[$name] /")
  PREFIXERS+=("$!")
  setsid "$@" >&"$out" 2>&1 </dev/null &
  PID_OF[$name]=$!
  NAME_OF[$!]=$name
  MARK_OF[$!]=$mark
  record "$!" "$name" "$mark"
  exec {out}>&-   # only the child holds the pipe now, so the prefixer ends with it
  say "started $name (pid ${PID_OF[$name]})"
}

# stop_pids PID...: TERM, then KILL after $STOP_GRACE seconds; waits until each has gone (reaps our children).
stop_pids() {
  (($#)) || return 0
  local pid deadline
  kill -TERM "$@" 2>/dev/null || true
  deadline=$(($(now_us) + STOP_GRACE * 1000000))
  for pid in "$@"; do
    while alive "$pid" && (($(now_us) < deadline)); do sleep 0.1; done
    if alive "$pid"; then
      say "${NAME_OF[$pid]:-pid $pid} did not stop within ${STOP_GRACE}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || while alive "$pid"; do sleep 0.05; done   # not our child: poll
    unset "NAME_OF[$pid]"
  done
}

stop_children() {
  local name pid pids=()
  for name in "$@"; do
    pid=${PID_OF[$name]:-}
    [[ -n $pid && -n ${NAME_OF[$pid]:-} ]] && alive "$pid" && pids+=("$pid")
  done
  stop_pids "${pids[@]}"
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
  ((OWN_PID_FILE)) && rm -f "$PID_FILE"
  ((${#PID_OF[@]})) && say "stopped"
  return 0
}

# A second signal while stopping: kill every child still running now, reap them, and go.
kill_all_now() {
  local pid
  for pid in "${!NAME_OF[@]}"; do
    is_ours "$pid" "$(start_time "$pid")" "${MARK_OF[$pid]}" && kill -KILL "$pid" 2>/dev/null
  done
  for pid in "${!NAME_OF[@]}"; do wait "$pid" 2>/dev/null || true; done
  NAME_OF=()
  ((OWN_PID_FILE)) && rm -f "$PID_FILE"
  say "stopped (killed)"
}

# on_signal NAME EXIT_CODE: the first signal stops in order; a second one (a second Ctrl+C) kills at once.
on_signal() {
  if ((STOPPING)); then
    say "received SIG$1 again: killing everything now"
    kill_all_now
    exit "$2"
  fi
  printf '\n' 2>/dev/null || true
  say "received SIG$1"
  stop_all
  exit "$2"
}

# Exit codes 128 + the signal's number, as a shell reports a command ended by that signal.
trap_signals() {
  trap 'on_signal INT 130' INT
  trap 'on_signal TERM 143' TERM
  trap 'on_signal HUP 129' HUP   # the terminal closed
  trap 'stop_all' EXIT
}

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
