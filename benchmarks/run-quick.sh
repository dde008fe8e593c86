#!/usr/bin/env bash
# Quick mode: every benchmark once, one fork, 1 s iterations (215 s wall on a quiet 2-core machine).
# A smoke check that the benchmarks run and a rough picture, not figures to quote: ShardingSphere in particular
# needs ~20 s of warm-up that quick mode does not give it (see README.md).
#   benchmarks/run-quick.sh [extra JMH options]      results in benchmarks/target/quick/
set -euo pipefail
cd "$(dirname "$0")"
jar=target/benchmarks.jar
out=target/quick
[[ -f $jar ]] || { echo "build first: mvn -B -q -pl benchmarks -am -DskipTests package" >&2; exit 1; }
mkdir -p "$out"
rm -f "$out"/*.json

quick=(-f 1 -wi 1 -i 1 -r 1s "$@")
run() { # name, JMH options...
    local name=$1; shift
    java -jar "$jar" "$@" -rf json -rff "$out/$name.json" | grep -E '^(Benchmark|[A-Z][A-Za-z0-9]+Benchmark\.)' || true
}
run routing 'routing\.' "${quick[@]}" -w 1s
run strategy 'strategy\.' "${quick[@]}" -w 1s -prof gc
run scatter 'scatter\.' "${quick[@]}" -w 1s
run endtoend 'endtoend\.OrderPlacement(4Threads)?Benchmark' "${quick[@]}" -w 1s -p shards=1,4
run outbox 'outbox\.' -f 1 -wi 1 -i 1
python3 jmh_report.py "$out"/*.json --svg "$out/results.svg" --md "$out/results.md" --title "shardkit quick run"
echo "table: $out/results.md  chart: $out/results.svg"
