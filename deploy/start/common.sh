# shellcheck shell=bash
# Small helpers every part of start.sh uses (sourced by start.sh, not run).

# say/fail never fail themselves: after SIGHUP the terminal is gone and a write to it must not abort a stop.
say() { printf '[start] %s\n' "$*" 2>/dev/null || true; }
fail() { printf '[start] ERROR: %s\n' "$*" >&2 2>/dev/null || true; exit 1; }

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
