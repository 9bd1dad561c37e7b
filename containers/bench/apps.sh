#!/bin/bash
# The team apps' figures, in one run (prints them; asserts nothing):
#  - file drop: upload throughput and the app's peak RSS for a 200 MiB and a 2 GiB upload (generated on the
#    fly and streamed), each into a fresh app process, so the two peaks can be compared side by side;
#  - API proxy: GET latency (median, p99) and requests per second, cached through the proxy vs the upstream
#    called directly, with a local upstream answering at once and one answering after 50 ms.
# Needs: Java 17, Maven, redis-server (Debian package redis-server), ~2.5 GB free under ${BENCH_DIR:-/tmp}.
# Usage: containers/bench/apps.sh [upload sizes in MiB...]     (default: 200 2048)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
sizes=("${@:-200 2048}"); [ $# -gt 0 ] || sizes=(200 2048)
mvn -q -DskipTests install -pl containers/app-common,containers/file-drop,containers/api-proxy -am
scratch=$(mktemp -d "${BENCH_DIR:-/tmp}/apps-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

classpath() {  # the module's classes, test classes and test-scope dependencies
  mvn -q -pl "$1" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$scratch/cp-${1##*/}" >/dev/null
  echo "$top/$1/target/test-classes:$top/$1/target/classes:$(cat "$scratch/cp-${1##*/}")"
}

echo "== file drop: streamed uploads ($(nproc) CPUs, $(java -version 2>&1 | head -1))"
java -cp "$(classpath containers/file-drop)" dev.cluster.apps.filedrop.FileDropBenchmark \
  "$top/containers/file-drop/target/file-drop.jar" "$scratch" "${sizes[@]}"
echo
echo "== API proxy: cached GETs vs the upstream directly"
java -cp "$(classpath containers/api-proxy)" dev.cluster.apps.apiproxy.ApiProxyBenchmark "$scratch"
