#!/usr/bin/env bash
# bench/fuzz.sh [SECONDS]: a fuzzing campaign — each of the five Jazzer fuzz targets is fuzzed for
# SECONDS (default 600) in its own JVM, one after the other, then a table of executions, exec/s and
# findings per target is printed. The same targets run for pdshield.fuzz.seconds (default 60) in
# every `mvn test`; this only runs them longer.
#
#   target          test class (module)                      input
#   desktop-export  io.pdshield.ingest.DesktopExportFuzzTest  a Telegram Desktop result.json
#   bot-api         io.pdshield.ingest.BotApiFuzzTest         Bot API updates (JSON stream, NDJSON)
#   posts-jsonl     io.pdshield.ingest.PostsJsonlFuzzTest     pdshield posts JSON Lines
#   zip             io.pdshield.ingest.ZipFuzzTest            a zip export
#   detector        io.pdshield.core.DetectorFuzzTest         text for Detector.detect
#
# Findings (an exception out of a reader or the detector, a broken invariant, an input running 1 s
# or longer, an OutOfMemoryError in the -Xmx1g fuzz JVM) are the crash-*, timeout-* and oom-* files
# Jazzer writes to core/target/jazzer/ and ingest/target/jazzer/ during the run; the generated corpus
# (target/jazzer/.cifuzz-corpus/) is kept, so a later campaign goes on from it. Logs: bench/work/fuzz/.
# Exits 1 if any target had a finding.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
secs="${1:-600}"
if ! [[ "$secs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/fuzz.sh [seconds-per-target, >= 1]" >&2
  exit 2
fi
logs="$root/bench/work/fuzz"
mkdir -p "$logs"

targets=(desktop-export:ingest:DesktopExportFuzzTest bot-api:ingest:BotApiFuzzTest
  posts-jsonl:ingest:PostsJsonlFuzzTest zip:ingest:ZipFuzzTest detector:core:DetectorFuzzTest)

echo "fuzz: compiling core and ingest ..." >&2
mvn -q -B -ntp -pl core,ingest test-compile >&2

rows=()
total_findings=0
for t in "${targets[@]}"; do
  IFS=: read -r name module class <<< "$t"
  log="$logs/$name.log"
  artifacts="$root/$module/target/jazzer"
  mkdir -p "$artifacts"
  before="$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)"
  echo "fuzz: $name ($class) for $secs s, log $log ..." >&2
  rc=0
  # only the fuzz execution (the unit tests are not run); a finding fails it, the campaign goes on
  mvn -B -ntp -pl "$module" surefire:test@fuzz -Dpdshield.fuzz.test="$class" -Dpdshield.fuzz.seconds="$secs" > "$log" 2>&1 || rc=$?
  after="$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)"
  new="$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed '/^$/d')"
  findings="$(printf '%s' "$new" | grep -c . || true)"
  # the test's own count; if the JVM was ended (a timeout), libFuzzer's final stats
  line="$(grep -a -oE "FUZZ $name executions=[0-9]+ seconds=[0-9.]+" "$log" | tail -1 || true)"
  if [[ -n "$line" ]]; then
    execs="$(sed -E 's/.*executions=([0-9]+).*/\1/' <<< "$line")"
    took="$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<< "$line")"
  else
    execs="$(grep -a -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | awk '{print $2}')"
    took="$secs"
  fi
  execs="${execs:-0}"
  if [[ "$rc" -ne 0 && "$findings" -eq 0 ]]; then
    findings="?"   # the run failed without an artifact (a broken build?): see the log
    total_findings=$((total_findings + 1))
  else
    total_findings=$((total_findings + findings))
  fi
  rate="$(awk -v n="$execs" -v s="$took" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print 0 }')"
  rows+=("$name|$execs|$took|$rate|$findings")
  if [[ -n "$new" ]]; then
    printf '%s\n' "$new" | sed "s|^|fuzz: $name finding: |" >&2
  fi
done

printf '\n%-15s %12s %9s %8s %9s\n' target executions seconds exec/s findings
for r in "${rows[@]}"; do
  IFS='|' read -r name execs took rate findings <<< "$r"
  printf '%-15s %12s %9s %8s %9s\n' "$name" "$execs" "$took" "$rate" "$findings"
done
if [[ "$total_findings" != 0 ]]; then
  echo "fuzz: findings — reproduce one by copying it into src/test/resources/<package>/<Class>Inputs/<method>/ and running the class's tests" >&2
  exit 1
fi
