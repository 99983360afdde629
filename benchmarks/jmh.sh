#!/usr/bin/env bash
# Runs the JMH micro-benchmarks of the gateway's per-request code paths (benchmarks/jmh): signature verification,
# the token and Basic caches, revocation matching, route lookup and the refusal answer.
#
#   benchmarks/jmh.sh [JMH options]      e.g. benchmarks/jmh.sh RouteLookup   or   benchmarks/jmh.sh -p routes=10000
#
# One fork per benchmark, on CPU 1 when taskset is available; the whole suite takes about five minutes. Results:
# benchmarks/target/jmh/results.json (JMH's own) and results.md (the table printed at the end). Set MVN to change the
# Maven command (for example MVN="mvn -o"). With JMH's "-prof gc", the table also gives the bytes allocated per
# operation.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=benchmarks/target/jmh
mkdir -p "$WORK"

${MVN:-mvn} -B -q package -DskipTests -Pbenchmarks -pl benchmarks/jmh -am

PIN=()
if command -v taskset >/dev/null && taskset -c 1 true 2>/dev/null; then
    PIN=(taskset -c 1)
fi
"${PIN[@]}" java -cp "benchmarks/jmh/target/classes:$(cat benchmarks/jmh/target/classpath.txt)" \
    org.openjdk.jmh.Main -rf json -rff "$WORK/results.json" "$@"

python3 - "$WORK/results.json" <<'PY' | tee "$WORK/results.md"
import json, math, sys

def number(value):
    # JMH writes "NaN" (a string) for the error of a single iteration
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"

results = json.load(open(sys.argv[1]))
# with -prof gc, also the bytes allocated per operation
def allocated(result):
    for name, metric in (result.get("secondaryMetrics") or {}).items():
        if name.lstrip("\u00b7") == "gc.alloc.rate.norm":
            return metric["score"]
    return None
gc = any(allocated(result) is not None for result in results)
print("| Benchmark | Params | Score | Error (99.9%) | Unit |" + (" Allocated (B/op) |" if gc else ""))
print("|---|---|---:|---:|---|" + ("---:|" if gc else ""))
for result in results:
    name = result["benchmark"].rsplit(".", 2)
    params = ", ".join(f"{key}={value}" for key, value in (result.get("params") or {}).items())
    metric = result["primaryMetric"]
    row = (f"| {name[-2]}.{name[-1]} | {params} | {number(metric['score'])} | \u00b1 {number(metric['scoreError'])} "
           f"| {metric['scoreUnit']} |")
    if gc:
        row += f" {number(allocated(result))} |"
    print(row)
PY
