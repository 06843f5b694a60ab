#!/usr/bin/env bash
# pdshield next to ripgrep on the same generated corpus: throughput, pdshield's peak heap, and the
# F1 of both computed by the same scorer against the corpus's ground truth.
#
#   bench/compare.sh            # BENCH_MB (default 360) MB corpus (≥ 300 MB of exports), seed BENCH_SEED (default 1)
#
# pdshield is timed twice: as a user runs it (`./pdshield scan`, a fresh JVM that warms up while it
# scans), and in a warm JVM (the same scan run BENCH_WARM_RUNS times, default 5, in one JVM; the
# median of the runs after the first is reported): the steady state of a long-running process such as
# the service or the stream job.
#
# ripgrep (Debian package `ripgrep`) is installed if missing. ripgrep gets the regex set a user
# would grep exports with: phone, e-mail, passport, SNILS, INN, card, plate, date, with ASCII word
# boundaries (?-u:\b). Both read the same result.json files; each writes every match it finds
# (pdshield: findings.jsonl, ripgrep: -o to /dev/null).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_WORK:-$root/bench/work}"
mb="${BENCH_MB:-360}"
warm="${BENCH_WARM_RUNS:-5}"
seed="${BENCH_SEED:-1}"
corpus="$work/corpus-$mb-$seed"
mkdir -p "$work"

if ! command -v rg >/dev/null; then
  echo "compare: installing ripgrep ..." >&2
  (apt-get update -qq && apt-get install -y -qq ripgrep) >&2
fi

"$root/pdshield" --version > /dev/null   # builds the jar now, not inside the timed run
jar="$root/cli/target/pdshield.jar"

# the corpus is kept between runs, and made again when the generator's sources changed
generator="$(cat "$root"/testkit/src/main/java/io/pdshield/testkit/*.java | sha256sum | cut -c1-16)"
if [[ "$(cat "$corpus/.done" 2>/dev/null)" != "$generator" ]]; then
  rm -rf "$corpus"
  echo "compare: generating a $mb MB corpus (seed $seed) into $corpus ..." >&2
  "$root/pdshield" generate --out "$corpus" --mb "$mb" --seed "$seed" >&2
  echo "$generator" > "$corpus/.done"
fi
bytes="$(find "$corpus" -name result.json -printf '%s\n' | awk '{s += $1} END {print s}')"
files="$(find "$corpus" -name result.json | wc -l)"

B='(?-u:\b)'
declare -A PATTERNS=(
  [PHONE]="${B}(?:\+7|8)[ (-]*\d{3}[ )-]*\d{3}[ -]*\d{2}[ -]*\d{2}${B}"
  [EMAIL]="${B}[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}${B}"
  [PASSPORT_RU]="${B}\d{2} ?\d{2} ?(?:№ ?)?\d{6}${B}"
  [SNILS]="${B}\d{3}-\d{3}-\d{3} \d{2}${B}"
  [INN]="${B}\d{12}${B}"
  [BANK_CARD]="${B}\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}${B}"
  [VEHICLE_PLATE]="[АВЕКМНОРСТУХавекмнорстухABEKMHOPCTYXabekmhopctyx]\d{3}[АВЕКМНОРСТУХавекмнорстухABEKMHOPCTYXabekmhopctyx]{2} ?\d{2,3}${B}"
  [BIRTH_DATE]="${B}\d{2}\.\d{2}\.\d{4}${B}"
)
KINDS="PHONE,EMAIL,PASSPORT_RU,SNILS,INN,BANK_CARD,VEHICLE_PLATE,BIRTH_DATE"
rg_args=()
for k in "${!PATTERNS[@]}"; do rg_args+=(-e "${PATTERNS[$k]}"); done

now() { date +%s.%N; }

echo "compare: pdshield scan ..." >&2
t0="$(now)"
"$root/pdshield" scan --quiet --stats --out "$work/compare-scan" "$corpus" 2> "$work/compare-scan.err"
t1="$(now)"
peak="$(grep -oE 'peak heap [0-9.]+ MB' "$work/compare-scan.err" | grep -oE '[0-9.]+' || echo '?')"

