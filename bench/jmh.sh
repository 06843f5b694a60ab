#!/usr/bin/env bash
# JMH benchmarks of the detector (core alone, per core) and the export reader.
# Usage: bench/jmh.sh [JMH args...]   e.g. bench/jmh.sh DetectorBenchmark -p mix=all
# Prints JMH's table; the "bytes" rows are bytes per second (divide by 1e6 for MB/s).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -DskipTests package -pl bench -am 1>&2
java -jar bench/target/benchmarks.jar -rf json -rff bench/target/jmh.json "$@" | tee bench/target/jmh.txt
python3 - <<'PY' 2>/dev/null || true
import json
for r in json.load(open("bench/target/jmh.json")):
    sec = r.get("secondaryMetrics", {})
    if "bytes" in sec:
        b = sec["bytes"]
        p = ",".join(f"{k}={v}" for k, v in r.get("params", {}).items())
        print(f"{r['benchmark'].split('.')[-2]}.{r['benchmark'].split('.')[-1]} [{p}]: {b['score']/1e6:.1f} ± {b['scoreError']/1e6:.1f} MB/s")
PY
