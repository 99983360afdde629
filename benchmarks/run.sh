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
# same round. Next to req/s, every measurement reads the server's CPU time from the kernel's per-process counters:
# CPU microseconds per request hold when the machine's speed swings between rounds, and the CPU a feature adds over
# the same server's open endpoint is its cost. A second gateway process identical to the first (gateway-twin) measures
# how far two identical processes differ, and the Redis server's command count shows whether a measurement sent any
# command to Redis. Results: benchmarks/target/run/results.tsv (every measurement), summary.tsv and results.md.
# Needs wrk (Debian package "wrk"), taskset and redis-server.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/cpu.sh
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
declare -A PID
start() { # name port jar extra-args...
    local name=$1 port=$2 jar=$3
    shift 3
    taskset -c 1 java -Xmx512m -Dquarkus.http.port="$port" "$@" -jar "$jar" >"$WORK/$name.log" 2>&1 &
    pids+=($!)
    PID[$name]=$!
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
start gateway-twin 8095 benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar
for port in 8090 8091 8092 8093 8095; do
    for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$port/open" && break; sleep 0.5; done
done
grep -q "Revocation store: Redis" "$WORK/gateway-redis.log" || { echo "gateway-redis does not use Redis" >&2; exit 1; }

# name|port|path|header|lua|server|the open endpoint of the same server (for the CPU a feature adds)
PLAIN=${PID[plain]} GATEWAY=${PID[gateway]} NOCACHE=${PID[gateway-nocache]} REDIS=${PID[gateway-redis]}
TWIN=${PID[gateway-twin]}
CASES=(
    "plain open|8091|/open|||$PLAIN|plain open"
    "gateway open|8090|/open|||$GATEWAY|gateway open"
    "gateway open, Redis revocation on|8093|/open|||$REDIS|gateway open, Redis revocation on"
    "plain smallrye-jwt RS256|8091|/jwt|Authorization: Bearer $TOKEN||$PLAIN|plain open"
    "gateway RS256, token cache|8090|/jwt|Authorization: Bearer $TOKEN||$GATEWAY|gateway open"
    "gateway RS256, token cache (identical second process)|8095|/jwt|Authorization: Bearer $TOKEN||$TWIN|gateway open"
    "gateway RS256, token cache, Redis revocation on|8093|/jwt|Authorization: Bearer $TOKEN||$REDIS|gateway open, Redis revocation on"
    "gateway RS256, no cache|8092|/jwt|Authorization: Bearer $TOKEN||$NOCACHE|gateway open"
    "plain smallrye-jwt RS256, unique tokens|8091|/jwt||benchmarks/unique-tokens.lua|$PLAIN|plain open"
    "gateway RS256, unique tokens, no cache|8092|/jwt||benchmarks/unique-tokens.lua|$NOCACHE|gateway open"
    "gateway RS256, unique tokens, token cache full (20,000 tokens, 10,000 kept)|8090|/jwt||benchmarks/unique-tokens.lua|$GATEWAY|gateway open"
    "plain Basic (plain-text properties)|8091|/basic|Authorization: $BASIC||$PLAIN|plain open"
    "gateway Basic (bcrypt 10, verification cache)|8090|/basic|Authorization: $BASIC||$GATEWAY|gateway open"
    "gateway Basic, Redis revocation on|8093|/basic|Authorization: $BASIC||$REDIS|gateway open, Redis revocation on"
)
export TOKENS="$PWD/$WORK/tokens.txt"

redis_commands() {
    redis-cli -p "$REDIS_PORT" info stats | awk -F: '/^total_commands_processed/ {print $2 + 0}'
}

measure() { # case seconds -> "rps p99 requests cpu-us redis-commands"
    IFS='|' read -r _ port path header lua server _ <<<"$1"
    local args=(-t1 -c32 -d"${2}s" --latency)
    [ -n "$header" ] && args+=(-H "$header")
    [ -n "$lua" ] && args+=(-s "$lua")
    local out status
    status=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "http://localhost:$port$path")
    [ -n "$lua" ] && status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -n1 "$TOKENS")" "http://localhost:$port$path")
    [ "$status" = 200 ] || { echo "check failed: $1 answered $status" >&2; exit 1; }
    local ticks0 ticks1 commands0 commands1 requests
    commands0=$(redis_commands)
    ticks0=$(cpu_ticks "$server")
    out=$(taskset -c 0 wrk "${args[@]}" "http://localhost:$port$path")
    ticks1=$(cpu_ticks "$server")
    commands1=$(redis_commands)
    requests=$(awk '/ requests in / {print $1}' <<<"$out")
    # the second INFO is the one command that is ours
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out") $requests" \
        "$(cpu_us_per_request "$ticks0" "$ticks1" "$requests") $((commands1 - commands0 - 1))"
}

