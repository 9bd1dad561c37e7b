#!/bin/bash
# Benchmarks elect under the faults of issue 18 on a real 3-member etcd cluster on 127.0.0.1, the runtime before
# the fence watchdog and takeover delay and after them, side by side in one run, and prints Markdown rows for
# docs/BENCHMARKS.md: the split-brain window with the leader's JVM or its whole process tree frozen for 2 x TTL,
# and the time to a stable leader with two busy loops per core.
# "before" is the runtime's main sources at BASE, by default the parent of the commit that added the fence
# watchdog, compiled with javac into runtime/target/bench-before; "after" is this tree.
# Usage: runtime/bench/elect-faults-bench.sh [RUNS] [BASE]   (default 3 runs per measure and build)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
watchdog=runtime/src/main/java/dev/cluster/runtime/elect/FenceWatchdog.java
base=${2:-$(git log --diff-filter=A --format=%H -1 -- "$watchdog")^}
# one reactor: the runtime's test dependencies on other modules resolve to their target/ folders, not ~/.m2
mvn -q -pl runtime -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
deps=$(cat runtime/target/bench.classpath)

before=runtime/target/bench-before
rm -rf "$before"
mkdir -p "$before/src" "$before/classes"
git archive "$base" runtime/src/main | tar -x -C "$before/src"
find "$before/src" -name '*.java' >"$before/sources"
javac -nowarn -encoding UTF-8 --release 17 -d "$before/classes" -cp "$deps" @"$before/sources"
if [ -d "$before/src/runtime/src/main/resources" ]; then
  cp -r "$before/src/runtime/src/main/resources/." "$before/classes/"
fi
echo "before: runtime/src/main at $(git rev-parse --short "$base"); after: this tree" >&2

# the agents run on the benchmark's class path, "before" with its classes put first
exec java -cp "runtime/target/classes:runtime/target/test-classes:$deps" dev.cluster.runtime.bench.ElectFaultsBenchmark \
  "$runs" "$before/classes"
