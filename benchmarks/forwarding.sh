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
# nginx (proxy_pass, no authentication, upstream keep-alive, one worker). One more row, not compared against nginx:
# the gateway's internal token verified by a second plain-app (smallrye-jwt, the gateway's JWKS) on /jwt, as an
# upstream that trusts identity=token would. All servers share CPU 1 (only one target is under load at a time, with
# its upstream); wrk runs on CPU 0. Each round measures every target once, interleaved; the table gives medians over
# rounds, the median ratio to nginx's throughput and the median p99 added to the direct call's, of the same round.
# WARMUP=<seconds> sets the warm-up per target (default 60).
# Needs wrk (Debian package "wrk"), nginx (Debian package "nginx") and taskset.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
SECONDS_EACH=${2:-10}
WORK=benchmarks/target/forwarding
mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
command -v nginx >/dev/null || { echo "nginx is required (apt-get install nginx)"; exit 1; }
mvn -B -q package -DskipTests -Pbenchmarks -pl benchmarks/token-tool,benchmarks/gateway-app,benchmarks/plain-app -am
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

pids=()
start() { # name port jar extra-args...
    local name=$1 port=$2 jar=$3
    shift 3
    taskset -c 1 java -Xmx512m -Dquarkus.http.port="$port" "$@" -jar "$jar" >"$WORK/$name.log" 2>&1 &
    pids+=($!)
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

for port in "$UPSTREAM" "$VERIFYING" "$GATEWAY" "$GATEWAY_VERIFIED"; do
    for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$port/open" && break; sleep 0.5; done
done
for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$NGINX/" && break; sleep 0.5; done

# name|port|path|header
DIRECT="direct (plain-app /open)"
NGINX_CASE="nginx proxy_pass, no auth"
CASES=(
    "$DIRECT|$UPSTREAM|/open|"
    "$NGINX_CASE|$NGINX|/fwd/open|"
    "gateway, Bearer RS256, identity=token|$GATEWAY|/fwd/open|Authorization: Bearer $TOKEN"
    "gateway, Bearer RS256, identity=headers|$GATEWAY|/fwd-headers/open|Authorization: Bearer $TOKEN"
    "gateway, identity=token verified by the upstream (/jwt)|$GATEWAY_VERIFIED|/fwd/jwt|Authorization: Bearer $TOKEN"
)

measure() { # case seconds -> "rps p99 requests non2xx socket-errors"
    IFS='|' read -r _ port path header <<<"$1"
    local args=(-t1 -c32 -d"${2}s" --latency)
    [ -n "$header" ] && args+=(-H "$header")
    local out status
    status=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "http://localhost:$port$path")
    [ "$status" = 200 ] || { echo "check failed: $1 answered $status" >&2; exit 1; }
    out=$(taskset -c 0 wrk "${args[@]}" "http://localhost:$port$path")
    awk '/Requests\/sec/ {rps = $2}
        $1 == "99%" {p99 = $2}
        / requests in / {requests = $1}
        /Non-2xx or 3xx responses/ {non2xx = $NF}
        /Socket errors/ {gsub(",", ""); errors = $4 + $6 + $8 + $10}
        END {print rps, p99, requests, non2xx + 0, errors + 0}' <<<"$out"
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
printf 'round\ttarget\treq_per_s\tp99\trequests\tnon_2xx_3xx\tsocket_errors\n' >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
    for c in "${CASES[@]}"; do
        result=$(measure "$c" "$SECONDS_EACH")
        read -r rps p99 requests non2xx errors <<<"$result"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "${c%%|*}" "$rps" "$p99" "$requests" "$non2xx" "$errors" \
            >>"$RESULTS"
        printf 'round %s  %-56s %10s req/s  p99 %-9s non-2xx %s  socket errors %s\n' "$round" "${c%%|*}" "$rps" "$p99" \
            "$non2xx" "$errors"
    done
done

python3 - "$RESULTS" "$DIRECT" "$NGINX_CASE" "$WORK/summary.tsv" <<'PY' | tee "$WORK/results.md"
import sys, statistics, collections
results, direct, nginx, summary = sys.argv[1:5]
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
rows = [line.rstrip("\n").split("\t") for line in open(results)][1:]
by_case, base_rps, base_p99 = collections.OrderedDict(), {}, {}
for rnd, case, rps, p99, requests, non2xx, errors in rows:
    by_case.setdefault(case, []).append((rnd, float(rps), ms(p99), int(non2xx), int(errors)))
    if case == nginx:
        base_rps[rnd] = float(rps)
    if case == direct:
        base_p99[rnd] = ms(p99)
print("| target | req/s (median) | p99 (median) | ratio to nginx req/s | p99 added to direct | non-2xx, socket errors |")
print("|---|---|---|---|---|---|")
with open(summary, "w") as out:
    out.write("target\treq_per_s\tp99_ms\tratio_to_nginx\tadded_p99_ms\tnon_2xx_3xx\tsocket_errors\n")
    for case, values in by_case.items():
        rps = statistics.median(v[1] for v in values)
        p99 = statistics.median(v[2] for v in values)
        ratio = statistics.median(v[1] / base_rps[v[0]] for v in values)
        added = statistics.median(v[2] - base_p99[v[0]] for v in values)
        non2xx, errors = sum(v[3] for v in values), sum(v[4] for v in values)
        print(f"| {case} | {rps:,.0f} | {p99:.2f} ms | {ratio:.2f} | {added:+.2f} ms | {non2xx}, {errors} |")
        out.write(f"{case}\t{rps:.0f}\t{p99:.3f}\t{ratio:.4f}\t{added:.3f}\t{non2xx}\t{errors}\n")
PY

echo
echo "Targets (gateway with authentication, same upstream work as direct): >= 0.70 of nginx's req/s, <= 1 ms added p99"
awk -F'\t' 'NR > 1 && $1 ~ /^gateway, Bearer/ {
    printf "  %-44s %.2f of nginx: %s; %+.2f ms p99: %s\n", $1, $4, ($4 >= 0.7 ? "met" : "NOT met"), $5,
        ($5 <= 1 ? "met" : "NOT met") }' "$WORK/summary.tsv"
problems=$(grep -hE ' (WARN|ERROR) ' "$WORK/gateway.log" "$WORK/gateway-verified.log" | wc -l)
echo "Gateway log lines at WARN or ERROR: $problems ($WORK/gateway*.log); nginx error log lines:" \
    "$(wc -l <"$NGINX_DIR/error.log")"
