#!/usr/bin/env bash
# HTTP load on the service's Presidio-compatible POST /analyze with wrk: requests/s and latency
# percentiles, on a fresh embedded store with rate limits off.
#
#   bench/wrk-analyze.sh            # wrk -t2 -c16 -d30s --latency after a 60 s warm-up
#
# Environment: WRK_DURATION (30s), WRK_THREADS (2), WRK_CONNECTIONS (16), WRK_WARMUP (60s; 0 = none),
# WRK_BODIES (32), WRK_TEXT_BYTES (1000), WRK_SEED (1), PDSHIELD_JAVA_OPTS (the server's JVM options).
#
# The bodies are synthetic: generated Russian doxxing posts from the testkit's CorpusGenerator (in the
# fat jar; fake people, checksum-valid fake SNILS/INN/passport/card numbers), concatenated to about
# WRK_TEXT_BYTES bytes (UTF-8) each; every body is checked once (HTTP 200, at least one entity) before
# the run. wrk (Debian package `wrk`) is installed if missing. The server runs on 127.0.0.1 on a free
# port with its own temporary data and key directories, and is stopped on exit (also on Ctrl-C/failure).
# The warm-up is long on purpose: the detector is a lot of code, and after 10 s on a busy 2-core machine
# the C2 compiler was still busy (server CPU ~630 us per request instead of ~190 us at steady state).
# The last line is machine-readable: "wrk-analyze: rps=... p50_ms=... p99_ms=... errors=...".
# Exit status 1 when any response was not 2xx or any socket error occurred.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${WRK_DURATION:-30s}"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-16}"
warmup="${WRK_WARMUP:-60s}"
nbodies="${WRK_BODIES:-32}"
textbytes="${WRK_TEXT_BYTES:-1000}"
seed="${WRK_SEED:-1}"

log() { echo "wrk-analyze: $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "installing wrk ..."
  (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq wrk) >/dev/null 2>&1 \
    || { log "could not install wrk (apt-get install -y wrk)"; exit 1; }
fi

"$root/pdshield" --version >/dev/null   # builds cli/target/pdshield.jar now when needed, not while the server starts
jar="$root/cli/target/pdshield.jar"

tmp="$(mktemp -d -t pdshield-wrk.XXXXXX)"
server=""
cleanup() {
  local rc=$?
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- request bodies: {"text": ..., "language": "ru"}, one JSON object per line
cat > "$tmp/Bodies.java" <<'JAVA'
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.Label;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bodies.java OUT N BYTES SEED: N /analyze bodies of about BYTES bytes of synthetic posts with personal data. */
public class Bodies {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[1]), bytes = Integer.parseInt(a[2]);
        Corpus c = CorpusGenerator.ofMessages(Long.parseLong(a[3]), 12, 200).generate();
        List<String> texts = new ArrayList<>();
        for (CorpusSource s : c.sources()) {
            if (s.info().label() == Label.BENIGN) continue;
            for (CorpusMessage m : s.messages()) {
                if (!m.service() && !m.spans().isEmpty() && m.text().length() < bytes / 2) texts.add(m.text().strip());
            }
        }
        if (texts.isEmpty()) throw new IllegalStateException("no posts with personal data");
        ObjectMapper json = new ObjectMapper();
        int next = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(a[0]), StandardCharsets.UTF_8))) {
            for (int i = 0; i < n; i++) {
                // posts joined until about BYTES: at least 90 %, a post that would pass 110 % is left for the next body
                StringBuilder sb = new StringBuilder();
                int size = 0;
                for (int tries = 0; size < bytes * 0.9 && tries < texts.size(); tries++) {
                    String t = texts.get(next++ % texts.size());
                    int add = t.getBytes(StandardCharsets.UTF_8).length + (size == 0 ? 0 : 2);
                    if (size > 0 && size + add > bytes * 1.1) continue;
                    sb.append(size == 0 ? "" : "\n\n").append(t);
                    size += add;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text", sb.toString());
                body.put("language", "ru");
                out.println(json.writeValueAsString(body));
            }
        }
    }
}
JAVA
java -cp "$jar" "$tmp/Bodies.java" "$tmp/bodies.jsonl" "$nbodies" "$textbytes" "$seed"

