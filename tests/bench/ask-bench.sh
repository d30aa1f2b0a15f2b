#!/usr/bin/env bash
# Ask benchmark (not part of the test suite): starts nats-server, the Databricks emulator (Genie steps of 0.3 s), one
# genie responder and the bridge (Release builds, loopback), sends N concurrent asks (POST /api/genie/ask, JSON mode)
# and, at the same time, sequential GET /api/genie/get requests (from a process of their own); prints the asks' outcome and duration, the gets'
# p50/p99 and the responder's peak memory. Stops everything it started, also on Ctrl+C.
# Usage: tests/bench/ask-bench.sh [asks=100] [step-ms=300]
set -euo pipefail
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
cd "$root"
asks="${1:-100}"; step="${2:-300}"
wait_for() { # file marker seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; return 1
}

echo "== build (Release)"
for project in services/genie-responder/GenieCanvas.Responder.csproj services/databricks-emulator/GenieCanvas.DatabricksEmulator.csproj \
               services/http-bridge/GenieCanvas.Bridge.csproj; do
  dotnet build "$project" -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:quiet -nologo >"$scratch/build.log" 2>&1 \
    || { cat "$scratch/build.log" >&2; exit 1; }
done
bin="$root/artifacts/bin"
nats_port="$(free_port)"; emulator_port="$(free_port)"; bridge_port="$(free_port)"
token="dapi-bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo "== start nats-server :$nats_port, emulator :$emulator_port (step $step ms), responder, bridge :$bridge_port"
"$nats_server" -a 127.0.0.1 -p "$nats_port" -m -1 >"$scratch/nats.log" 2>&1 & pids+=($!)
wait_for "$scratch/nats.log" "Server is ready" 10
EMULATOR_TOKEN="$token" EMULATOR_GENIE_STEP_MS="$step" Serilog__MinimumLevel__Default=Warning \
  dotnet "$bin/GenieCanvas.DatabricksEmulator/release/GenieCanvas.DatabricksEmulator.dll" --urls "http://127.0.0.1:$emulator_port" \
  >"$scratch/emulator.log" 2>&1 & pids+=($!)
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$emulator_port/_emulator/health" >/dev/null 2>&1 && break; sleep 0.1; done
NATS_URL="nats://127.0.0.1:$nats_port" DATABRICKS_HOST="http://127.0.0.1:$emulator_port" DATABRICKS_TOKEN="$token" \
  DATABRICKS_CONFIG_FILE=/nonexistent Serilog__MinimumLevel__Default=Warning \
  dotnet "$bin/GenieCanvas.Responder/release/GenieCanvas.Responder.dll" >"$scratch/responder.log" 2>&1 & pids+=($!)
responder_pid=$!
NATS_URL="nats://127.0.0.1:$nats_port" BRIDGE_PORT="$bridge_port" Serilog__MinimumLevel__Default=Warning \
  dotnet "$bin/GenieCanvas.Bridge/release/GenieCanvas.Bridge.dll" >"$scratch/bridge.log" 2>&1 & pids+=($!)
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$bridge_port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
# The emulator loads its demo warehouse on the first question: not part of the figures.
curl -fsS -H 'Content-Type: application/json' -d '{"space_id":"01f0eca3dc1b1cbc9b65fa58f94c18ad","question":"What is the average order value by sales channel?"}' \
  "http://127.0.0.1:$bridge_port/api/genie/ask" >/dev/null

echo "== $asks concurrent asks, sequential gets at the same time ($(nproc) cores shared by all processes)"
python3 - "$bridge_port" "$asks" "$responder_pid" <<'PY'
import json, multiprocessing, sys, threading, time, urllib.request
port, asks, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
base = f"http://127.0.0.1:{port}"
questions = ["What was total revenue last quarter by region?", "What is the average order value by sales channel?",
             "Which region has the highest return rate?", "How many new customers did we acquire each month this year?"]
results, gets, rss = [], [], [0]
done = threading.Event()
def ask(i):
    body = json.dumps({"space_id": "01f0eca3dc1b1cbc9b65fa58f94c18ad", "question": questions[i % len(questions)]}).encode()
    req = urllib.request.Request(base + "/api/genie/ask", body, {"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=180) as r:
            ok = r.status == 200 and json.load(r)["status"] == "COMPLETED"
    except Exception as e:
        ok = False
    results.append((ok, time.perf_counter() - start))
# The gets run in a process of their own: in this one they would wait for the 100 ask threads' interpreter lock,
# and measure the client rather than the service.
def get_loop(stop, out):
    times = []
    while not stop.is_set():
        start = time.perf_counter()
        with urllib.request.urlopen(base + "/api/genie/get?space_id=01f0a7a327cd11978f2951f81a61bfdd", timeout=15) as r:
            r.read()
        times.append(time.perf_counter() - start)
    out.put(times)
def memory():
    while not done.is_set():
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                rss[0] = max(rss[0], int(line.split()[1]))
        time.sleep(0.2)
for _ in range(50):  # warm the get path
    urllib.request.urlopen(base + "/api/genie/get?space_id=01f0a7a327cd11978f2951f81a61bfdd").read()
stop, out = multiprocessing.Event(), multiprocessing.Queue()
getter = multiprocessing.Process(target=get_loop, args=(stop, out))
getter.start()
bg = [threading.Thread(target=memory)]
for t in bg: t.start()
start = time.perf_counter()
workers = [threading.Thread(target=ask, args=(i,)) for i in range(asks)]
for t in workers: t.start()
for t in workers: t.join()
wall = time.perf_counter() - start
done.set()
stop.set()
gets = out.get()
getter.join()
for t in bg: t.join()
def pct(xs, p): xs = sorted(xs); return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000
durations = [d for _, d in results]
print(f"asks: {sum(ok for ok, _ in results)}/{asks} completed in {wall:.1f} s; per ask p50 {pct(durations, .5)/1000:.2f} s, max {max(durations):.2f} s")
print(f"gets during the asks: {len(gets)} sequential, p50 {pct(gets, .5):.2f} ms, p99 {pct(gets, .99):.2f} ms, max {max(gets)*1000:.2f} ms")
print(f"responder peak RSS: {rss[0] / 1024:.0f} MiB")
PY
