# Sourced by tokens-scale.sh and issuers-scale.sh: builds a copy of gateway-app with Micrometer's Prometheus registry
# and its metrics at /q/metrics for the operator "ops" (policy operators, password bench-secret), so that a run can read
# the gateway's own counters (cache lookups, evictions, sizes).

# build_metrics_app <dir> <artifactId>: the copy in <dir>, its runner in <dir>/target/quarkus-app/quarkus-run.jar
build_metrics_app() {
    local app=$1
    rm -rf "$app"
    mkdir -p "$app"
    cp -r benchmarks/gateway-app/src "$app/"
    python3 - benchmarks/gateway-app/pom.xml "$app/pom.xml" "$2" <<'PY'
import sys
pom = open(sys.argv[1]).read()
pom = pom.replace("<artifactId>quarkus-auth-gateway-bench-gateway-app</artifactId>",
                  "<artifactId>" + sys.argv[3] + "</artifactId>")
pom = pom.replace("<dependencies>", """<dependencies>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-micrometer-registry-prometheus</artifactId>
    </dependency>""", 1)
open(sys.argv[2], "w").write(pom)
PY
    cat >>"$app/src/main/resources/application.properties" <<'PROPS'
# the metrics, for the operator
quarkus.auth-gateway.route.metrics.paths=/q/metrics
quarkus.auth-gateway.route.metrics.policy=operators
PROPS
    ${MVN:-mvn} -B -q -o package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true -f "$app/pom.xml" \
        >"$app/build.log" 2>&1 || { echo "the build failed: $app/build.log" >&2; return 1; }
}

# metric <port> <series> [optional] -> its value; fails when the metrics cannot be read, or the series is absent
# unless "optional" is given (then 0: a disabled cache records no lookups)
metric() {
    local page
    page=$(curl -sf -u ops:bench-secret "http://127.0.0.1:$1/q/metrics") \
        || { echo "could not read the metrics on port $1" >&2; return 1; }
    awk -v s="$2" -v optional="${3:-}" 'index($0, s) == 1 {print $NF + 0; f = 1}
        END {if (!f) {if (optional == "") {print "no series " s > "/dev/stderr"; exit 1} print 0}}' <<<"$page"
}

# live_heap <pid> -> the bytes of live objects after a full collection
live_heap() {
    jcmd "$1" GC.class_histogram | awk '/^Total/ {print $3}'
}

# free_port -> a TCP port free on the loopback interface
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
