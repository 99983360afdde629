#!/usr/bin/env bash
# Measures forwarding: one upstream reached directly, through the gateway and through nginx, side by side in one run,
# on the same machine.
#
#   benchmarks/forwarding.sh [rounds] [seconds-per-measurement]
#
# The upstream is plain-app's open endpoint (/open, "ok"), started with mp.jwt.token.header pointing at a header
# nobody sends, so that it ignores Authorization and does the same work whoever calls it. In front of it: the gateway
# (gateway-app, /fwd/* and /fwd-headers/* forwarded to it with the prefix replaced by /, the policy jwt admitting the
# benchmark's cached RS256 token, the caller's identity as the gateway's internal token or as identity headers) and
# nginx (proxy_pass, no authentication, upstream keep-alive, one worker), and plain Quarkus forwarding with
# vertx-http-proxy's HttpProxy and nothing else (proxy-app, no authentication): the floor of forwarding on the JVM, the
# same library the gateway forwards with, before any gateway feature. One more row, not compared against nginx:
# the gateway's internal token verified by a second plain-app (smallrye-jwt, the gateway's JWKS) on /jwt, as an
# upstream that trusts identity=token would. All servers share CPU 1 (only one target is under load at a time, with
# its upstream); wrk runs on CPU 0. Each round measures every target once, interleaved; the table gives medians over
# rounds, the median ratio to nginx's throughput and the median p99 added to the direct call's, of the same round.
# Next to req/s, each measurement reads the CPU time the front server (gateway or nginx) and the upstream spent, from
# the kernel's per-process counters: CPU microseconds per request hold when the machine's speed swings between
# rounds, and their ratio is the throughput ratio on one saturated core without the noise. After the saturated rounds,
# each target is measured once more at low load (LOW_CONNECTIONS, default 1, for LOW_SECONDS, default 10): the p99 a
# request sees when it does not queue behind 31 others, and what the hop adds to it.
# WARMUP=<seconds> sets the warm-up per target (default 60).
# Needs wrk (Debian package "wrk"), nginx (Debian package "nginx") and taskset.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/cpu.sh
ROUNDS=${1:-5}
SECONDS_EACH=${2:-10}
WORK=benchmarks/target/forwarding
mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
command -v nginx >/dev/null || { echo "nginx is required (apt-get install nginx)"; exit 1; }
mvn -B -q package -DskipTests -Pbenchmarks \
    -pl benchmarks/token-tool,benchmarks/gateway-app,benchmarks/plain-app,benchmarks/proxy-app -am
java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
    io.quarkiverse.authgateway.bench.TokenTool "$WORK" 1 2>/dev/null
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"
TOKEN=$(cat "$WORK/token.txt")

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
UPSTREAM=$(free_port)
VERIFYING=$(free_port)
GATEWAY=$(free_port)
GATEWAY_VERIFIED=$(free_port)
NGINX=$(free_port)
PROXY=$(free_port)

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

PLAIN_JAR=benchmarks/plain-app/target/quarkus-app/quarkus-run.jar
GATEWAY_JAR=benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar
start upstream "$UPSTREAM" "$PLAIN_JAR" -Dmp.jwt.token.header=X-Bench-Unused
start upstream-verifying "$VERIFYING" "$PLAIN_JAR" \
    -Dmp.jwt.verify.publickey.location="http://127.0.0.1:$GATEWAY_VERIFIED/.well-known/jwks.json" \
    -Dmp.jwt.verify.issuer=quarkus-auth-gateway -Dmp.jwt.verify.audiences=plain
start gateway "$GATEWAY" "$GATEWAY_JAR" \
    -Dquarkus.auth-gateway.upstream.plain.url="http://127.0.0.1:$UPSTREAM" \
    -Dquarkus.auth-gateway.upstream.plain-headers.url="http://127.0.0.1:$UPSTREAM"
start gateway-verified "$GATEWAY_VERIFIED" "$GATEWAY_JAR" \
    -Dquarkus.auth-gateway.upstream.plain.url="http://127.0.0.1:$VERIFYING"
start proxy "$PROXY" benchmarks/proxy-app/target/quarkus-app/quarkus-run.jar -Dbench.upstream.port="$UPSTREAM"

