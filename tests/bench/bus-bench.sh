#!/usr/bin/env bash
# Bus benchmark (not part of the test suite): starts nats-server, the Databricks emulator and one genie responder
# (Release builds, loopback), then measures genie.get through the bus: sequential round-trip latency (p50/p99)
# and requests/s with 32 concurrent requesters. Stops everything it started, also on Ctrl+C.
# Usage: tests/bench/bus-bench.sh [sequential-requests=2000] [concurrency=32] [seconds=10]
set -euo pipefail
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
cd "$root"
sequential="${1:-2000}"; concurrency="${2:-32}"; seconds="${3:-10}"
wait_for() { # file marker seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; return 1
}

echo "== build (Release)"
for project in services/genie-responder/GenieCanvas.Responder.csproj \
               services/databricks-emulator/GenieCanvas.DatabricksEmulator.csproj \
               tests/bench/BusBench/GenieCanvas.BusBench.csproj; do
  dotnet build "$project" -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:quiet -nologo >"$scratch/build.log" 2>&1 \
    || { cat "$scratch/build.log" >&2; exit 1; }
done
bin="$root/artifacts/bin"

nats_port="$(free_port)"; emulator_port="$(free_port)"
token="dapi-bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo "== start nats-server :$nats_port, emulator :$emulator_port, responder"
"$nats_server" -a 127.0.0.1 -p "$nats_port" -m -1 >"$scratch/nats.log" 2>&1 & pids+=($!)
wait_for "$scratch/nats.log" "Server is ready" 10

EMULATOR_TOKEN="$token" Serilog__MinimumLevel__Default=Warning \
  dotnet "$bin/GenieCanvas.DatabricksEmulator/release/GenieCanvas.DatabricksEmulator.dll" --urls "http://127.0.0.1:$emulator_port" \
  >"$scratch/emulator.log" 2>&1 & pids+=($!)
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$emulator_port/_emulator/health" >/dev/null 2>&1 && break; sleep 0.1; done

NATS_URL="nats://127.0.0.1:$nats_port" DATABRICKS_HOST="http://127.0.0.1:$emulator_port" DATABRICKS_TOKEN="$token" \
  DATABRICKS_CONFIG_FILE=/nonexistent \
  dotnet "$bin/GenieCanvas.Responder/release/GenieCanvas.Responder.dll" >"$scratch/responder.log" 2>&1 & pids+=($!)
wait_for "$scratch/responder.log" "Genie responder ready" 30

# Every fixture space, so concurrent requesters mostly ask for different spaces (identical ones share an upstream call).
read -ra spaces <<<"$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$emulator_port/api/2.0/genie/spaces?page_size=200" \
  | python3 -c 'import json,sys; print(" ".join(s["space_id"] for s in json.load(sys.stdin)["spaces"]))')"
curl -fsS -XPOST "http://127.0.0.1:$emulator_port/_emulator/reset" >/dev/null

echo "== measure genie.get over the bus (responder -> emulator over HTTP on loopback; $(nproc) cores shared by all processes)"
status=0
dotnet "$bin/GenieCanvas.BusBench/release/GenieCanvas.BusBench.dll" "nats://127.0.0.1:$nats_port" "$sequential" "$concurrency" "$seconds" "${spaces[@]}" || status=$?
calls=$(curl -fsS "http://127.0.0.1:$emulator_port/_emulator/calls" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
handled=$(grep -c "Handled genie.get" "$scratch/responder.log" || true)
echo "responder handled $handled requests with $calls upstream calls (the rest shared a concurrent call for the same space)"
exit "$status"
