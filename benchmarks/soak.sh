#!/usr/bin/env bash
# A soak of the gateway with its Redis revocation store, Redis failing on a schedule. Not part of CI.
#
#   benchmarks/soak.sh [minutes=10]
#
# Starts redis-server on a free loopback port (append-only file, fsync on every write, so that revocations survive its
# kills) and the gateway application with the Redis store, pinned to CPU 1 (Redis and the load generator on CPU 0).
# benchmarks/soak/Soak.java signs the tokens and revokes 20 subjects through the admin endpoint; a short wrk probe of
# the request mix finds the saturation rate; then the generator sends the mix at 80 % of it for the given minutes
# (8/20 valid Basic, 8/20 valid Bearer RS256 from the token cache, 2/20 Bearer of a revoked subject, 2/20 Bearer
# of subjects revoked during the run) while Redis is killed and restarted 20 s later, paused for 1 s and for 5 s
# (CLIENT PAUSE ... ALL), repeatedly. It reports the answers per 10-s interval, the wrongly accepted revoked tokens
# and the unexpected answers (both must be 0), the 503 windows after each fault and the server's heap after GC at the
# start and at the end (with class histograms in benchmarks/target/soak), and writes them into
# docs/modules/ROOT/pages/soak.adoc (SOAK_DOC=0: not). Exits 1 when a revoked token was accepted or an answer was
# unexpected. Needs wrk, taskset, redis-server and the JDK's jcmd/jstat; MVN replaces the Maven command (MVN="mvn -o"
# for an offline build).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
RATE_SHARE=${RATE_SHARE:-0.8}
CONNECTIONS=${CONNECTIONS:-64}
WORK=benchmarks/target/soak
DOC=docs/modules/ROOT/pages/soak.adoc
rm -rf "$WORK"
mkdir -p "$WORK/redis" "$WORK/classes"
ABS=$PWD/$WORK

for tool in wrk taskset redis-server redis-cli jcmd jstat; do
    command -v "$tool" >/dev/null || { echo "$tool is required (wrk, redis-server: Debian packages wrk, redis-server)"; exit 1; }
done
${MVN:-mvn} -B -q package -DskipTests -Pbenchmarks -pl benchmarks/gateway-app -am
JAR=benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar
BUILT_FROM="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- runtime deployment redis \
    2>/dev/null || echo " with local changes")"
javac -d "$WORK/classes" benchmarks/soak/Soak.java
soak() { taskset -c 0 java -Xmx256m -cp "$WORK/classes" Soak "$@"; }
soak keys "$WORK"
export BENCH_PUBLIC_KEY="$ABS/publicKey.pem"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
REDIS_PORT=$(free_port)
PORT=$(free_port)
cat >"$WORK/redis.conf" <<EOF
port $REDIS_PORT
bind 127.0.0.1
dir $ABS/redis
daemonize yes
pidfile $ABS/redis.pid
logfile $ABS/redis.log
appendonly yes
appendfsync always
save ""
EOF

GATEWAY=
cleanup() {
    [ -n "$GATEWAY" ] && kill "$GATEWAY" 2>/dev/null || true
    [ -f "$WORK/redis.pid" ] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true
}
trap cleanup EXIT
taskset -c 0 redis-server "$WORK/redis.conf"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
taskset -c 1 java -Xmx512m -Dquarkus.http.port="$PORT" -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT" \
    -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
GATEWAY=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$PORT/open" && break; sleep 0.5; done
grep -q "Revocation store: Redis" "$WORK/gateway.log" || { echo "the gateway does not use Redis" >&2; exit 1; }

soak prepare "$WORK" "$PORT"
echo "Warming up and probing the saturation rate..."
export SOAK_REQUESTS="$ABS/probe.txt"
taskset -c 0 wrk -t1 -c32 -d15s -s benchmarks/soak/probe.lua "http://localhost:$PORT/" >/dev/null
PROBE_OUT=$(taskset -c 0 wrk -t1 -c32 -d10s -s benchmarks/soak/probe.lua "http://localhost:$PORT/")
PROBE=$(awk '/Requests\/sec/ {print $2}' <<<"$PROBE_OUT")
grep -q '^probe-odd-answers 0$' <<<"$PROBE_OUT" || { echo "the probe got answers other than 200 and 401:" >&2; echo "$PROBE_OUT" >&2; exit 1; }
RATE=$(awk -v p="$PROBE" -v s="$RATE_SHARE" 'BEGIN {printf "%.0f", p * s}')
echo "Saturation (wrk -t1 -c32, the mix): $PROBE req/s; the soak sends $RATE req/s"

