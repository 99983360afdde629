#!/usr/bin/env bash
# How the token cache behaves with more distinct tokens (and users: each token has its own subject) than it holds:
# for each count, the gateway (CPU 1, token cache of its default 10,000 entries) gets HS256 tokens picked at random
# among that many (benchmarks/random-tokens.lua, from CPU 0), then every one of them at least once, in order.
#
#   benchmarks/tokens-scale.sh [counts...]           (default: 1000 10000 100000 1000000)
#
# HS256 keeps the tokens cheap to sign by the million and cheap to verify, so that what is measured is the cache: its
# hit ratio over MEASURE_SECONDS (default 10, after as many of warm-up) from the gateway's own metrics
# (auth_gateway_cache_lookups_total, auth_gateway_cache_evictions_total), req/s and the gateway's CPU microseconds per
# request, and the live heap after a full collection, once the run and the pass over every token are done: with the
# cache bounded it stays the same from 10,000 tokens to 1,000,000 (the script fails if the pass sent fewer requests than
# there are tokens). The largest count is measured a second time with
# the cache disabled: the difference is what a cache that misses costs (the lookup, the insertion, the eviction).
# Results: benchmarks/target/tokens-scale/results.tsv and results.md. Needs wrk, taskset and the JDK's jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/cpu.sh
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1000 10000 100000 1000000)
SECONDS_EACH=${MEASURE_SECONDS:-10}
WORK=benchmarks/target/tokens-scale
mkdir -p "$WORK"
for tool in wrk taskset jcmd curl python3; do
    command -v "$tool" >/dev/null || { echo "$tool is required"; exit 1; }
done
MVN=${MVN:-mvn}
# the extension and the benchmarks' parent, where the copy below finds them
$MVN -B -q install -DskipTests -pl deployment,redis/deployment -am
$MVN -B -q install -DskipTests -N -f benchmarks/pom.xml
$MVN -B -q package -DskipTests -Pbenchmarks -pl benchmarks/token-tool -am
. benchmarks/metrics-app.sh
app="$WORK/app"
build_metrics_app "$app" quarkus-auth-gateway-bench-tokens-scale
largest=0
for count in "${COUNTS[@]}"; do [ "$count" -gt "$largest" ] && largest=$count; done
java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
    io.quarkiverse.authgateway.bench.TokenTool hs256 "$WORK" "$largest" 2>/dev/null
SECRET=$(cat "$WORK/hs256-secret.txt")
# the million signed tokens take about 300 MB: kept only while the script runs
trap 'rm -f "$WORK/hs256-tokens.txt"' EXIT
# the RS256 issuer gateway-app is configured with, unused here
java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
    io.quarkiverse.authgateway.bench.TokenTool "$WORK" 1 2>/dev/null
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"