echo "Warming up..."
for c in "${CASES[@]}"; do measure "$c" 10 >/dev/null; done

RESULTS="$WORK/results.tsv"
printf 'round\tendpoint\treq_per_s\tp99\trequests\tcpu_us\tredis_commands\n' >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
    for c in "${CASES[@]}"; do
        read -r rps p99 requests cpu commands <<<"$(measure "$c" "$SECONDS_EACH")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "${c%%|*}" "$rps" "$p99" "$requests" "$cpu" "$commands" >>"$RESULTS"
        printf 'round %s  %-54s %10s req/s  p99 %-9s CPU %6s us/request  Redis commands %s\n' "$round" "${c%%|*}" "$rps" \
            "$p99" "$cpu" "$commands"
    done
done

# the live heap of every gateway after all rounds (after a full collection): bounded by the caches' sizes, whatever
# the 20,000 distinct tokens did
for name in gateway gateway-nocache gateway-redis gateway-twin; do
    printf '%s\t%s\n' "$name" "$(jcmd "${PID[$name]}" GC.class_histogram | awk '/^Total/ {print $3}')"
done >"$WORK/heap.tsv"
BASES=$(for c in "${CASES[@]}"; do IFS='|' read -r name _ _ _ _ _ base <<<"$c"; printf '%s\t%s\n' "$name" "$base"; done)
python3 - "$RESULTS" "$WORK/summary.tsv" "$BASES" <<'PY' | tee "$WORK/results.md"
import sys, statistics, collections
results, summary, bases = sys.argv[1], sys.argv[2], dict(line.split("\t") for line in sys.argv[3].splitlines())
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
rows = [line.rstrip("\n").split("\t") for line in open(results)][1:]
by_case = collections.OrderedDict()
for rnd, case, rps, p99, requests, cpu, commands in rows:
    by_case.setdefault(case, {})[rnd] = dict(rps=float(rps), p99=ms(p99), cpu=float(cpu), commands=int(commands))
def median(values):
    return statistics.median(list(values))
plain = by_case["plain open"]
print("| endpoint | req/s | p99 | ratio to plain open | CPU us/request | CPU ratio to plain open "
      "| CPU us added over the server's open endpoint | Redis commands |")
print("|---|---|---|---|---|---|---|---|")
with open(summary, "w") as out:
    out.write("endpoint\treq_per_s\tp99_ms\tratio_to_plain_open\tcpu_us\tcpu_ratio_to_plain_open\tadded_cpu_us"
              "\tredis_commands\n")
    for case, rounds in by_case.items():
        base = by_case[bases[case]]
        rps = median(r["rps"] for r in rounds.values())
        p99 = median(r["p99"] for r in rounds.values())
        ratio = median(r["rps"] / plain[n]["rps"] for n, r in rounds.items())
        cpu = median(r["cpu"] for r in rounds.values())
        cpu_ratio = median(plain[n]["cpu"] / r["cpu"] for n, r in rounds.items())
        added = median(r["cpu"] - base[n]["cpu"] for n, r in rounds.items())
        commands = sum(r["commands"] for r in rounds.values())
        added_text = "" if bases[case] == case else f"{added:+.1f}"
        print(f"| {case} | {rps:,.0f} | {p99:.2f} ms | {ratio:.2f} | {cpu:.1f} | {cpu_ratio:.2f} | {added_text} "
              f"| {commands} |")
        out.write(f"{case}\t{rps:.0f}\t{p99:.3f}\t{ratio:.4f}\t{cpu:.1f}\t{cpu_ratio:.4f}\t{added:.1f}\t{commands}\n")
PY
echo
echo "Live heap of each gateway after all rounds, after a full collection (bytes):"
cat "$WORK/heap.tsv"