heap() { # the heap in use after a full GC, in MiB, and the live threads
    jcmd "$GATEWAY" GC.run >/dev/null
    sleep 1
    jstat -gc "$GATEWAY" | awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
        NR == 2 {printf "%.1f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024}'
}
threads() { awk '/^Threads:/ {print $2}' "/proc/$GATEWAY/status"; }
HEAP_START=$(heap)
jcmd "$GATEWAY" GC.class_histogram >"$WORK/histogram-start.txt"
THREADS_START=$(threads)
echo "Heap after GC at the start: $HEAP_START MiB, $THREADS_START threads"

soak run "$WORK" "$PORT" "$REDIS_PORT" "$ABS/redis.conf" $((MINUTES * 60)) "$RATE" "$CONNECTIONS" | tee "$WORK/run.log"

HEAP_END=$(heap)
jcmd "$GATEWAY" GC.class_histogram >"$WORK/histogram-end.txt"
THREADS_END=$(threads)
echo "Heap after GC at the end: $HEAP_END MiB, $THREADS_END threads"
ERRORS=$(grep -c " ERROR " "$WORK/gateway.log" || true)
UNREACHABLE=$(grep -c "Revocation store unreachable\|Revocation store not answering" "$WORK/gateway.log" || true)
BACK=$(grep -c "Revocation store reachable again\|Revocation store answering again" "$WORK/gateway.log" || true)
value() { sed -n "s/^$1=//p" "$WORK/summary.properties"; }
WRONGLY=$(value wrongly_accepted)
UNEXPECTED=$(value unexpected)
echo "Wrongly accepted revoked tokens: $WRONGLY; unexpected answers: $UNEXPECTED $(value unexpected_detail)"
echo "Server log: $ERRORS ERROR lines; store unreachable or not answering $UNREACHABLE times, reachable or answering again $BACK times"

n() { python3 -c 'import sys; print(f"{round(float(sys.argv[1])):,}")' "$1"; }
if [ "${SOAK_DOC:-1}" != 0 ]; then
    JDK=$(java -version 2>&1 | head -n1)
    CPU=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
    {
        echo "=== $(date -u +%F): $MINUTES minutes"
        echo
        echo "Machine: $(nproc) cores ($CPU), $JDK, Redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/')."
        echo "Gateway built from $BUILT_FROM."
        echo "Saturation of the mix (wrk -t1 -c32): $(n "$PROBE") req/s; the soak sent $(n "$(value rate)") req/s over"
        echo "$(value connections) connections: $(n "$(value sent)") requests, $(n "$(value not_sent)") not sent because every"
        echo "connection was busy."
        echo
        echo "[cols=\"3,2\"]"
        echo "|==="
        echo "|Wrongly accepted revoked tokens (must be 0) |*$WRONGLY*"
        echo "|Unexpected answers (must be 0) |*$UNEXPECTED*$( [ -n "$(value unexpected_detail)" ] && echo " ($(value unexpected_detail))")"
        echo "|503 \`revocation_store_unavailable\` answers |$(n "$(value store_503)")"
        echo "|Heap after GC, start / end |$HEAP_START MiB / $HEAP_END MiB"
        echo "|Server threads, start / end |$THREADS_START / $THREADS_END"
        echo "|Server log |$ERRORS ERROR lines; \"store unreachable\" or \"not answering\" $UNREACHABLE times, \"reachable\" or \"answering again\" $BACK times"
        echo "|==="
        echo
        cat "$WORK/results.adoc"
    } >"$WORK/measured.adoc"
    python3 - "$DOC" "$WORK/measured.adoc" <<'PY'
import sys
doc, measured = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "// measured:begin\n", "// measured:end\n"
if begin not in text or end not in text:
    sys.exit(f"{doc} lacks the {begin.strip()} / {end.strip()} markers")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + begin + measured + end + tail)
PY
    echo "Figures written into $DOC"
fi
[ "$WRONGLY" = 0 ] && [ "$UNEXPECTED" = 0 ]
