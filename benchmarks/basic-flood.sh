#!/usr/bin/env bash
# Measures what a flood of wrong Basic passwords costs the callers the verification cache knows, side by side in one
# run, on the same machine.
#
#   benchmarks/basic-flood.sh [rounds] [seconds-per-measurement]
#
# Several gateway servers start side by side (only one is under load at a time), each with another
# basic.max-concurrent-hashes and throttle setting; most share CPU 1, two get both cores (wrk then shares CPU 0 with
# them). wrk runs on CPU 0. For every configuration, each round measures the cached caller (user bench, its
# credentials in the verification cache after one warm-up request; wrk -t1 -c32) alone, then again while a second wrk
# (-t1 -c16, benchmarks/basic-flood.lua) sends wrong passwords, a different one every request, for 16 existing users
# (a fresh set every round, so that each round starts with the same throttle state) from 256 client addresses
# (X-Forwarded-For, forwarded by the server): the per-user and per-address throttle see the flood spread as an attacker
# would spread it. The flood starts FLOOD_LEAD (3) seconds before the measurement and ends after it. The table gives
# medians over rounds: the cached caller's req/s alone and during the flood, the ratio of the two (same round), the
# flood's answers by status, the cached caller's answers that were not 200 during the flood, and the server's CPU time
# (user + system) during each measurement, and how busy CPU 0 (the load generators) was. Needs wrk (Debian package
# "wrk") and taskset; MVN replaces the Maven command (MVN="mvn -o" for an offline build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_EACH=${2:-10}
FLOOD_LEAD=${FLOOD_LEAD:-3}
FLOOD_USERS=16
WORK=benchmarks/target/basic-flood
mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
command -v taskset >/dev/null || { echo "taskset is required (util-linux)"; exit 1; }
${MVN:-mvn} -B -q package -DskipTests -Pbenchmarks -pl benchmarks/gateway-app -am
JAR=benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar
# The Bearer issuer needs a key file to start; the flood uses none.
[ -f "$WORK/publicKey.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null \
    | openssl pkey -pubout >"$WORK/publicKey.pem"
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"
BASIC="Basic $(printf 'bench:bench-secret' | base64)"
HASH=$(sed -n 's/^quarkus.auth-gateway.basic.users.bench.password-hash=//p' benchmarks/gateway-app/src/main/resources/application.properties)

# One set of flood users per round (flood-r<round>-1 .. -16), declared at startup; flood-1 .. flood-16 in
# application.properties serve the warm-up.
FLOOD_USER_ARGS=()
for round in $(seq 1 "$ROUNDS"); do
    for n in $(seq 1 "$FLOOD_USERS"); do
        FLOOD_USER_ARGS+=("-Dquarkus.auth-gateway.basic.users.flood-r$round-$n.password-hash=$HASH")
    done
done

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
declare -A PORT PID
start() { # name cpus extra-args...
    local name=$1 cpus=$2
    shift 2
    PORT[$name]=$(free_port)
    taskset -c "$cpus" java -Xmx512m -Dquarkus.http.port="${PORT[$name]}" \
        -Dquarkus.http.proxy.proxy-address-forwarding=true -Dquarkus.http.proxy.allow-x-forwarded=true \
        "${FLOOD_USER_ARGS[@]}" "$@" -jar "$JAR" >"$WORK/$name.log" 2>&1 &
    PID[$name]=$!
    pids+=($!)
}
NO_THROTTLE=-Dquarkus.auth-gateway.basic.throttle.enabled=false
UNBOUNDED=-Dquarkus.auth-gateway.basic.max-concurrent-hashes=64
start bound-default 1 "$NO_THROTTLE"
start bound-default-throttle 1
start bound-64 1 "$UNBOUNDED" "$NO_THROTTLE"
start bound-64-throttle 1 "$UNBOUNDED"
start cpu2-bound-2 0,1 -Dquarkus.auth-gateway.basic.max-concurrent-hashes=2 "$NO_THROTTLE"
start cpu2-bound-default 0,1 "$NO_THROTTLE"
start cpu2-default 0,1
for name in "${!PORT[@]}"; do
    for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:${PORT[$name]}/open" && break; sleep 0.5; done
    # the warm-up request that puts bench's credentials in the verification cache
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $BASIC" "http://localhost:${PORT[$name]}/basic")
    [ "$status" = 200 ] || { echo "$name: the cached caller got $status" >&2; exit 1; }
done

# label|server|flood mode (basic: wrong passwords; none: no credentials, no hash needed)
CASES=(
    "1 CPU, defaults, one client (16 connections, 2 users)|bound-default-throttle|one-client"
    "2 CPUs, defaults, one client (16 connections, 2 users)|cpu2-default|one-client"
    "1 CPU, default bound (1), throttle off|bound-default|basic"
    "1 CPU, default bound (1), default throttle|bound-default-throttle|basic"
    "1 CPU, bound 64, throttle off|bound-64|basic"
    "1 CPU, bound 64, default throttle|bound-64-throttle|basic"
    "1 CPU, flood without credentials (no hash), for reference|bound-default|none"
    "2 CPUs, bound 2 (one per processor), throttle off|cpu2-bound-2|basic"
    "2 CPUs, default bound (1), throttle off|cpu2-bound-default|basic"
    "2 CPUs, default bound (1), default throttle|cpu2-default|basic"
    "2 CPUs, flood without credentials (no hash), for reference|cpu2-bound-default|none"
)
# CASES_MATCHING=<regex> measures only the configurations whose label matches
if [ -n "${CASES_MATCHING:-}" ]; then
    selected=()
    for c in "${CASES[@]}"; do
        [[ ${c%%|*} =~ $CASES_MATCHING ]] && selected+=("$c")
    done
    CASES=("${selected[@]}")
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
cpu0() { awk '$1 == "cpu0" {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
settle() { # pid: waits until the server is idle (hashes still running after a flood ended), at most 15 s
    local before after
    for _ in $(seq 1 30); do
        before=$(cpu_ticks "$1")
        sleep 0.5
        after=$(cpu_ticks "$1")
        [ $((after - before)) -le $((tick / 50)) ] && return 0
    done
}

cached() { # port seconds -> "rps non-2xx"
    local out
    out=$(taskset -c 0 wrk -t1 -c32 -d"${2}s" -H "Authorization: $BASIC" "http://localhost:$1/basic")
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '/Non-2xx/ {print $5}' <<<"$out" | grep . || echo 0)"
}

flood() { # port seconds prefix address-prefix mode -> the status line of basic-flood.lua, then "rps"
    local out users=$FLOOD_USERS
    [ "$5" = one-client ] && users=2
    out=$(FLOOD_PREFIX=$3 FLOOD_USERS=$users FLOOD_ADDRESS_PREFIX=$4 FLOOD_MODE=$5 \
        taskset -c 0 wrk -t1 -c16 -d"${2}s" -s benchmarks/basic-flood.lua "http://localhost:$1/basic")
    echo "$(grep '^flood-statuses' <<<"$out") rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
}

echo "Warming up..."
for c in "${CASES[@]}"; do
    IFS='|' read -r _ server mode <<<"$c"
    cached "${PORT[$server]}" 10 >/dev/null
    flood "${PORT[$server]}" 5 flood 127.200.0 "$mode" >/dev/null
    settle "${PID[$server]}"
done

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
    for c in "${CASES[@]}"; do
        IFS='|' read -r label server mode <<<"$c"
        port=${PORT[$server]} pid=${PID[$server]}
        t0=$(cpu_ticks "$pid")
        read -r alone _ <<<"$(cached "$port" "$SECONDS_EACH")"
        t1=$(cpu_ticks "$pid")
        flood "$port" $((FLOOD_LEAD + SECONDS_EACH + 1)) "flood-r$round" "127.$round.$((RANDOM % 256))" "$mode" \
            >"$WORK/flood.out" &
        fpid=$!
        sleep "$FLOOD_LEAD"
        t2=$(cpu_ticks "$pid")
        read -r busy0 total0 <<<"$(cpu0)"
        read -r during refused <<<"$(cached "$port" "$SECONDS_EACH")"
        read -r busy1 total1 <<<"$(cpu0)"
        t3=$(cpu_ticks "$pid")
        wait "$fpid"
        settle "$pid"
        statuses=$(cat "$WORK/flood.out")
        get() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$statuses"; }
        cpu_alone=$(awk -v t="$((t1 - t0))" -v k="$tick" 'BEGIN {printf "%.1f", t / k}')
        cpu_flood=$(awk -v t="$((t3 - t2))" -v k="$tick" 'BEGIN {printf "%.1f", t / k}')
        cpu0_busy=$(awk -v b="$((busy1 - busy0))" -v t="$((total1 - total0))" 'BEGIN {printf "%.0f", 100 * b / t}')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$alone" "$during" \
            "$refused" "$(get 401)" "$(get 429)" "$(get 503)" "$(get other)" "$(get rps)" "$cpu_alone" "$cpu_flood" \
            "$cpu0_busy" >>"$RESULTS"
        printf 'round %s  %-58s alone %9s  flood %9s req/s  (cached non-200 %s; flood %s)  CPU %s s / %s s, CPU 0 %s %%\n' \
            "$round" "$label" "$alone" "$during" "$refused" "$statuses" "$cpu_alone" "$cpu_flood" "$cpu0_busy"
    done
done
for name in "${!PORT[@]}"; do
    grep -E "ERROR|Exception" "$WORK/$name.log" | head -3 | sed "s/^/$name: /" >&2 || true
done

python3 - "$RESULTS" "$SECONDS_EACH" "$FLOOD_LEAD" <<'PY' | tee "$WORK/results.md"
import sys, statistics, collections
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
seconds, lead = int(sys.argv[2]), int(sys.argv[3])
by_case = collections.OrderedDict()
for row in rows:
    by_case.setdefault(row[1], []).append(row)
med = lambda values: statistics.median(float(v) for v in values)
print(f"Medians over {len(rows) // len(by_case)} rounds; the flood's answers are counted over its {lead + seconds + 1} s,"
      f" CPU over each {seconds} s measurement.")
print()
print("| configuration | cached alone (req/s) | cached during flood (req/s) | ratio | cached non-200 "
      "| flood 401 | flood 429 | flood 503 | flood other | flood req/s | server CPU alone / flood (s) "
      "| CPU 0 busy during flood |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for case, values in by_case.items():
    col = lambda i: [v[i] for v in values]
    ratio = statistics.median(float(v[3]) / float(v[2]) for v in values)
    print(f"| {case} | {med(col(2)):,.0f} | {med(col(3)):,.0f} | {ratio:.2f} | {med(col(4)):,.0f} "
          f"| {med(col(5)):,.0f} | {med(col(6)):,.0f} | {med(col(7)):,.0f} | {med(col(8)):,.0f} | {med(col(9)):,.0f} "
          f"| {med(col(10)):.1f} / {med(col(11)):.1f} | {med(col(12)):.0f} % |")
PY
