#!/usr/bin/env bash
# Measures what the extension adds to start-up and memory: the same open endpoint in an application without it
# (bare-app: Quarkus REST only), the same with Quarkus' own security instead (plain-app: quarkus-smallrye-jwt and
# properties-file Basic, what an application that protects itself already has), with the extension and nothing more
# (lean-app: Basic and Bearer configured), with it, the Redis client and two forwarded routes (gateway-app, in-memory
# revocation store), with its Redis store (gateway-app against a redis-server this script starts), and with every
# scheme and the Redis store (a copy of gateway-app with quarkus-oidc and an OIDC tenant, whose discovery document and
# keys a small local server answers), side by side in one run.
#
#   benchmarks/startup.sh [runs=10]
#
# Each run starts every configuration once, interleaved: the time from launching the JVM to the first answered
# GET /open (polled every millisecond), the start-up time Quarkus logs, and after a warm-up of WARMUP seconds (default
# 10) of wrk on /open, then on /jwt with a cached RS256 token (the bare application answers it with 404: it has no
# authentication to exercise), the resident set size (VmRSS) and the live heap after a full collection. The heap is
# fixed and touched at start (-Xms128m -Xmx128m -XX:+AlwaysPreTouch), so that the RSS does not depend on how much a
# warm-up allocated: what differs is the memory outside the heap (classes, compiled code, threads, buffers). Medians and the difference to the bare
# application go to benchmarks/target/startup/results.md; every run to results.tsv. Needs wrk, redis-server, taskset,
# python3 and the JDK's jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
WARMUP=${WARMUP:-10}
WORK=benchmarks/target/startup
mkdir -p "$WORK"
for tool in wrk taskset redis-server redis-cli jcmd python3 curl; do
    command -v "$tool" >/dev/null || { echo "$tool is required"; exit 1; }
done
MVN=${MVN:-mvn}
# the extension and the benchmarks' parent, where the copy with quarkus-oidc finds them
$MVN -B -q install -DskipTests -pl deployment,redis/deployment -am
$MVN -B -q install -DskipTests -N -f benchmarks/pom.xml
$MVN -B -q package -DskipTests -Pbenchmarks \
    -pl benchmarks/token-tool,benchmarks/gateway-app,benchmarks/bare-app,benchmarks/plain-app,benchmarks/lean-app -am
