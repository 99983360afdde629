#!/usr/bin/env bash
# Runs the demo application in Quarkus dev mode: live reload of code and policies, the Dev UI at
# http://localhost:8080/q/dev-ui. Extra arguments go to Maven (for example -Dquarkus.http.port=8081).
#
# Dev mode needs Maven 3.9 or later. With an older mvn on the PATH, this script fetches Maven 3.9 once, as an
# ordinary artifact through your own Maven configuration (settings.xml, mirrors, proxies), into target/maven, and
# runs dev mode with it. The build and the tests (mvn -B verify) work with Maven 3.8 as well.
set -euo pipefail
cd "$(dirname "$0")"

maven_version=3.9.16
mvn_cmd=mvn
current=$(mvn -B -v 2>/dev/null | sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -1)
if [ "$(printf '%s\n' 3.9.0 "${current:-0}" | sort -V | head -1)" != "3.9.0" ]; then
    home="target/maven/apache-maven-$maven_version"
    if [ ! -x "$home/bin/mvn" ]; then
        echo "Maven ${current:-?} is too old for dev mode: fetching Maven $maven_version into target/maven" >&2
        mvn -B -q -N dependency:copy -Dartifact="org.apache.maven:apache-maven:$maven_version:tar.gz:bin" \
            -DoutputDirectory=target/maven
        tar -xzf "target/maven/apache-maven-$maven_version-bin.tar.gz" -C target/maven
    fi
    mvn_cmd="$home/bin/mvn"
fi

# the extension first (dev mode of the demo resolves it from the local repository), then the demo in dev mode
"$mvn_cmd" -B -q install -DskipTests -pl integration-tests -am
exec "$mvn_cmd" quarkus:dev -pl integration-tests "$@"
