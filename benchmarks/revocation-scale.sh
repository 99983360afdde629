#!/usr/bin/env bash
# How the Redis revocation store scales with the entries in force: for each size, a fresh redis-server (CPU 0) filled
# with that many subject entries as the store writes them, then the gateway (CPU 1) started against it.
#
#   benchmarks/revocation-scale.sh [sizes...]        (default: 0 1000 10000 100000 1000000)
#
# Per size: the time the gateway took to load its mirror (its own log line), the longest single Redis command while it
# did (SLOWLOG, every command logged), the live heap after a full collection (GC.class_histogram) and what it grew
# by per entry over the empty store, and req/s and the gateway's CPU microseconds per request of Bearer RS256 with the
# token cache, revocation checked against the mirror (MEASURE_SECONDS of wrk, default 10, after as many of warm-up). Results:
# benchmarks/target/revocation-scale/results.tsv and results.md. Needs wrk, redis-server, taskset and the JDK's jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/cpu.sh
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(0 1000 10000 100000 1000000)
SECONDS_EACH=${MEASURE_SECONDS:-10}
WORK=benchmarks/target/revocation-scale
mkdir -p "$WORK"
for tool in wrk taskset redis-server redis-cli jcmd python3; do
    command -v "$tool" >/dev/null || { echo "$tool is required"; exit 1; }
done
${MVN:-mvn} -B -q package -DskipTests -Pbenchmarks -pl benchmarks/token-tool,benchmarks/gateway-app -am
java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
    io.quarkiverse.authgateway.bench.TokenTool "$WORK" 1 2>/dev/null
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"
TOKEN=$(cat "$WORK/token.txt")
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

RESULTS="$WORK/results.tsv"
printf 'entries\tload_ms\tlongest_redis_command_us\tlongest_command\tlive_heap_bytes\theap_bytes_per_entry\treq_per_s\tcpu_us\n' \
    >"$RESULTS"
EMPTY_HEAP=""
for size in "${SIZES[@]}"; do
    redis_port=$(free_port)
    taskset -c 0 redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
        --slowlog-max-len 100000 >"$WORK/redis-$size.log" 2>&1 &
    redis_pid=$!
    pids+=("$redis_pid")
    for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    # the entries, as the store's PUT script writes them (entry with its expiry, index member scored by it)
    python3 - "$size" <<'PY' | redis-cli -p "$redis_port" --pipe >/dev/null
import sys, time
def command(*args):
    parts = [f"*{len(args)}\r\n"]
    for arg in args:
        data = str(arg).encode()
        parts.append(f"${len(data)}\r\n{data.decode()}\r\n")
    return "".join(parts)
now = int(time.time() * 1000)
expires = now + 24 * 3600 * 1000
out = sys.stdout
for i in range(int(sys.argv[1])):
    member = f"SUBJECT:scale-{i}"
    entry = ('{"kind":"SUBJECT","id":"scale-%d","reason":"scale benchmark","revokedAt":%d,"expiresAt":%d}'
             % (i, now, expires))
    out.write(command("SET", "auth-gateway:entry:" + member, entry, "PXAT", expires))
    out.write(command("ZADD", "auth-gateway:index", expires, member))
out.write(command("SET", "auth-gateway:version", max(1, int(sys.argv[1]))))
PY
    redis-cli -p "$redis_port" config set slowlog-log-slower-than 0 >/dev/null
    redis-cli -p "$redis_port" slowlog reset >/dev/null
    gateway_port=$(free_port)
    log="$WORK/gateway-$size.log"
    taskset -c 1 java -Xmx3g -Dquarkus.http.port="$gateway_port" -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" \
        -Dquarkus.auth-gateway.revocation.redis.timeout=2S \
        -Dquarkus.log.category.\"io.quarkiverse.authgateway\".level=DEBUG \
        -jar benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
    gateway_pid=$!
    pids+=("$gateway_pid")
    for _ in $(seq 1 600); do grep -q "Revocation mirror loaded" "$log" && break; sleep 0.1; done
    load_ms=$(sed -n 's/.*Revocation mirror loaded: .* in \([0-9]*\) ms.*/\1/p' "$log" | head -1)
    [ -n "$load_ms" ] || { echo "the gateway never loaded its mirror of $size entries: $log" >&2; exit 1; }
    longest=$(redis-cli -p "$redis_port" slowlog get 100000 | python3 -c '
import sys
lines = [line.strip() for line in sys.stdin]
best = (0, "-")
# SLOWLOG GET, as redis-cli prints it: id, timestamp, duration (us), then the arguments, client address and name
for i in range(len(lines) - 3):
    if lines[i + 2].isdigit() and lines[i].isdigit() and lines[i + 1].isdigit() and int(lines[i + 1]) > 10**9:
        if int(lines[i + 2]) > best[0]:
            best = (int(lines[i + 2]), lines[i + 3])
print(best[0], best[1])')
    read -r longest_us longest_command <<<"$longest"
    heap=$(jcmd "$gateway_pid" GC.class_histogram | awk '/^Total/ {print $3}')
    # growth per entry over the empty store, when this run measured it (size 0 first)
    [ "$size" -ne 0 ] || EMPTY_HEAP=$heap
    per_entry=-
    if [ "$size" -gt 0 ] && [ -n "$EMPTY_HEAP" ]; then
        per_entry=$(awk -v h="$heap" -v e="$EMPTY_HEAP" -v n="$size" 'BEGIN {printf "%.0f", (h - e) / n}')
    fi
    taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -H "Authorization: Bearer $TOKEN" "http://localhost:$gateway_port/jwt" \
        >/dev/null
    ticks0=$(cpu_ticks "$gateway_pid")
    out=$(taskset -c 0 wrk -t1 -c32 -d"${SECONDS_EACH}s" -H "Authorization: Bearer $TOKEN" \
        "http://localhost:$gateway_port/jwt")
    ticks1=$(cpu_ticks "$gateway_pid")
    requests=$(awk '/ requests in / {print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    [ -z "$non2xx" ] || { echo "$non2xx answers other than 200 with $size entries" >&2; exit 1; }
    cpu=$(cpu_us_per_request "$ticks0" "$ticks1" "$requests")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$load_ms" "$longest_us" "$longest_command" "$heap" "$per_entry" \
        "$rps" "$cpu" >>"$RESULTS"
    printf '%8s entries: mirror loaded in %6s ms, longest Redis command %6s us (%s), live heap %5.0f MiB (%s bytes/entry), %10s req/s, %5s CPU us/request\n' \
        "$size" "$load_ms" "$longest_us" "$longest_command" "$(awk -v h="$heap" 'BEGIN {print h / 1048576}')" \
        "$per_entry" "$rps" "$cpu"
    kill "$gateway_pid" "$redis_pid"
    wait "$gateway_pid" "$redis_pid" 2>/dev/null || true
    pids=()
done

python3 - "$RESULTS" <<'PY' | tee "$WORK/results.md"
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
print("| entries in force | mirror load | longest Redis command | live heap | heap per entry | req/s | CPU µs/request |")
print("|---|---|---|---|---|---|---|")
for size, load, longest, command, heap, per_entry, rps, cpu in rows:
    print(f"| {int(size):,} | {int(load):,} ms | {int(longest):,} µs ({command}) | {int(heap) / 1048576:,.0f} MiB "
          f"| {per_entry if per_entry == '-' else per_entry + ' B'} | {float(rps):,.0f} | {cpu} |")
PY
