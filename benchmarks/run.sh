#!/usr/bin/env bash
# Measures the gateway against plain Quarkus security, side by side in one run, on the same machine.
#
#   benchmarks/run.sh [rounds] [seconds-per-measurement]
#
# Four servers share CPU 1 (only one is under load at a time): plain Quarkus (smallrye-jwt, properties-file Basic),
# the gateway (in-memory revocation store, empty: revocation off), the gateway with its token cache disabled, and the
# gateway with its revocations in Redis, 1,000 entries in force (revocation on: every request is looked up in the
# mirror). redis-server runs on CPU 0 on a free port. wrk runs on CPU 0. Each round measures every endpoint
# once, interleaved; the table gives medians over rounds and the median ratio to plain Quarkus' open endpoint of the
# same round. Needs wrk (Debian package "wrk"), taskset and redis-server.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
SECONDS_EACH=${2:-10}
WORK=benchmarks/target/run
mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
mvn -B -q package -DskipTests -Pbenchmarks -pl benchmarks/token-tool,benchmarks/gateway-app,benchmarks/plain-app -am
java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
    io.quarkiverse.authgateway.bench.TokenTool "$WORK" 20000 2>/dev/null
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"
TOKEN=$(cat "$WORK/token.txt")
BASIC="Basic $(printf 'bench:bench-secret' | base64)"

pids=()
start() { # name port jar extra-args...
    local name=$1 port=$2 jar=$3
    shift 3
    taskset -c 1 java -Xmx512m -Dquarkus.http.port="$port" "$@" -jar "$jar" >"$WORK/$name.log" 2>&1 &
    pids+=($!)
}
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# A Redis of our own, holding 1,000 revoked subjects (none of them the benchmark token's), as the store would write them.
REDIS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
taskset -c 0 redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
python3 - "$REDIS_PORT" <<'PY' | redis-cli -p "$REDIS_PORT" >/dev/null
import json, sys, time
now = int(time.time() * 1000)
expires = now + 24 * 3600 * 1000
for i in range(1000):
    member = f"SUBJECT:revoked-{i}"
    entry = json.dumps({"kind": "SUBJECT", "id": f"revoked-{i}", "reason": "benchmark", "revokedAt": now, "expiresAt": expires})
    print(f"SET auth-gateway:entry:{member} '{entry}' PXAT {expires}")
    print(f"ZADD auth-gateway:index {expires} {member}")
print("SET auth-gateway:version 1")
PY
start plain 8091 benchmarks/plain-app/target/quarkus-app/quarkus-run.jar
start gateway 8090 benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar
start gateway-nocache 8092 benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar \
    -Dquarkus.auth-gateway.token-cache.enabled=false
start gateway-redis 8093 benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT"
for port in 8090 8091 8092 8093; do
    for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$port/open" && break; sleep 0.5; done
done
grep -q "Revocation store: Redis" "$WORK/gateway-redis.log" || { echo "gateway-redis does not use Redis" >&2; exit 1; }

# name|port|path|header|lua
CASES=(
    "plain open|8091|/open||"
    "gateway open|8090|/open||"
    "plain smallrye-jwt RS256|8091|/jwt|Authorization: Bearer $TOKEN|"
    "gateway RS256, token cache|8090|/jwt|Authorization: Bearer $TOKEN|"
    "gateway RS256, token cache, Redis revocation on|8093|/jwt|Authorization: Bearer $TOKEN|"
    "gateway RS256, no cache|8092|/jwt|Authorization: Bearer $TOKEN|"
    "plain smallrye-jwt RS256, unique tokens|8091|/jwt||benchmarks/unique-tokens.lua"
    "gateway RS256, unique tokens, no cache|8092|/jwt||benchmarks/unique-tokens.lua"
    "plain Basic (plain-text properties)|8091|/basic|Authorization: $BASIC|"
    "gateway Basic (bcrypt 10, verification cache)|8090|/basic|Authorization: $BASIC|"
    "gateway Basic, Redis revocation on|8093|/basic|Authorization: $BASIC|"
)
export TOKENS="$PWD/$WORK/tokens.txt"

measure() { # case seconds -> "rps p99"
    IFS='|' read -r _ port path header lua <<<"$1"
    local args=(-t1 -c32 -d"${2}s" --latency)
    [ -n "$header" ] && args+=(-H "$header")
    [ -n "$lua" ] && args+=(-s "$lua")
    local out status
    status=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "http://localhost:$port$path")
    [ -n "$lua" ] && status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -n1 "$TOKENS")" "http://localhost:$port$path")
    [ "$status" = 200 ] || { echo "check failed: $1 answered $status" >&2; exit 1; }
    out=$(taskset -c 0 wrk "${args[@]}" "http://localhost:$port$path")
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "Warming up..."
for c in "${CASES[@]}"; do measure "$c" 10 >/dev/null; done

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
    for c in "${CASES[@]}"; do
        read -r rps p99 <<<"$(measure "$c" "$SECONDS_EACH")"
        printf '%s\t%s\t%s\t%s\n' "$round" "${c%%|*}" "$rps" "$p99" >>"$RESULTS"
        printf 'round %s  %-48s %10s req/s  p99 %s\n' "$round" "${c%%|*}" "$rps" "$p99"
    done
done

python3 - "$RESULTS" <<'PY' | tee "$WORK/results.md"
import sys, statistics, collections
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
by_case, base = collections.OrderedDict(), {}
for rnd, case, rps, p99 in rows:
    by_case.setdefault(case, []).append((rnd, float(rps), p99))
    if case == "plain open":
        base[rnd] = float(rps)
print("| endpoint | req/s (median) | p99 (median) | ratio to plain open |")
print("|---|---|---|---|")
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
for case, values in by_case.items():
    rps = statistics.median(v[1] for v in values)
    p99 = statistics.median(ms(v[2]) for v in values)
    ratio = statistics.median(v[1] / base[v[0]] for v in values)
    print(f"| {case} | {rps:,.0f} | {p99:.2f} ms | {ratio:.2f} |")
PY
