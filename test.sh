#!/usr/bin/env bash
# Runs every GenieCanvas test on a fresh machine: installs what is missing (nats-server, shellcheck, chromium, npm
# packages), checks every shell script with shellcheck, builds the frontend and the solution, runs the frontend unit
# tests (Vitest) and every xunit suite against real processes. Ends with one line: "N passed, N failed, N skipped".
#   ./test.sh                   everything
#   ./test.sh --shellcheck      only shellcheck on every shell script
#   ./test.sh --summary DIR     only the closing line, for the reports in DIR (vitest.json, *.trx)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# Runs shellcheck on *.sh and any other file whose first line is a sh/bash shebang (.ci/run); not what npm or dotnet brought.
check_scripts() {
  local scripts
  mapfile -t scripts < <(
    find . \( -name node_modules -o -name artifacts -o -name .git -o -name bin -o -name obj \) -prune -o -type f -print |
      while read -r file; do
        if [[ $file == *.sh ]] || head -n 1 "$file" 2>/dev/null | grep -qE '^#!.*[/ ](ba)?sh$'; then echo "$file"; fi
      done | sort
  )
  if shellcheck -x "${scripts[@]}"; then
    echo "shellcheck: ${#scripts[@]} scripts, clean"
  else
    echo "shellcheck found problems (above) in: ${scripts[*]}" >&2
    return 1
  fi
}

# summarize DIR: prints "N passed, N failed, N skipped" over Vitest's JSON report and every TRX file in DIR; returns
# 1 when a test failed or none ran.
summarize() {
  local results=$1 passed=0 failed=0 skipped=0 trx counters
  count() { passed=$((passed + $1)) failed=$((failed + $2)) skipped=$((skipped + $3)); }
  # attribute NAME TEXT: the number in NAME="..." of TEXT, or 0.
  attribute() { if [[ $2 =~ [[:space:]]$1=\"([0-9]+)\" ]]; then echo "${BASH_REMATCH[1]}"; else echo 0; fi; }
  # outcomes OUTCOME FILE: how many test results of FILE ended so.
  outcomes() { grep -o "<UnitTestResult [^>]*outcome=\"$1\"" "$2" | wc -l; }

  if [[ -f $results/vitest.json ]]; then
    # shellcheck disable=SC2046  # three numbers
    count $(node -e 'const r = require(process.argv[1]);
      console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests)' "$results/vitest.json")
  else
    echo "Vitest wrote no report ($results/vitest.json): counted as one failure" >&2
    count 0 1 0
  fi
  for trx in "$results"/*.trx; do
    [[ -f $trx ]] || continue
    if counters=$(grep -o '<Counters [^>]*>' "$trx"); then
      count "$(attribute passed "$counters")" "$(attribute failed "$counters")" "$(attribute notExecuted "$counters")"
    else
      # A run that aborted (a test host crash) may write results without the Counters summary.
      echo "$trx has no Counters element: counted from its test results" >&2
      count "$(outcomes Passed "$trx")" "$(outcomes Failed "$trx")" "$(outcomes NotExecuted "$trx")"
    fi
  done

  # Each failed test by name, just above the closing line (a CI log's tail keeps them in sight).
  node tests/failed-tests.mjs "$results" || echo "could not list the failed tests" >&2
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
  if ((passed == 0)); then
    echo "no test ran" >&2
    return 1
  fi
  ((failed == 0))
}

case ${1:-} in
  --shellcheck) check_scripts; exit ;;
  --summary) summarize "${2:?--summary needs the folder of the reports}"; exit ;;
  '') ;;
  *) echo "test.sh: unknown option $1 (see the top of test.sh)" >&2; exit 2 ;;
esac

deploy/install-prereqs.sh --with-browser --with-shellcheck

results=$PWD/artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
status=0

echo "== shellcheck: every shell script"
check_scripts || status=1

echo "== frontend: npm ci, lint, unit tests, build"
(cd frontend && npm ci --no-audit --no-fund)
(cd frontend && npm run lint) || status=$?
# The JSON report is what the closing line counts; the default reporter is what people read.
(cd frontend && npm test -- --reporter=default --reporter=json --outputFile.json="$results/vitest.json") || status=$?
(cd frontend && npm run build)

echo "== .NET: build"
dotnet build GenieCanvas.sln -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:minimal

echo "== .NET: tests"
# One suite at a time (-m:1): the suites start real processes and measure latencies; on 2 cores, running them side
# by side only makes each slower and their timing-based expectations noisier.
dotnet test GenieCanvas.sln -c Release --no-build -nodeReuse:false -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

summarize "$results" || { ((status)) || status=1; }
((status == 0)) || echo "test.sh exits with $status: shellcheck, a test, a test host or a suite failed (see above)" >&2
exit "$status"
