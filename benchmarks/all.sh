#!/usr/bin/env bash
# The whole performance story in one command: the ratio table against plain Quarkus (run.sh), the scaling curves
# (revocation-scale.sh, routes-scale.sh, tokens-scale.sh, issuers-scale.sh), start-up and memory (startup.sh), the
# per-operation costs of the scaled structures in JMH (jmh.sh), then the plots of the curves (plots.sh) into
# docs/modules/ROOT/images/, and the tables of every part at the end.
#
#   benchmarks/all.sh              the sizes of the performance page: about an hour and a half on two cores
#   QUICK=1 benchmarks/all.sh      small sizes and short runs, to check that everything works (about 15 minutes);
#                                  its plots go to benchmarks/target/plots/, not into the docs
#
# Needs what each script needs (see the performance page): the JDK, Maven, python3, wrk, curl, taskset, redis-server,
# redis-cli and gnuplot.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in java mvn python3 wrk curl taskset redis-server redis-cli gnuplot; do
    command -v "$tool" >/dev/null || { echo "$tool is required"; exit 1; }
done
if [ -n "${QUICK:-}" ]; then
    export MEASURE_SECONDS=3
    RUN=(1 3) REVOCATION=(0 1000 10000) ROUTES=(10 1000) TOKENS=(1000 20000) ISSUERS=(1 5) STARTUP=(1)
    JMH=('RevocationMatch|RouteLookup' -f 1 -wi 1 -i 2 -w 1s -r 1s)
    export PLOTS_DIR=benchmarks/target/plots
else
    RUN=(3 8) REVOCATION=() ROUTES=() TOKENS=() ISSUERS=() STARTUP=(5)
    JMH=('RevocationMatch|RouteLookup')
fi
TARGET=benchmarks/target
step() {
    echo
    echo "=== $* ($(date +%H:%M:%S))"
    "$@"
}
step benchmarks/run.sh "${RUN[@]}"
step benchmarks/revocation-scale.sh "${REVOCATION[@]}"
step benchmarks/routes-scale.sh "${ROUTES[@]}"
step benchmarks/tokens-scale.sh "${TOKENS[@]}"
step benchmarks/issuers-scale.sh "${ISSUERS[@]}"
step benchmarks/startup.sh "${STARTUP[@]}"
step benchmarks/jmh.sh "${JMH[@]}"
step benchmarks/plots.sh

for part in run revocation-scale routes-scale tokens-scale issuers-scale startup jmh; do
    if [ -s "$TARGET/$part/results.md" ]; then
        echo
        echo "=== $part ($TARGET/$part/results.md)"
        cat "$TARGET/$part/results.md"
    fi
done
echo
echo "Plots: ${PLOTS_DIR:-docs/modules/ROOT/images}"
