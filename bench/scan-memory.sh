#!/usr/bin/env bash
# Scans a >= 1 GB Telegram Desktop export with a 512 MB heap and prints the peak heap, wall time
# and throughput.
#
#   bench/scan-memory.sh [INPUT]
#
# INPUT: an existing export (file or directory). Without it, one is generated once into
# bench/work/export with `./pdshield generate --out DIR --mb 1300 --seed 1`.
# Environment: BENCH_WORK (default bench/work), BENCH_HEAP (default 512m), BENCH_SCAN_ARGS (extra
# scan options, e.g. "--config my.conf"), PDSHIELD_KEY (else ~/.pdshield/key is used).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_WORK:-$root/bench/work}"
heap="${BENCH_HEAP:-512m}"
mkdir -p "$work"

input="${1:-}"
if [[ -z "$input" ]]; then
  input="$work/export"
  # kept between runs, made again when the generator's sources changed
  generator="$(cat "$root"/testkit/src/main/java/io/pdshield/testkit/*.java | sha256sum | cut -c1-16)"
  if [[ "$(cat "$work/export.done" 2>/dev/null)" != "$generator" ]]; then
    rm -rf "$input"
    echo "bench: generating a 1300 MB corpus (≥ 1 GB of exports) into $input ..." >&2
    "$root/pdshield" generate --out "$input" --mb 1300 --seed 1
    echo "$generator" > "$work/export.done"
  fi
fi
[[ -e "$input" ]] || { echo "bench: no such input: $input" >&2; exit 1; }

"$root/pdshield" --version > /dev/null   # builds the jar now, not inside the timed run
# the bytes the scan reads: the exports (a generated corpus also holds truth.jsonl and labels.jsonl)
if [[ -d "$input" ]]; then
  bytes="$(find -L "$input" -name result.json -printf '%s\n' | awk '{s += $1} END {print s + 0}')"
  [[ "$bytes" -gt 0 ]] || bytes="$(du -sbL "$input" | cut -f1)"
else
  bytes="$(du -sbL "$input" | cut -f1)"
fi
gclog="$work/gc.log"
rm -f "$gclog"
echo "bench: scanning $input ($((bytes / 1000000)) MB) with -Xmx$heap ..." >&2
start="$(date +%s.%N)"
set +e
# shellcheck disable=SC2086  # BENCH_SCAN_ARGS holds several words on purpose
PDSHIELD_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$gclog ${PDSHIELD_JAVA_OPTS:-}" \
  "$root/pdshield" scan --quiet --stats ${BENCH_SCAN_ARGS:-} --out "$work/out" "$input" 2> "$work/scan.err"
rc=$?
set -e
end="$(date +%s.%N)"
cat "$work/scan.err" >&2
[[ $rc -eq 0 ]] || { echo "bench: scan failed with exit code $rc" >&2; exit $rc; }

# G1/serial/parallel lines look like "... Pause Young (Normal) (G1 Evacuation Pause) 301M->52M(512M) 12.3ms":
# the number before "->" is the heap in use when the collection started (the peak between collections),
# the one after is what survived it.
read -r before after gcs < <(grep -oE '[0-9]+M->[0-9]+M' "$gclog" | awk -F'->' '
  { b = $1 + 0; a = $2 + 0; if (b > mb) mb = b; if (a > ma) ma = a; n++ }
  END { printf "%d %d %d\n", mb, ma, n }')

awk -v bytes="$bytes" -v start="$start" -v end="$end" -v before="$before" -v after="$after" -v gcs="$gcs" -v heap="$heap" 'BEGIN {
  secs = end - start
  printf "input:        %.1f MB\n", bytes / 1e6
  printf "wall time:    %.1f s (JVM start and output writing included)\n", secs
  printf "throughput:   %.1f MB/s\n", bytes / 1e6 / secs
  printf "max heap:     -Xmx%s\n", heap
  printf "peak heap:    %d MB (largest heap in use at the start of a GC, %d GCs)\n", before, gcs
  printf "max live:     %d MB (largest heap left after a GC)\n", after
}'
