# Sourced by tokens-scale.sh, issuers-scale.sh and startup.sh: builds copies of gateway-app with one more extension,
# such as the copy with Micrometer's Prometheus registry and its metrics at /q/metrics for the operator "ops" (policy
# operators, password bench-secret), so that a run can read the gateway's own counters (cache lookups, evictions,
# sizes).

# build_app_copy <dir> <artifactId> <io.quarkus extension> <properties>: a copy of gateway-app in <dir> with that
# extension and those lines added to its configuration; its runner in <dir>/target/quarkus-app/quarkus-run.jar
build_app_copy() {
    local app=$1
    rm -rf "$app"
    mkdir -p "$app"
    cp -r benchmarks/gateway-app/src "$app/"
    python3 - benchmarks/gateway-app/pom.xml "$app/pom.xml" "$2" "$3" <<'PY'
import sys
pom = open(sys.argv[1]).read()
pom = pom.replace("<artifactId>quarkus-auth-gateway-bench-gateway-app</artifactId>",
                  "<artifactId>" + sys.argv[3] + "</artifactId>")
pom = pom.replace("<dependencies>", """<dependencies>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>%s</artifactId>
    </dependency>""" % sys.argv[4], 1)
open(sys.argv[2], "w").write(pom)
PY
    printf '%s\n' "$4" >>"$app/src/main/resources/application.properties"
    ${MVN:-mvn} -B -q -o package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true -f "$app/pom.xml" \
        >"$app/build.log" 2>&1 || { echo "the build failed: $app/build.log" >&2; return 1; }
}

# build_metrics_app <dir> <artifactId>: the copy with the Prometheus registry
build_metrics_app() {
    build_app_copy "$1" "$2" quarkus-micrometer-registry-prometheus "# the metrics, for the operator
quarkus.auth-gateway.route.metrics.paths=/q/metrics
quarkus.auth-gateway.route.metrics.policy=operators"
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
