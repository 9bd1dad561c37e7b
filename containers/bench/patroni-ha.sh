#!/bin/bash
# The postgres-patroni image's HA figures, side by side in one run: the same three members (the cluster's
# zero-loss settings) behind the runtime's ambassador and behind the standard HAProxy of Patroni's
# documentation at once, a client writing every 50 ms through each. Scenarios, RUNS times each: the primary's
# machine dies (podman kill -s KILL), the primary freezes for 2 x ttl (podman pause) and resumes, a
# switchover, etcd loses quorum for 2 x ttl; then pgbench direct vs through each proxy. Prints Markdown for
# docs/BENCHMARKS.md; asserts nothing. Takes about 17 minutes with 5 runs.
# Needs (scripts/test-deps.sh): podman (scripts/podman-setup.sh, as root), etcd-server, haproxy, Java 17, Maven.
# Usage: containers/bench/patroni-ha.sh [RUNS [SCENARIO...]]   (RUNS default 5; scenarios: death freeze
# switchover etcd pgbench, default all)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
mvn -q -B -pl containers -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -Dcontainers.dir="$top/containers" \
  -cp "containers/target/test-classes:containers/target/classes:$(cat containers/target/bench.classpath)" \
  dev.cluster.containers.PatroniHaBenchmark "${1:-5}" "${@:2}"