# nginx in the foreground with a configuration of its own: /fwd/ to the upstream, the prefix replaced by / as the
# gateway's upstream-path does, over kept-alive HTTP/1.1 connections.
NGINX_DIR="$PWD/$WORK/nginx"
mkdir -p "$NGINX_DIR/tmp"
cat >"$NGINX_DIR/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    upstream plain {
        server 127.0.0.1:$UPSTREAM;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$NGINX;
        location /fwd/ {
            proxy_pass http://plain/;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
taskset -c 1 nginx -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" >"$WORK/nginx.log" 2>&1 &
pids+=($!)
PID[nginx]=$!

for port in "$UPSTREAM" "$VERIFYING" "$GATEWAY" "$GATEWAY_VERIFIED" "$PROXY"; do
    for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$port/open" && break; sleep 0.5; done
done
for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$NGINX/" && break; sleep 0.5; done

# name|port|path|header|front server|its upstream (the direct call has no front server)
DIRECT="direct (plain-app /open)"
NGINX_CASE="nginx proxy_pass, no auth"
CASES=(
    "$DIRECT|$UPSTREAM|/open||${PID[upstream]}|"
    "$NGINX_CASE|$NGINX|/fwd/open||${PID[nginx]}|${PID[upstream]}"
    "Quarkus + vertx-http-proxy HttpProxy, no auth|$PROXY|/fwd/open||${PID[proxy]}|${PID[upstream]}"
    "gateway, Bearer RS256, identity=token|$GATEWAY|/fwd/open|Authorization: Bearer $TOKEN|${PID[gateway]}|${PID[upstream]}"
    "gateway, Bearer RS256, identity=headers|$GATEWAY|/fwd-headers/open|Authorization: Bearer $TOKEN|${PID[gateway]}|${PID[upstream]}"
    "gateway, identity=token verified by the upstream (/jwt)|$GATEWAY_VERIFIED|/fwd/jwt|Authorization: Bearer $TOKEN|${PID[gateway-verified]}|${PID[upstream-verifying]}"
)

# case seconds [connections] -> "rps p99 requests non2xx socket-errors front-cpu-us upstream-cpu-us"
measure() {
    IFS='|' read -r _ port path header front behind <<<"$1"
    local args=(-t1 -c"${3:-32}" -d"${2}s" --latency)
    [ -n "$header" ] && args+=(-H "$header")
    local out status front0 front1 behind0=0 behind1=0 requests
    status=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "http://localhost:$port$path")
    [ "$status" = 200 ] || { echo "check failed: $1 answered $status" >&2; exit 1; }
    front0=$(cpu_ticks "$front")
    [ -n "$behind" ] && behind0=$(cpu_ticks "$behind")
    out=$(taskset -c 0 wrk "${args[@]}" "http://localhost:$port$path")
    front1=$(cpu_ticks "$front")
    [ -n "$behind" ] && behind1=$(cpu_ticks "$behind")
    requests=$(awk '/ requests in / {print $1}' <<<"$out")
    awk -v front="$(cpu_us_per_request "$front0" "$front1" "$requests")" \
        -v behind="$(cpu_us_per_request "$behind0" "$behind1" "$requests")" \
        '/Requests\/sec/ {rps = $2}
        $1 == "99%" {p99 = $2}
        / requests in / {requests = $1}
        /Non-2xx or 3xx responses/ {non2xx = $NF}
        /Socket errors/ {gsub(",", ""); errors = $4 + $6 + $8 + $10}
        END {print rps, p99, requests, non2xx + 0, errors + 0, front, behind}' <<<"$out"
}

# The forwarded routes take longer than the direct call to reach their steady state on one core: every target is
# warmed up for WARMUP seconds (default 60), in 10 s steps whose req/s are printed.
WARMUP=${WARMUP:-60}
echo "Warming up ($WARMUP s per target)..."
for c in "${CASES[@]}"; do
    steps=()
    for _ in $(seq 1 $(((WARMUP + 9) / 10))); do
        result=$(measure "$c" 10)
        read -r rps _ <<<"$result"
        steps+=("$rps")
    done
    printf '  %-56s %s req/s\n' "${c%%|*}" "${steps[*]}"
done

RESULTS="$WORK/results.tsv"
LOW_CONNECTIONS=${LOW_CONNECTIONS:-1}
LOW_SECONDS=${LOW_SECONDS:-10}
printf 'round\ttarget\tconnections\treq_per_s\tp99\trequests\tnon_2xx_3xx\tsocket_errors\tfront_cpu_us\tupstream_cpu_us\n' \
    >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
    for load in "32 $SECONDS_EACH" "$LOW_CONNECTIONS $LOW_SECONDS"; do
        read -r connections seconds <<<"$load"
        for c in "${CASES[@]}"; do
            result=$(measure "$c" "$seconds" "$connections")
            read -r rps p99 requests non2xx errors front behind <<<"$result"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "${c%%|*}" "$connections" "$rps" "$p99" "$requests" \
                "$non2xx" "$errors" "$front" "$behind" >>"$RESULTS"
            printf 'round %s  %-56s c%-3s %9s req/s  p99 %-9s CPU us/request %s + %s  non-2xx %s  socket errors %s\n' \
                "$round" "${c%%|*}" "$connections" "$rps" "$p99" "$front" "$behind" "$non2xx" "$errors"
        done
    done
