#!/usr/bin/env bash
# Draws the scaling curves of the performance page from the results of benchmarks/revocation-scale.sh,
# routes-scale.sh, tokens-scale.sh, issuers-scale.sh and jmh.sh, those that are present, into
# docs/modules/ROOT/images/, as PNG.
#
#   benchmarks/plots.sh            (PLOTS_DIR=<dir> to draw elsewhere)
#
# Needs gnuplot (Debian package "gnuplot-nox" or "gnuplot").
set -euo pipefail
cd "$(dirname "$0")/.."
command -v gnuplot >/dev/null || { echo "gnuplot is required (apt-get install gnuplot-nox)"; exit 1; }
IMAGES=${PLOTS_DIR:-docs/modules/ROOT/images}
mkdir -p "$IMAGES"
# every curve: sizes on a logarithmic axis
AXES='set logscale x
set format x "10^{%L}"
set grid'
TARGET=benchmarks/target
drawn=()

REVOCATION=$TARGET/revocation-scale/results.tsv
if [ -s "$REVOCATION" ]; then
    # entries 0 cannot sit on a logarithmic axis: it is drawn at 1
    awk -F'\t' 'NR > 1 {print ($1 == 0 ? 1 : $1), $2, $3, $6, $8}' "$REVOCATION" >"$TARGET/revocation-scale/plot.dat"
    gnuplot <<GP
set terminal pngcairo size 1200,800 font "sans,11"
set output "$IMAGES/revocation-scale.png"
set multiplot layout 2,2 title "Redis revocation store: entries in force (0 drawn at 1)"
$AXES
set key off
set xlabel "entries in force"
set yrange [0:*]
set title "CPU per request (cached RS256)"
set ylabel "µs"
plot "$TARGET/revocation-scale/plot.dat" using 1:5 with linespoints pt 7
set title "heap per entry in the mirror"
set ylabel "bytes"
plot "$TARGET/revocation-scale/plot.dat" using 1:(\$1 > 1 ? \$4 : 1/0) with linespoints pt 7
set title "time to load the mirror"
set ylabel "ms"
plot "$TARGET/revocation-scale/plot.dat" using 1:2 with linespoints pt 7
set title "longest single Redis command while loading"
set ylabel "µs"
plot "$TARGET/revocation-scale/plot.dat" using 1:3 with linespoints pt 7
unset multiplot
GP
    drawn+=("$IMAGES/revocation-scale.png")
fi

ROUTES=$TARGET/routes-scale/results.tsv
if [ -s "$ROUTES" ]; then
    awk -F'\t' 'NR > 1 {print $1, $2, $3, $5}' "$ROUTES" >"$TARGET/routes-scale/plot.dat"
    gnuplot <<GP
set terminal pngcairo size 1200,400 font "sans,11"
set output "$IMAGES/routes-scale.png"
set multiplot layout 1,3 title "Route bindings"
$AXES
set key off
set xlabel "route bindings"
set yrange [0:*]
set title "application build (Maven)"
set ylabel "s"
plot "$TARGET/routes-scale/plot.dat" using 1:2 with linespoints pt 7
set title "launch to first answered request"
set ylabel "ms"
plot "$TARGET/routes-scale/plot.dat" using 1:3 with linespoints pt 7
set title "CPU per request (cached RS256)"
set ylabel "µs"
plot "$TARGET/routes-scale/plot.dat" using 1:4 with linespoints pt 7
unset multiplot
GP
    drawn+=("$IMAGES/routes-scale.png")
fi

TOKENS=$TARGET/tokens-scale/results.tsv
if [ -s "$TOKENS" ]; then
    awk -F'\t' 'NR > 1 && $2 == "on" {print $1, $3, $6, $8 / 1048576}' "$TOKENS" >"$TARGET/tokens-scale/plot.dat"
    gnuplot <<GP