RESULTS="$WORK/results.tsv"
printf 'tokens\tcache\thit_ratio\tevictions\treq_per_s\tcpu_us\tcached\tlive_heap_bytes\n' >"$RESULTS"
CASES=()
for count in "${COUNTS[@]}"; do CASES+=("$count on"); done
CASES+=("$largest off")
for c in "${CASES[@]}"; do
    read -r count cache <<<"$c"
    head -n "$count" "$WORK/hs256-tokens.txt" >"$WORK/tokens-$count.txt"
    export TOKENS="$PWD/$WORK/tokens-$count.txt"
    port=$(free_port)
    enabled=true
    [ "$cache" = on ] || enabled=false
    optional=""
    [ "$cache" = on ] || optional=optional
    taskset -c 1 java -Xmx1g -Dquarkus.http.port="$port" \
        -Dquarkus.auth-gateway.jwt.hs.issuer=https://bench.issuer/hs -Dquarkus.auth-gateway.jwt.hs.secret="$SECRET" \
        -Dquarkus.auth-gateway.jwt.hs.audience=bench -Dquarkus.auth-gateway.token-cache.enabled=$enabled \
        -jar "$app/target/quarkus-app/quarkus-run.jar" >"$WORK/gateway-$count-$cache.log" 2>&1 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null || true; rm -f "$WORK/hs256-tokens.txt"' EXIT
    until curl -s -o /dev/null "http://127.0.0.1:$port/open"; do
        kill -0 "$pid" 2>/dev/null || { echo "the gateway did not start: $WORK/gateway-$count-$cache.log" >&2; exit 1; }
        sleep 0.05
    done
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -n1 "$TOKENS")" "http://127.0.0.1:$port/jwt")
    [ "$status" = 200 ] || { echo "an HS256 token was answered $status" >&2; exit 1; }
    taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -s benchmarks/random-tokens.lua "http://127.0.0.1:$port/jwt" >/dev/null
    hits0=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="hit"}' "$optional")
    misses0=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="miss"}' "$optional")
    evictions0=$(metric "$port" 'auth_gateway_cache_evictions_total{cache="token"}' optional)
    ticks0=$(cpu_ticks "$pid")
    out=$(SEED=2 taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -s benchmarks/random-tokens.lua "http://127.0.0.1:$port/jwt")
    ticks1=$(cpu_ticks "$pid")
    hits1=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="hit"}' "$optional")
    misses1=$(metric "$port" 'auth_gateway_cache_lookups_total{cache="token",result="miss"}' "$optional")
    evictions1=$(metric "$port" 'auth_gateway_cache_evictions_total{cache="token"}' optional)
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    [ -z "$non2xx" ] || { echo "$non2xx answers other than 200 with $count tokens" >&2; exit 1; }
    requests=$(awk '/ requests in / {print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    cpu=$(cpu_us_per_request "$ticks0" "$ticks1" "$requests")
    ratio=$(awk -v h=$((hits1 - hits0)) -v m=$((misses1 - misses0)) 'BEGIN {if (h + m > 0) printf "%.3f", h / (h + m); else print "-"}')
    # every token at least once, in order, for as long as that takes at 2/3 of the rate just measured
    pass_seconds=$(awk -v n="$count" -v r="$rps" 'BEGIN {printf "%d", n / (r * 2 / 3) + 2}')
    out=$(taskset -c 0 wrk -t1 -c32 -d"${pass_seconds}s" -s benchmarks/unique-tokens.lua "http://127.0.0.1:$port/jwt")
    sent=$(awk '/ requests in / {print $1}' <<<"$out")
    [ "$sent" -ge "$count" ] || { echo "the pass sent $sent of $count tokens" >&2; exit 1; }
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    [ -z "$non2xx" ] || { echo "$non2xx answers other than 200 in the pass over $count tokens" >&2; exit 1; }
    cached=$(metric "$port" 'auth_gateway_cache_size{cache="token"}' "$optional")
    heap=$(live_heap "$pid")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$count" "$cache" "$ratio" $((evictions1 - evictions0)) "$rps" "$cpu" \
        "$cached" "$heap" >>"$RESULTS"
    printf '%8s tokens, cache %-3s: hit ratio %5s, %8s evictions, %10s req/s, %5s CPU us/request, %6s cached, live heap %5.1f MiB\n' \
        "$count" "$cache" "$ratio" $((evictions1 - evictions0)) "$rps" "$cpu" "$cached" "$(awk -v h="$heap" 'BEGIN {print h / 1048576}')"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -f "$TOKENS"
done

python3 - "$RESULTS" <<'PY' | tee "$WORK/results.md"
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
print("| distinct tokens | token cache | hit ratio | evictions | req/s | CPU µs/request | cached after | live heap after |")
print("|---|---|---|---|---|---|---|---|")
for count, cache, ratio, evictions, rps, cpu, cached, heap in rows:
    print(f"| {int(count):,} | {cache} | {ratio if ratio == '-' else format(float(ratio), '.3f')} | {int(evictions):,} | {float(rps):,.0f} | {cpu} "
          f"| {int(float(cached)):,} | {int(heap) / 1048576:.1f} MiB |")
PY