. benchmarks/metrics-app.sh
OIDC_ISSUER=https://bench.oidc/realms/bench
build_app_copy "$WORK/oidc-app" quarkus-auth-gateway-bench-startup-oidc quarkus-oidc "# an OIDC tenant beside the local issuer
quarkus.oidc.bench.auth-server-url=\${BENCH_OIDC_URL:http://127.0.0.1:9/realms/bench}
quarkus.oidc.bench.client-id=bench
quarkus.oidc.bench.token.audience=bench
quarkus.auth-gateway.oidc.sso.tenant=bench
quarkus.auth-gateway.oidc.sso.issuer=$OIDC_ISSUER"
java -cp "benchmarks/token-tool/target/classes:$(cat benchmarks/token-tool/target/classpath.txt)" \
    io.quarkiverse.authgateway.bench.TokenTool "$WORK" 1 2>/dev/null
export BENCH_PUBLIC_KEY="$PWD/$WORK/publicKey.pem"

REDIS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
taskset -c 0 redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
trap 'kill $REDIS_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
# the OpenID provider of the OIDC tenant: its discovery document and its keys, on CPU 0
OIDC_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export BENCH_OIDC_URL="http://127.0.0.1:$OIDC_PORT/realms/bench"
taskset -c 0 python3 - "$OIDC_PORT" "$OIDC_ISSUER" "$BENCH_OIDC_URL" "$WORK/jwks.json" <<'PY' >"$WORK/oidc.log" 2>&1 &
import http.server, json, sys
port, issuer, base, jwks = int(sys.argv[1]), sys.argv[2], sys.argv[3], open(sys.argv[4], "rb").read()
discovery = json.dumps({"issuer": issuer, "jwks_uri": base + "/protocol/openid-connect/certs",
                        "authorization_endpoint": base + "/protocol/openid-connect/auth",
                        "token_endpoint": base + "/protocol/openid-connect/token"}).encode()
class Provider(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = {"/realms/bench/.well-known/openid-configuration": discovery,
                "/realms/bench/protocol/openid-connect/certs": jwks}.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")
http.server.ThreadingHTTPServer(("127.0.0.1", port), Provider).serve_forever()
PY
OIDC_PID=$!
trap 'kill $REDIS_PID $OIDC_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf -o /dev/null "$BENCH_OIDC_URL/.well-known/openid-configuration" && break; sleep 0.1; done

python3 - "$RUNS" "$WARMUP" "$WORK" "$REDIS_PORT" <<'PY'
import http.client, os, re, statistics, subprocess, sys, time
runs, warmup, work, redis_port = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
token = open(os.path.join(work, "token.txt")).read().strip()
gateway = "benchmarks/gateway-app/target/quarkus-app/quarkus-run.jar"
configs = [
    ("Quarkus REST, no extension", "benchmarks/bare-app/target/quarkus-app/quarkus-run.jar", []),
    ("Quarkus REST with Quarkus' own security (smallrye-jwt, properties Basic; plain-app)",
     "benchmarks/plain-app/target/quarkus-app/quarkus-run.jar", []),
    ("with the extension only (Basic, Bearer; lean-app)", "benchmarks/lean-app/target/quarkus-app/quarkus-run.jar", []),
    ("with the extension, the Redis client and two forwarded routes (gateway-app)", gateway, []),
    ("with the extension and its Redis revocation store", gateway, [f"-Dquarkus.redis.hosts=redis://127.0.0.1:{redis_port}"]),
    ("with every scheme (Basic, Bearer, an OIDC tenant) and the Redis store",
     os.path.join(work, "oidc-app/target/quarkus-app/quarkus-run.jar"),
     [f"-Dquarkus.redis.hosts=redis://127.0.0.1:{redis_port}"]),
]
PORT = 8097

def status(path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()

def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

rows = []
for run in range(1, runs + 1):
    for name, jar, extra in configs:
        log = open(os.path.join(work, f"run-{run}-{configs.index((name, jar, extra))}.log"), "w")
        launched = time.perf_counter()
        server = subprocess.Popen(["java", "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", f"-Dquarkus.http.port={PORT}",
                                   *extra, "-jar", jar],
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            while status("/open") != 200:
                if server.poll() is not None or time.perf_counter() - launched > 60:
                    raise SystemExit(f"{name} did not start: see {log.name}")
                time.sleep(0.001)
            first = (time.perf_counter() - launched) * 1000
            for path, headers in [("/open", []), ("/jwt", ["-H", f"Authorization: Bearer {token}"])]:
                subprocess.run(["wrk", "-t1", "-c16", f"-d{warmup}s", *headers, f"http://127.0.0.1:{PORT}{path}"],
                               check=True, capture_output=True)
            rss = rss_mib(server.pid)
            histogram = subprocess.run(["jcmd", str(server.pid), "GC.class_histogram"], capture_output=True, text=True)
            live = int(histogram.stdout.strip().splitlines()[-1].split()[2]) / 1048576
        finally:
            server.terminate()
            server.wait()
            log.close()
        started = re.search(r"started in ([0-9.]+)s", open(log.name).read())
        rows.append((run, name, first, float(started.group(1)) * 1000 if started else float("nan"), rss, live))
        print(f"run {run}  {name:<84} first answer {first:7.0f} ms  Quarkus started in "
              f"{rows[-1][3]:5.0f} ms  RSS {rss:6.1f} MiB  live heap {live:5.1f} MiB", flush=True)

with open(os.path.join(work, "results.tsv"), "w") as out:
    out.write("run\tconfiguration\tfirst_answer_ms\tquarkus_started_ms\trss_mib\tlive_heap_mib\n")
    for row in rows:
        out.write("%d\t%s\t%.1f\t%.1f\t%.1f\t%.1f\n" % row)
base_first = statistics.median(r[2] for r in rows if r[1] == configs[0][0])
base_rss = statistics.median(r[4] for r in rows if r[1] == configs[0][0])
base_live = statistics.median(r[5] for r in rows if r[1] == configs[0][0])
lines = ["| configuration | first answered request | added | Quarkus start-up | RSS after warm-up | added "
         "| live heap | added |", "|---|---|---|---|---|---|---|---|"]
for name, _, _ in configs:
    first = statistics.median(r[2] for r in rows if r[1] == name)
    started = statistics.median(r[3] for r in rows if r[1] == name)
    rss = statistics.median(r[4] for r in rows if r[1] == name)
    live = statistics.median(r[5] for r in rows if r[1] == name)
    lines.append(f"| {name} | {first:.0f} ms | {first - base_first:+.0f} ms | {started:.0f} ms | {rss:.1f} MiB "
                 f"| {rss - base_rss:+.1f} MiB | {live:.1f} MiB | {live - base_live:+.1f} MiB |")
table = "\n".join(lines)
open(os.path.join(work, "results.md"), "w").write(table + "\n")
print()
print(f"Medians of {runs} runs:")
print(table)
PY
