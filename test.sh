#!/usr/bin/env bash
# Runs every GenieCanvas test on a fresh machine: installs what is missing (nats-server, chromium, npm packages),
# builds the frontend and the solution, runs the frontend unit tests and every xunit suite against real processes.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

deploy/install-prereqs.sh --with-browser

echo "== frontend: npm ci, lint, unit tests, build"
(cd frontend && npm ci --no-audit --no-fund && npm run lint && npm test && npm run build)

echo "== .NET: build"
dotnet build GenieCanvas.sln -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:minimal

echo "== .NET: tests"
results=artifacts/test-results
rm -rf "$results"
status=0
# One suite at a time (-m:1): the suites start real processes and measure latencies; on 2 cores, running them side
# by side only makes each slower and their timing-based expectations noisier.
dotnet test GenieCanvas.sln -c Release --no-build -nodeReuse:false -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

# A plain closing line that CI can read, summed over every suite's TRX file.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
[ "$status" -eq 0 ] || echo "dotnet test exited with $status (a test host crashed or a suite aborted: see above)" >&2
exit "$status"
