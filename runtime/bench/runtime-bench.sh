#!/bin/bash
# Benchmarks the runtime agents on real engines (etcd, Syncthing, HAProxy) on 127.0.0.1 and prints Markdown rows for
# docs/BENCHMARKS.md. Needs the packages of scripts/test-deps.sh. Patroni and the ambassador:
# containers/bench/patroni-ha.sh. The frozen-etcd-member rows compare with branch point main (git merge-base HEAD
# main, or BENCH_BASE): its etcd client settings (its Etcd class, compiled here) and its local proxy configuration
# (its etcd-proxy-config script, or the configuration written before that script existed).
# Usage: runtime/bench/runtime-bench.sh [RUNS [MEASURE ...]]   (default 5 runs per timing, at most 3 for the frozen
#        member; MEASURE: elect, syncthing, frozen-etcd-member; default all)
set -euo pipefail
cd "$(dirname "$0")/../.."
# one reactor: the class path names the sibling modules' target/ directories, nothing from ~/.m2 of this project
mvn -q -pl runtime -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
classpath="runtime/target/classes:runtime/target/test-classes:$(cat runtime/target/bench.classpath)"
base=${BENCH_BASE:-$(git merge-base HEAD main)}
before=runtime/target/bench-before-classes
rm -rf "$before" && mkdir -p "$before/src"
git show "$base:runtime/src/main/java/dev/cluster/runtime/etcd/Etcd.java" > "$before/src/Etcd.java"
javac -nowarn -d "$before" -cp "$classpath" "$before/src/Etcd.java"
proxy_script=processor/src/main/resources/dev/cluster/processor/nodes/etcd-proxy-config.sh
git show "$base:$proxy_script" > "$before/etcd-proxy-config.sh" 2>/dev/null || rm -f "$before/etcd-proxy-config.sh"
echo "before = $(git log -1 --format='%h %s' "$base" | cut -c1-80)"
exec java -Dbasedir="$PWD/runtime" -Dbench.before.classes="$before" -Dbench.before.proxy-script="$PWD/$before/etcd-proxy-config.sh" -cp "$classpath" dev.cluster.runtime.bench.RuntimeBenchmark "${1:-5}" "${@:2}"
