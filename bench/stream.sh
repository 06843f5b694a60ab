#!/usr/bin/env bash
# bench/stream.sh [POSTS] [SOURCES]: posts/s of the Flink job (stream module) at parallelism 1 and 2.
# One JVM: a real Kafka broker (KRaft, Kafka's test kit) and a Flink MiniCluster; POSTS generated
# posts (default 400000) are loaded in date order into a 2-partition topic, then each run reads them all with
# exactly-once sinks and the job's default checkpoint interval (10 s; -Dbench.checkpointMs=N in
# BENCH_JAVA_OPTS): warm-up runs until the JIT has settled (at least -Dbench.warmups=4, then more until a
# parallelism-2 run's steady part sees the JIT compile below -Dbench.jitSettled=0.03 cores, at most
# -Dbench.maxWarmups=8 runs), then three rounds (-Dbench.rounds=N) of parallelism 1 and 2. Prints each
# run's posts/s over the whole run and over its steady part (10 % to 90 % of the posts read), the busiest
# threads (-Dbench.threads=true), and the scaling of the steady rates (best of the rounds, and medians).
# JVM options: BENCH_JAVA_OPTS (default -Xms4g -Xmx4g -XX:FreqInlineSize=60: a fixed heap, as Flink starts its
# TaskManagers with, and the pdshield launcher's JIT setting).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$root/stream/target/bench.classpath"
mvn -q -B -ntp -pl stream -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xms4g -Xmx4g -XX:FreqInlineSize=60} \
  -cp "$root/stream/target/test-classes:$root/stream/target/classes:$(cat "$cp_file")" \
  io.pdshield.stream.StreamBench "${1:-400000}" "${2:-64}"
