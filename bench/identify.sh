#!/usr/bin/env bash
# Subscriber identification throughput (issue #9, goal >= 10,000 per minute): starts the reference operator
# (./pdshield operator-sim) and a messenger-side driver (io.pdshield.bench.IdentifyBench: Accounts on an
# embedded H2 store in a temporary directory, operator callbacks on its own HTTP port), all on loopback,
# and prints the identifications completed per minute.
# Usage: bench/identify.sh [SECONDS]    env: CONCURRENCY (32), DELAY_MS (20, the operator's answer delay),
#        FAILURE_RATE (0.05), SIM_PORT (18099), WARMUP (15: the JIT compilers finish meanwhile), DB (a JDBC URL instead of the embedded H2 store)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-20}"
port="${SIM_PORT:-18099}"
secret="identify-bench-$RANDOM$RANDOM-0123456789abcdef"

./pdshield --version >/dev/null                       # builds cli/target/pdshield.jar when needed
mvn -q -DskipTests package -pl bench -am 1>&2        # bench/target/benchmarks.jar (the driver)

log="$(mktemp -t operator-sim.XXXXXX.log)"
sim_args=(--port "$port" --secret "$secret" --delay-ms "${DELAY_MS:-20}" --failure-rate "${FAILURE_RATE:-0.05}")
if ./pdshield --help 2>/dev/null | grep -q "operator-sim"; then
  ./pdshield operator-sim "${sim_args[@]}" >"$log" 2>&1 &
else # the pdshield main does not list the command yet: run it directly
  java -cp cli/target/pdshield.jar io.pdshield.cli.OperatorSimCommand "${sim_args[@]}" >"$log" 2>&1 &
fi
sim=$!
trap 'kill "$sim" 2>/dev/null || true; wait "$sim" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q "operator simulator on" "$log" && break
  kill -0 "$sim" 2>/dev/null || { cat "$log" >&2; echo "identify.sh: the simulator did not start" >&2; exit 1; }
  sleep 0.2
done
grep -q "operator simulator on" "$log" || { cat "$log" >&2; echo "identify.sh: the simulator did not start" >&2; exit 1; }
head -1 "$log"

driver_args=(--operator "http://127.0.0.1:$port" --secret "$secret" --seconds "$seconds" --warmup "${WARMUP:-15}" --concurrency "${CONCURRENCY:-32}")
[[ -n "${DB:-}" ]] && driver_args+=(--db "$DB")
sim_cpu0="$(ps -o times= -p "$sim" | tr -d ' ')"
java -cp bench/target/benchmarks.jar io.pdshield.bench.IdentifyBench "${driver_args[@]}" 2> >(grep -v -e ' INFO ' -e '^\s*$' >&2)
sim_cpu1="$(ps -o times= -p "$sim" | tr -d ' ')"
echo "simulator: $(curl -s "http://127.0.0.1:$port/v1/stats" 2>/dev/null || echo '?'); its CPU during the run: $((sim_cpu1 - sim_cpu0)) s"
echo "machine load (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
