#!/bin/bash
# Benchmarks the runtime agents on real engines (etcd, Syncthing) on 127.0.0.1 and prints Markdown rows for
# docs/BENCHMARKS.md. Needs the packages of scripts/test-deps.sh. Patroni and the ambassador:
# containers/bench/patroni-ha.sh.
# Usage: runtime/bench/runtime-bench.sh [RUNS]   (default 5 runs per timing)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -pl runtime -am test-compile
mvn -q -pl runtime org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -cp "runtime/target/classes:runtime/target/test-classes:$(cat runtime/target/bench.classpath)" \
  dev.cluster.runtime.bench.RuntimeBenchmark "${1:-5}"
