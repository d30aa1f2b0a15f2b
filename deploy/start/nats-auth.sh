# shellcheck shell=bash
# GENIE_NATS_AUTH=1: start.sh's own nats-server runs deploy/nats/auth.conf (a user per service, least privilege,
# nobody anonymous) with passwords made for this run only. Sourced by start.sh, not run.
# Without it the local server takes any client: anything running on this machine, as any user, may publish on
# genie.* (ask the responder to call Databricks) or pose as a responder. The passwords live in this shell
# (never exported, printed or logged), in the run's server config (mode 600) and, one each, in the environment of
# the service they belong to: never on a command line, where every local user could read them (ps).

declare -A NATS_PASSWORD_OF=()   # NATS user -> this run's password

nats_auth_enabled() {
  case ${GENIE_NATS_AUTH:-0} in
    1) return 0 ;;
    0 | '') return 1 ;;
    *) fail "GENIE_NATS_AUTH must be 1 (bus authentication on) or 0 (it is '$GENIE_NATS_AUTH')." ;;
  esac
}

# Called before anything starts: the combinations that cannot work stop start.sh with one clear line.
check_nats_auth() {
  nats_auth_enabled || return 0
  [[ -z ${NATS_URL:-} ]] ||
    fail "GENIE_NATS_AUTH=1 configures the nats-server start.sh starts, but NATS_URL names another one: unset one of them (an external server's users are configured there; deploy/README.md)."
  local variable
  for variable in NATS_USER NATS_PASSWORD NATS_TOKEN NATS_CREDS; do
    [[ -z ${!variable:-} ]] ||
      fail "GENIE_NATS_AUTH=1 makes each service's NATS credentials itself: unset $variable (in .env.local or the environment)."
  done
}

# "p" and 48 hex digits (192 bits): letter first and no punctuation, as nats-server's config syntax needs (auth.conf).
new_password() { printf 'p%s' "$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"; }

# write_auth_config FILE: deploy/nats/auth.conf with this run's store and passwords, readable by this user only.
# The passwords are config variables at the top, which auth.conf's $RESPONDER_NATS_PASSWORD and
# $BRIDGE_NATS_PASSWORD then name (nats-server looks a variable up in the file before the environment).
write_auth_config() {
  local file=$1
  NATS_PASSWORD_OF=([responder]=$(new_password) [bridge]=$(new_password))
  rm -f "$file"   # a new file, so it gets umask 077's mode even where an older one was readable
  (
    umask 077
    {
      printf '# Written by start.sh (GENIE_NATS_AUTH=1) for one run, from deploy/nats/auth.conf. Secret: mode 600.\n'
      printf 'RESPONDER_NATS_PASSWORD: "%s"\n' "${NATS_PASSWORD_OF[responder]}"
      printf 'BRIDGE_NATS_PASSWORD: "%s"\n' "${NATS_PASSWORD_OF[bridge]}"
      with_our_store_dir "$ROOT/deploy/nats/auth.conf"   # services.sh
    } >"$file"
  )
  chmod 600 "$file"
}

# nats_login USER: the next child started gets NATS_USER=USER and that user's password in its environment
# (start_child forks at once, so the child keeps them); nats_logout takes them out of this shell again.
nats_login() {
  nats_auth_enabled || return 0
  export NATS_USER=$1 NATS_PASSWORD=${NATS_PASSWORD_OF[$1]}
}

nats_logout() {
  nats_auth_enabled || return 0
  unset NATS_USER NATS_PASSWORD
}
