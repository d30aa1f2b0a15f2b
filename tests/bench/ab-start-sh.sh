#!/usr/bin/env bash
# A/B of settings through ./start.sh (via-start-sh.sh), interleaved: round 1 runs every variant once, round 2 again,
# and so on, so a change in the machine's load hits every variant alike. Prints each run's SUMMARY line.
# Usage: tests/bench/ab-start-sh.sh 'label=NAME=value NAME=value' 'other=' ...   (an empty value: as shipped)
# Knobs: ROUNDS (default 2), DURATION (default 8), GENIE_SKIP_BUILD as for via-start-sh.sh.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
rounds=${ROUNDS:-2}
for ((round = 1; round <= rounds; round++)); do
  for variant in "$@"; do
    BENCH_LABEL=${variant%%=*} BENCH_ENV=${variant#*=} DURATION=${DURATION:-8} "$here/via-start-sh.sh" | grep '^SUMMARY' \
      || echo "SUMMARY ${variant%%=*} failed"
  done
done