done

python3 - "$RESULTS" "$DIRECT" "$NGINX_CASE" "$WORK/summary.tsv" <<'PY' | tee "$WORK/results.md"
import sys, statistics, collections
results, direct, nginx, summary = sys.argv[1:5]
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
rows = [line.rstrip("\n").split("\t") for line in open(results)][1:]
saturated, low = collections.OrderedDict(), collections.OrderedDict()
for rnd, case, connections, rps, p99, requests, non2xx, errors, front, behind in rows:
    row = dict(round=rnd, rps=float(rps), p99=ms(p99), non2xx=int(non2xx), errors=int(errors),
               cpu=float(front) + float(behind), front=float(front), behind=float(behind))
    (saturated if connections == "32" else low).setdefault(case, {})[rnd] = row
def median(values):
    return statistics.median(list(values))
print("Saturated (32 connections); CPU is the front server's + the upstream's microseconds per request:")
print()
print("| target | req/s | p99 | req/s ratio to nginx | CPU us/request | CPU ratio to nginx | p99 at low load "
      "| p99 added at low load | non-2xx, socket errors |")
print("|---|---|---|---|---|---|---|---|---|")
with open(summary, "w") as out:
    out.write("target\treq_per_s\tp99_ms\tratio_to_nginx\tcpu_us\tfront_cpu_us\tupstream_cpu_us\tcpu_ratio_to_nginx"
              "\tlow_load_p99_ms\tlow_load_added_p99_ms\tnon_2xx_3xx\tsocket_errors\n")
    for case, rounds in saturated.items():
        rps = median(r["rps"] for r in rounds.values())
        p99 = median(r["p99"] for r in rounds.values())
        ratio = median(r["rps"] / saturated[nginx][n]["rps"] for n, r in rounds.items())
        cpu = median(r["cpu"] for r in rounds.values())
        front = median(r["front"] for r in rounds.values())
        behind = median(r["behind"] for r in rounds.values())
        cpu_ratio = median(saturated[nginx][n]["cpu"] / r["cpu"] for n, r in rounds.items())
        low_p99 = median(r["p99"] for r in low[case].values())
        low_added = median(r["p99"] - low[direct][n]["p99"] for n, r in low[case].items())
        non2xx = sum(r["non2xx"] for r in rounds.values()) + sum(r["non2xx"] for r in low[case].values())
        errors = sum(r["errors"] for r in rounds.values()) + sum(r["errors"] for r in low[case].values())
        parts = f"{front:.1f}" if case == direct else f"{front:.1f} + {behind:.1f}"
        print(f"| {case} | {rps:,.0f} | {p99:.2f} ms | {ratio:.2f} | {parts} | {cpu_ratio:.2f} | {low_p99:.3f} ms "
              f"| {low_added:+.3f} ms | {non2xx}, {errors} |")
        out.write(f"{case}\t{rps:.0f}\t{p99:.3f}\t{ratio:.4f}\t{cpu:.1f}\t{front:.1f}\t{behind:.1f}\t{cpu_ratio:.4f}"
                  f"\t{low_p99:.3f}\t{low_added:.3f}\t{non2xx}\t{errors}\n")
PY

echo
echo "Targets (gateway with authentication, same upstream work as direct): >= 0.70 of nginx, <= 1 ms added p99"
awk -F'\t' 'NR > 1 && $1 ~ /^gateway, Bearer/ {
    printf "  %-40s req/s %.2f of nginx: %s; CPU %.2f of nginx: %s; p99 added at low load %+.3f ms: %s\n", $1,
        $4, ($4 >= 0.7 ? "met" : "NOT met"), $8, ($8 >= 0.7 ? "met" : "NOT met"), $10, ($10 <= 1 ? "met" : "NOT met") }' \
    "$WORK/summary.tsv"
problems=$({ grep -hE ' (WARN|ERROR) ' "$WORK/gateway.log" "$WORK/gateway-verified.log" || true; } | wc -l)
echo "Gateway log lines at WARN or ERROR: $problems ($WORK/gateway*.log); nginx error log lines:" \
    "$(wc -l <"$NGINX_DIR/error.log")"