echo "compare: ripgrep ..." >&2
t2="$(now)"
rg -o --no-filename -g result.json "${rg_args[@]}" "$corpus" > /dev/null || true
t3="$(now)"

echo "compare: pdshield scan, $warm runs in one JVM ..." >&2
# shellcheck disable=SC2086  # PDSHIELD_JAVA_OPTS holds several words on purpose
java -XX:FreqInlineSize=60 ${PDSHIELD_JAVA_OPTS:-} -cp "$jar" io.pdshield.cli.WarmRuns "$warm" \
  scan --quiet --out "$work/compare-warm" "$corpus" 2> "$work/compare-warm.err"
# the median of the warm runs (all but the first; the lower middle one of an even count)
warm_s="$(grep -oE 'run [0-9]+ of [0-9]+: [0-9.]+ s' "$work/compare-warm.err" | awk 'NR > 1 {print $5}' | sort -n \
  | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : v[1]}')"
[[ -n "$warm_s" ]] || warm_s="$(grep -oE 'run 1 of [0-9]+: [0-9.]+ s' "$work/compare-warm.err" | awk '{print $5}')"
# the warm runs must find exactly what the fresh JVM found
if cmp -s "$work/compare-scan/findings.jsonl" "$work/compare-warm/findings.jsonl"; then same="same"; else same="DIFFERS"; fi
warm_all="$(grep -oE 'run [0-9]+ of [0-9]+: [0-9.]+ s' "$work/compare-warm.err" | awk '{printf "%s%s", sep, $5; sep = ", "}')"

echo "compare: scoring ..." >&2
texts="$work/compare-texts.tsv"
rgf="$work/compare-rg-findings.jsonl"
java -cp "$jar" io.pdshield.testkit.GrepBaseline texts "$corpus" "$texts" 2>/dev/null
: > "$rgf"
for k in "${!PATTERNS[@]}"; do
  rg --json -e "${PATTERNS[$k]}" "$texts" | java -cp "$jar" io.pdshield.testkit.GrepBaseline convert "$k" >> "$rgf"
done
score() { java -Xmx3g -cp "$jar" io.pdshield.testkit.ScoreMain --truth "$corpus" --findings "$1" "${@:2}" | awk '$1 == "MICRO" {print $NF}'; }
pd_f1="$(score "$work/compare-scan/findings.jsonl")"
pd_f1_8="$(score "$work/compare-scan/findings.jsonl" --kinds "$KINDS")"
rg_f1="$(score "$rgf")"
rg_f1_8="$(score "$rgf" --kinds "$KINDS")"

awk -v bytes="$bytes" -v files="$files" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v peak="$peak" -v ws="$warm_s" -v wall="$warm_all" -v warm="$warm" -v same="$same" \
    -v pf="$pd_f1" -v pf8="$pd_f1_8" -v rf="$rg_f1" -v rf8="$rg_f1_8" -v cores="$(nproc)" 'BEGIN {
  ps = t1 - t0; rs = t3 - t2
  printf "corpus: %.1f MB in %d result.json files, %d cores\n", bytes / 1e6, files, cores
  printf "%-34s %8s %9s %10s %16s %10s\n", "", "time s", "MB/s", "micro F1", "F1 on 8 rg kinds", "peak heap"
  printf "%-34s %8.1f %9.1f %10s %16s %7s MB\n", "pdshield scan --quiet", ps, bytes / 1e6 / ps, pf, pf8, peak
  printf "%-34s %8.1f %9.1f %10s %16s %10s\n", sprintf("  same, warm JVM (median, runs 2-%d)", warm), ws, bytes / 1e6 / ws, same, same, "-"
  printf "%-34s %8.1f %9.1f %10s %16s %10s\n", "ripgrep -o, 8 patterns", rs, bytes / 1e6 / rs, rf, rf8, "-"
  printf "throughput ratio pdshield/ripgrep: %.2f (warm JVM: %.2f; its runs: %s s)\n", rs / ps, rs / ws, wall
}'
