#!/usr/bin/env bash
# Ask benchmark (issue 10; not part of the test suite), on the stack as users run it: ./start.sh in demo mode (its
# build, its logging as shipped, the emulator at STEP ms per Genie step). Sends bursts of N concurrent asks
# (POST /api/genie/ask, JSON mode) while another process sends sequential GET /api/genie/get, and prints for each
# burst the asks' outcome, the gets' p50/p99/max, each service's CPU during the burst and the responder's peak RSS.
# The first burst meets a freshly started stack: .NET's tiered compilation recompiles about a thousand methods per
# service during the first two bursts (Tier0 -> instrumented -> optimized), competing for the cores. The verdict is
# on the last burst, after WARMUP bursts; the first burst's figures are printed too.
# Usage: tests/bench/ask-bench.sh [asks=100] [step-ms=300]
# Knobs: WARMUP (bursts before the measured one, default 4), GENIE_SKIP_BUILD=1 (start.sh builds nothing),
#        BENCH_ENV="NAME=value ..." (extra lines for start.sh's env file, for A/B runs).
set -euo pipefail
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
cd "$root"
asks="${1:-100}"; step="${2:-300}"; warmup="${WARMUP:-4}"

# start.sh's env file, as a user's .env.local: free ports, the Genie step, and any BENCH_ENV lines.
bridge_port=$(free_port)
read -ra extra <<<"${BENCH_ENV:-}"
{
  echo "BRIDGE_PORT=$bridge_port"
  echo "NATS_PORT=$(free_port)"
  echo "NATS_MONITOR_PORT=$(free_port)"
  echo "EMULATOR_PORT=$(free_port)"
  echo "EMULATOR_GENIE_STEP_MS=$step"
  for line in "${extra[@]}"; do echo "$line"; done
} >"$scratch/env.local"
echo "== ./start.sh (demo mode, Genie step $step ms)"
# Demo mode whatever this shell holds: no workspace, no profile, no other bus.
env -u DATABRICKS_HOST -u DATABRICKS_TOKEN -u DATABRICKS_CLIENT_ID -u DATABRICKS_CLIENT_SECRET -u DATABRICKS_CONFIG_PROFILE \
  -u NATS_URL DATABRICKS_CONFIG_FILE=/nonexistent GENIE_ENV_FILE="$scratch/env.local" GENIE_RUN_DIR="$scratch/run" \
  ./start.sh >"$scratch/start.out" 2>&1 &
start_sh=$!
pids+=("$start_sh")   # stop_all TERMs it: start.sh then stops everything it started
until grep -q "GenieCanvas is ready" "$scratch/start.out"; do
  kill -0 "$start_sh" 2>/dev/null || { echo "bench: start.sh ended before ready:" >&2; tail -n 40 "$scratch/start.out" >&2; exit 1; }
  sleep 0.05
done
child_pid() { sed -n "s/^\[start\] started $1 (pid \([0-9]*\)).*/\1/p" "$scratch/start.out" | tail -n 1; }
service_pids=()
for name in responder emulator bridge nats; do
  pid=$(child_pid "$name")
  [[ -n $pid ]] || { echo "bench: start.sh printed no pid for $name (not in demo mode?):" >&2; tail -n 40 "$scratch/start.out" >&2; exit 1; }
  service_pids+=("$pid")
done
# The emulator loads its demo warehouse on the first question: not part of the figures.
curl -fsS --max-time 60 -H 'Content-Type: application/json' -d '{"space_id":"01f0eca3dc1b1cbc9b65fa58f94c18ad","question":"What is the average order value by sales channel?"}' \
  "http://127.0.0.1:$bridge_port/api/genie/ask" >/dev/null

echo "== bursts of $asks concurrent asks, sequential gets at the same time ($(nproc) cores shared by all processes, $warmup warm-up bursts)"
python3 - "$bridge_port" "$asks" "$warmup" "${service_pids[@]}" <<'PY'
import json, multiprocessing, os, sys, threading, time, urllib.request
port, asks, warmup = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
processes = dict(zip(["responder", "emulator", "bridge", "nats-server"], sys.argv[4:8]))
base = f"http://127.0.0.1:{port}"
questions = ["What was total revenue last quarter by region?", "What is the average order value by sales channel?",
             "Which region has the highest return rate?", "How many new customers did we acquire each month this year?"]