set terminal pngcairo size 1200,400 font "sans,11"
set output "$IMAGES/tokens-scale.png"
set multiplot layout 1,3 title "Distinct tokens against a token cache of 10,000"
$AXES
set key off
set xlabel "distinct tokens"
set yrange [0:*]
set title "hit ratio"
plot "$TARGET/tokens-scale/plot.dat" using 1:2 with linespoints pt 7
set title "CPU per request"
set ylabel "µs"
plot "$TARGET/tokens-scale/plot.dat" using 1:3 with linespoints pt 7
set title "live heap after every token once"
set ylabel "MiB"
plot "$TARGET/tokens-scale/plot.dat" using 1:4 with linespoints pt 7
unset multiplot
GP
    drawn+=("$IMAGES/tokens-scale.png")
fi

ISSUERS=$TARGET/issuers-scale/results.tsv
if [ -s "$ISSUERS" ]; then
    awk -F'\t' 'NR > 1 && $2 == "on" {print $1, $3, $6}' "$ISSUERS" >"$TARGET/issuers-scale/on.dat"
    awk -F'\t' 'NR > 1 && $2 == "off" {print $1, $3, $6}' "$ISSUERS" >"$TARGET/issuers-scale/off.dat"
    gnuplot <<GP
set terminal pngcairo size 1200,400 font "sans,11"
set output "$IMAGES/issuers-scale.png"
set multiplot layout 1,2 title "Local RS256 issuers"
$AXES
set xlabel "issuers"
set yrange [0:*]
set key bottom right
set title "launch to first answered request"
set ylabel "ms"
plot "$TARGET/issuers-scale/on.dat" using 1:2 with linespoints pt 7 title "token cache on", \\
     "$TARGET/issuers-scale/off.dat" using 1:2 with linespoints pt 7 title "token cache off"
set title "CPU per request"
set ylabel "µs"
plot "$TARGET/issuers-scale/on.dat" using 1:3 with linespoints pt 7 title "token cache on (hits)", \\
     "$TARGET/issuers-scale/off.dat" using 1:3 with linespoints pt 7 title "token cache off (a verification each)"
unset multiplot
GP
    drawn+=("$IMAGES/issuers-scale.png")
fi

JMH=$TARGET/jmh/results.json
if [ -s "$JMH" ]; then
    python3 - "$JMH" "$TARGET/jmh" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
series = {"revocation": [], "routes": []}
for result in results:
    name, params = result["benchmark"], result.get("params", {})
    score = result["primaryMetric"]["score"]
    # one curve per method and per other parameter (the revocation match's "held": whole entries or digests)
    label = name.rsplit(".", 1)[1]
    label += "".join(f", {value}" for key, value in params.items() if not value.isdigit())
    for key, value in params.items():
        if "Revocation" in name and value.isdigit():
            series["revocation"].append((int(value), score, label))
        if "Route" in name and value.isdigit():
            series["routes"].append((int(value), score, label))
for kind, points in series.items():
    with open(f"{sys.argv[2]}/{kind}.dat", "w") as out:
        for method in sorted({p[2] for p in points}):
            out.write(f'"{method}"\n')
            for size, score, m in sorted(p for p in points if p[2] == method):
                out.write(f"{max(size, 1)} {score}\n")
            out.write("\n\n")
PY
    gnuplot <<GP
set terminal pngcairo size 1200,400 font "sans,11"
set output "$IMAGES/jmh-scale.png"
set multiplot layout 1,2 title "Per-operation cost (JMH, one thread)"
$AXES
set yrange [0:*]
set key top left
set title "revocation match (entries 0 drawn at 1)"
set xlabel "entries in force"
set ylabel "ns per match"
plot for [i=0:*] "$TARGET/jmh/revocation.dat" index i using 1:2 with linespoints pt 7 title columnheader(1)
set title "route lookup"
set xlabel "route bindings"
set ylabel "ns per lookup"
plot for [i=0:*] "$TARGET/jmh/routes.dat" index i using 1:2 with linespoints pt 7 title columnheader(1)
unset multiplot
GP
    drawn+=("$IMAGES/jmh-scale.png")
fi
[ ${#drawn[@]} -gt 0 ] || { echo "no results to draw: run benchmarks/revocation-scale.sh, routes-scale.sh, tokens-scale.sh, issuers-scale.sh or jmh.sh"; exit 1; }
printf 'Drawn: %s\n' "${drawn[@]}"