# ---- the server: fresh store, rate limits off, any free port
PDSHIELD_JAVA_OPTS="${PDSHIELD_JAVA_OPTS:-}" "$root/pdshield" serve --port 0 --data "$tmp/data" --keys "$tmp/keys" \
  --rate-limit 0 > "$tmp/server.log" 2>&1 &
server=$!
port=""
for _ in $(seq 600); do
  port="$(grep -oE 'serving on http://127\.0\.0\.1:[0-9]+' "$tmp/server.log" | grep -oE '[0-9]+$' || true)"
  [[ -n "$port" ]] && curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break
  if ! kill -0 "$server" 2>/dev/null; then log "the server did not start:"; cat "$tmp/server.log" >&2; exit 1; fi
  port=""
  sleep 0.1
done
[[ -n "$port" ]] || { log "the server did not answer /health within 60 s:"; cat "$tmp/server.log" >&2; exit 1; }
url="http://127.0.0.1:$port"
log "server pid $server on $url ($(java -version 2>&1 | sed -n 1p))"

# every body once: 200 and at least one entity found
entities=0
while IFS= read -r body; do
  answer="$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' --data-binary "$body" "$url/analyze")"
  code="${answer##*$'\n'}"
  found="$(grep -o '"entity_type"' <<< "${answer%$'\n'*}" | wc -l)"
  if [[ "$code" != 200 || "$found" -eq 0 ]]; then log "a body answered $code with $found entities: ${answer:0:300}"; exit 1; fi
  entities=$((entities + found))
done < "$tmp/bodies.jsonl"
avgbytes="$(python3 -c 'import json,sys; t=[len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])]; print(sum(t)//len(t))' "$tmp/bodies.jsonl" 2>/dev/null || echo '?')"
log "$nbodies bodies, ~$avgbytes bytes of text each, $((entities / nbodies)) entities per body on average"

# ---- the wrk script: the bodies round-robin (each thread from its own offset); the numbers in done()
cat > "$tmp/analyze.lua" <<LUA
local bodies = {}
for line in io.lines("$tmp/bodies.jsonl") do bodies[#bodies + 1] = line end
local threads, n = 0, 0

function setup(thread)
  thread:set("offset", threads * 7)
  threads = threads + 1
end

function init(args)
  n = tonumber(wrk.thread:get("offset")) or 0
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  n = n + 1
  return wrk.format(nil, "/analyze", nil, bodies[(n % #bodies) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f "
      .. "status=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean,
      e.status, e.connect, e.read, e.write, e.timeout))
end
LUA

if [[ "$warmup" != 0 && "$warmup" != 0s ]]; then
  log "warm-up: wrk -t$threads -c$connections -d$warmup ..."
  wrk -t"$threads" -c"$connections" -d"$warmup" -s "$tmp/analyze.lua" "$url" > "$tmp/warmup.txt"
fi

# the server's CPU time (user + system, clock ticks) from /proc: CPU per request does not depend on what else the machine runs
cputicks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
cmd=(wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$tmp/analyze.lua" "$url")
log "run: ${cmd[*]}"
cpu0="$(cputicks)"
"${cmd[@]}" | tee "$tmp/wrk.txt" | grep -v '^RESULT'
cpu1="$(cputicks)"

result="$(grep '^RESULT' "$tmp/wrk.txt")"
val() { grep -oE "(^| )$1=[0-9.]+" <<< "$result" | cut -d= -f2; }
errors=$(( $(val status) + $(val connect) + $(val read) + $(val write) + $(val timeout) ))
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
p99="$(val p99_us)"
cpu_us="$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$(val requests)" 'BEGIN { printf "%.0f", n ? t / hz * 1e6 / n : 0 }')"
echo
echo "wrk-analyze: rps=$(val rps) server_cpu_us_per_request=$cpu_us p50_ms=$(ms "$(val p50_us)") p90_ms=$(ms "$(val p90_us)") p99_ms=$(ms "$p99") p99.9_ms=$(ms "$(val p999_us)") max_ms=$(ms "$(val max_us)") requests=$(val requests) non2xx=$(val status) socket_errors=$((errors - $(val status))) errors=$errors goal_p99_lt_5ms=$([[ "$p99" -lt 5000 ]] && echo met || echo missed)"
if [[ "$errors" -ne 0 ]]; then
  log "FAILED: $(val status) non-2xx responses, $((errors - $(val status))) socket errors"
  tail -n 30 "$tmp/server.log" >&2
  exit 1
fi