def cpu(pid):  # user + system seconds of a process so far
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def ask(i, results):
    body = json.dumps({"space_id": "01f0eca3dc1b1cbc9b65fa58f94c18ad", "question": questions[i % len(questions)]}).encode()
    req = urllib.request.Request(base + "/api/genie/ask", body, {"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=180) as r:
            ok = r.status == 200 and json.load(r)["status"] == "COMPLETED"
    except Exception:
        ok = False
    results.append((ok, time.perf_counter() - start))

# The gets run in a process of their own: in this one they would wait for the ask threads' interpreter lock and
# measure the client rather than the service.
def get_loop(stop, out):
    times, failed = [], 0
    try:
        while not stop.is_set():
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(base + "/api/genie/get?space_id=01f0a7a327cd11978f2951f81a61bfdd", timeout=15) as r:
                    r.read()
            except Exception:
                failed += 1
                continue
            times.append(time.perf_counter() - start)
    finally:
        out.put((times, failed))

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000

def burst():
    results, rss, done = [], [0], threading.Event()
    def memory():
        while not done.is_set():
            for line in open(f"/proc/{processes['responder']}/status"):
                if line.startswith("VmRSS:"):
                    rss[0] = max(rss[0], int(line.split()[1]))
            time.sleep(0.2)
    stop, out = multiprocessing.Event(), multiprocessing.Queue()
    getter = multiprocessing.Process(target=get_loop, args=(stop, out))
    getter.start()
    time.sleep(0.3)  # the getter is running
    watcher = threading.Thread(target=memory)
    watcher.start()
    before = {name: cpu(pid) for name, pid in processes.items()}
    start = time.perf_counter()
    workers = [threading.Thread(target=ask, args=(i, results)) for i in range(asks)]
    for t in workers: t.start()
    for t in workers: t.join()
    wall = time.perf_counter() - start
    used = {name: cpu(pid) - before[name] for name, pid in processes.items()}
    done.set(); stop.set()
    gets, failed = out.get(timeout=60)
    gets = gets or [float("inf")]  # none answered: the verdict must not pass
    getter.join(); watcher.join()
    durations = [d for _, d in results]
    return {"ok": sum(ok for ok, _ in results), "wall": wall, "ask_p50": pct(durations, .5) / 1000, "ask_max": max(durations),
            "gets": len(gets), "failed": failed, "p50": pct(gets, .5), "p99": pct(gets, .99), "max": max(gets) * 1000, "cpu": used,
            "cores": wall * os.cpu_count(), "rss": rss[0] / 1024}

def line(name, b):
    cpu_text = ", ".join(f"{k} {v:.2f} s" for k, v in b["cpu"].items())
    return (f"{name}: asks {b['ok']}/{asks} completed in {b['wall']:.1f} s (per ask p50 {b['ask_p50']:.2f} s, max {b['ask_max']:.2f} s); "
            f"gets {b['gets']} ({b['failed']} failed): p50 {b['p50']:.2f} ms, p99 {b['p99']:.2f} ms, max {b['max']:.1f} ms\n"
            f"    CPU {cpu_text} (of {b['cores']:.1f} core-seconds); responder peak RSS {b['rss']:.0f} MiB")

for i in range(warmup):
    print(line(f"warm-up burst {i + 1}" + (" (cold stack)" if i == 0 else ""), burst()), flush=True)
    time.sleep(1)
measured = burst()
print(line("measured burst", measured))
verdict = measured["ok"] == asks and measured["failed"] == 0 and measured["p99"] <= 10
print(f"{'MET' if verdict else 'NOT MET'}: {measured['ok']}/{asks} asks completed, {measured['failed']} gets failed, gets p99 {measured['p99']:.2f} ms (target <= 10 ms)")
PY
