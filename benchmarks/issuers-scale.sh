#!/usr/bin/env bash
# How the Bearer path behaves with more issuers: for each count, that many local RS256 issuers (a key pair each,
# configured through quarkus.config.locations, TokenTool issuers) on the gateway (CPU 1), and wrk (CPU 0) sending
# tokens of all of them, picked at random (benchmarks/random-tokens.lua) among TOKENS_TOTAL (default 1,000: fewer
# than the token cache holds).
#
#   benchmarks/issuers-scale.sh [counts...]          (default: 1 10 25 50)
#
# Per count, once with the token cache and once without (every request verifies its signature with its issuer's
# key): the time from the launch to the first answered request, req/s and the gateway's CPU microseconds per request
# over MEASURE_SECONDS (default 10, after as many of warm-up), the token cache's hit ratio from the gateway's own
# metrics, and the live heap after a full collection. Results: benchmarks/target/issuers-scale/results.tsv and
# results.md. Needs wrk, taskset and the JDK's jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/cpu.sh
. benchmarks/metrics-app.sh
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1 10 25 50)
SECONDS_EACH=${MEASURE_SECONDS:-10}
TOTAL=${TOKENS_TOTAL:-1000}
WORK=benchmarks/target/issuers-scale
mkdir -p "$WORK"
for tool in wrk taskset jcmd curl python3; do
    command -v "$tool" >/dev/null || { echo "$tool is required"; exit 1; }
done
MVN=${MVN:-mvn}
# the extension and the benchmarks' parent, where the copy below finds them
$MVN -B -q install -DskipTests -pl deployment,redis/deployment -am
$MVN -B -q install -DskipTests -N -f benchmarks/pom.xml
$MVN -B -q package -DskipTests -Pbenchmarks -pl benchmarks/token-tool -am
app="$WORK/app"
build_metrics_app "$app" quarkus-auth-gateway-bench-issuers-scale
tool() {
    java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
        io.quarkiverse.authgateway.bench.TokenTool "$@" 2>/dev/null
}
# the issuer gateway-app is configured with, beside the measured ones
tool "$WORK" 1
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"

RESULTS="$WORK/results.tsv"
printf 'issuers\tcache\tstartup_ms\thit_ratio\treq_per_s\tcpu_us\tlive_heap_bytes\n' >"$RESULTS"
for count in "${COUNTS[@]}"; do
    dir="$WORK/issuers-$count"
    per=$(( (TOTAL + count - 1) / count ))
    tool issuers "$dir" "$count" "$per"
    export TOKENS="$PWD/$dir/issuer-tokens.txt"
    for cache in on off; do
        enabled=true
        [ "$cache" = on ] || enabled=false
        optional=""
        [ "$cache" = on ] || optional=optional
        port=$(free_port)
        log="$WORK/gateway-$count-$cache.log"
        started=$(date +%s%N)
        taskset -c 1 java -Xmx1g -Dquarkus.http.port="$port" -Dquarkus.config.locations="file:$PWD/$dir/issuers.properties" \
            -Dquarkus.auth-gateway.token-cache.enabled=$enabled \
            -jar "$app/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
        pid=$!
        trap 'kill "$pid" 2>/dev/null || true' EXIT
        until curl -s -o /dev/null "http://127.0.0.1:$port/open"; do
            kill -0 "$pid" 2>/dev/null || { echo "the gateway did not start: $log" >&2; exit 1; }
            sleep 0.01
        done
        startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
        # a token of the last issuer is admitted: every issuer is configured
        status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(sed -n "${count}p" "$TOKENS")" \
            "http://127.0.0.1:$port/jwt")
        [ "$status" = 200 ] || { echo "a token of issuer scale-$count was answered $status" >&2; exit 1; }
        taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -s benchmarks/random-tokens.lua "http://127.0.0.1:$port/jwt" >/dev/null
        hits0=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="hit"}' "$optional")
        misses0=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="miss"}' "$optional")
        ticks0=$(cpu_ticks "$pid")
        out=$(SEED=2 taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -s benchmarks/random-tokens.lua \
            "http://127.0.0.1:$port/jwt")
        ticks1=$(cpu_ticks "$pid")
        hits1=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="hit"}' "$optional")
        misses1=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="miss"}' "$optional")
        non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
        [ -z "$non2xx" ] || { echo "$non2xx answers other than 200 with $count issuers" >&2; exit 1; }
        requests=$(awk '/ requests in / {print $1}' <<<"$out")
        rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
        cpu=$(cpu_us_per_request "$ticks0" "$ticks1" "$requests")
        ratio=$(awk -v h=$((hits1 - hits0)) -v m=$((misses1 - misses0)) \
            'BEGIN {if (h + m > 0) printf "%.3f", h / (h + m); else print "-"}')
        heap=$(live_heap "$pid")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$count" "$cache" "$startup_ms" "$ratio" "$rps" "$cpu" "$heap" >>"$RESULTS"
        printf '%3s issuers, cache %-3s: first answer %5s ms, hit ratio %5s, %10s req/s, %6s CPU us/request, live heap %5.1f MiB\n' \
            "$count" "$cache" "$startup_ms" "$ratio" "$rps" "$cpu" "$(awk -v h="$heap" 'BEGIN {print h / 1048576}')"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    done
done

python3 - "$RESULTS" <<'PY' | tee "$WORK/results.md"
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
print("| issuers | token cache | first answer | hit ratio | req/s | CPU µs/request | live heap after |")
print("|---|---|---|---|---|---|---|")
for count, cache, startup, ratio, rps, cpu, heap in rows:
    print(f"| {count} | {cache} | {startup} ms | {ratio if ratio == '-' else format(float(ratio), '.3f')} | {float(rps):,.0f} | {cpu} "
          f"| {int(heap) / 1048576:.1f} MiB |")
PY
