#!/usr/bin/env bash
# Installs what GenieCanvas needs beyond the .NET SDK and Node/npm, from Debian's archive.
# Idempotent: installs only what is missing.
# Usage: deploy/install-prereqs.sh [--with-browser] [--with-shellcheck] [--with-bench]   (test.sh: the first two)
set -euo pipefail

want=()
command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || want+=(nats-server)
for arg in "$@"; do
  case "$arg" in
    --with-browser)
      [ -x /usr/bin/chromium ] || want+=(chromium)
      # A recommended package of chromium's, named so that pages and screenshots have real fonts.
      dpkg -s fonts-liberation >/dev/null 2>&1 || want+=(fonts-liberation) ;;
    --with-shellcheck) command -v shellcheck >/dev/null 2>&1 || want+=(shellcheck) ;;
    --with-bench) command -v wrk >/dev/null 2>&1 || want+=(wrk) ;;
    *) echo "install-prereqs: unknown option $arg" >&2; exit 2 ;;
  esac
done

[ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "GenieCanvas needs: ${want[*]}. Install with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${want[*]}" >&2
  exit 1
fi

echo "Installing from Debian: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
