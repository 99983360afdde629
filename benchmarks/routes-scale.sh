#!/usr/bin/env bash
# How the gateway scales with the number of route bindings: for each count, gateway-app built with that many more
# bindings (half prefixes /svc-<i>/*, half exact paths /svc-<i>/status, all under the policy jwt), then started alone.
#
#   benchmarks/routes-scale.sh [counts...]           (default: 10 1000 10000)
#
# Per count: the wall time of the application's Maven build (the policy table is compiled and checked then), the time
# from launching the JVM to its first answered request, and req/s and CPU microseconds per request (the server's own
# counters) of Bearer RS256 with the token cache on /jwt, whose policy is looked up in the table on every request,
# measured for MEASURE_SECONDS (default 10) after as many of warm-up. Results: benchmarks/target/routes-scale/results.tsv
# and results.md. Needs wrk and taskset.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/cpu.sh
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10 1000 10000)
SECONDS_EACH=${MEASURE_SECONDS:-10}
WORK=benchmarks/target/routes-scale
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
MVN=${MVN:-mvn}
# the extension and the benchmarks' parent, where the copies below find them
$MVN -B -q install -DskipTests -pl deployment,redis/deployment -am
$MVN -B -q install -DskipTests -N -f benchmarks/pom.xml
$MVN -B -q package -DskipTests -Pbenchmarks -pl benchmarks/token-tool -am
java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
    io.quarkiverse.authgateway.bench.TokenTool "$WORK" 1 2>/dev/null
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"
TOKEN=$(cat "$WORK/token.txt")

RESULTS="$WORK/results.tsv"
printf 'routes\tbuild_s\tfirst_answer_ms\treq_per_s\tcpu_us\n' >"$RESULTS"
for count in "${COUNTS[@]}"; do
    app="$WORK/app-$count"
    rm -rf "$app"
    mkdir -p "$app"
    cp -r benchmarks/gateway-app/src "$app/"
    sed -e 's#<artifactId>quarkus-auth-gateway-bench-gateway-app</artifactId>#<artifactId>quarkus-auth-gateway-bench-routes-'"$count"'</artifactId>#' \
        benchmarks/gateway-app/pom.xml >"$app/pom.xml"
    python3 - "$count" >>"$app/src/main/resources/application.properties" <<'PY'
import sys
count = int(sys.argv[1])
print(f"# {count} route bindings more (benchmarks/routes-scale.sh)")
for i in range(count):
    path = f"/svc-{i}/*" if i % 2 == 0 else f"/svc-{i}/status"
    print(f"quarkus.auth-gateway.route.svc-{i}.paths={path}")
    print(f"quarkus.auth-gateway.route.svc-{i}.policy=jwt")
PY
    built=$(date +%s.%N)
    $MVN -B -q -o package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true -f "$app/pom.xml" >"$WORK/build-$count.log" 2>&1 \
        || { echo "the build with $count routes failed: $WORK/build-$count.log" >&2; exit 1; }
    build_s=$(awk -v a="$built" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    launched=$(date +%s%N)
    taskset -c 1 java -Xmx512m -Dquarkus.http.port="$port" -jar "$app/target/quarkus-app/quarkus-run.jar" \
        >"$WORK/gateway-$count.log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null "http://127.0.0.1:$port/open"; do sleep 0.005; done
    first_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/jwt")" = 200 ]
    taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/jwt" >/dev/null
    ticks0=$(cpu_ticks "$pid")
    out=$(taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/jwt")
    ticks1=$(cpu_ticks "$pid")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    requests=$(awk '/ requests in / {print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    cpu=$(cpu_us_per_request "$ticks0" "$ticks1" "$requests")
    printf '%s\t%s\t%s\t%s\t%s\n' "$count" "$build_s" "$first_ms" "$rps" "$cpu" >>"$RESULTS"
    printf '%6s routes: built in %5s s, first answer after %5s ms, %10s req/s, %5s CPU us/request\n' "$count" \
        "$build_s" "$first_ms" "$rps" "$cpu"
done

python3 - "$RESULTS" <<'PY' | tee "$WORK/results.md"
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
print("| route bindings | application build | first answered request | req/s | CPU µs/request |")
print("|---|---|---|---|---|")
for routes, build, first, rps, cpu in rows:
    print(f"| {int(routes):,} | {build} s | {int(first):,} ms | {float(rps):,.0f} | {cpu} |")
PY
