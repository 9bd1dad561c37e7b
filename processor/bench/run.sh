#!/bin/bash
# Processor benchmark: javac on synthetic clusters of 10, 100, 1000 and 3000 services, with and without the
# processor, whole process (cold JVM per run) and in process, side by side; the processor's peak heap; a
# one-class change at 1000 services. Prints figures, asserts nothing. Builds nothing into ~/.m2.
# Usage (from anywhere): [SIZES=10,100,1000,3000] processor/bench/run.sh [RUNS] [BEFORE]
#   BEFORE: a git revision whose processor runs side by side with this working tree's (e.g. main), built
#   from `git archive` in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
before="${2:-}"

# The class path javac gets in the benchmark: the processor, the annotations, the runtime (so that the
# deploy client is generated and compiled, as in team-cluster) and their dependencies.
# test-compile, not compile: the runtime's test scope names app-common's test jar, which the reactor resolves
# to its test classes only once they are compiled.
classpath_of() {
  (cd "$1" && mvn -B -ntp -q -pl processor -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2) || return 1
  echo "$1/processor/target/classes:$(cat "$1/processor/target/bench-classpath.txt")"
}

this="$(classpath_of "$PWD")"
variants=("this=$this")
if [ -n "$before" ]; then
  tree="$(mktemp -d /tmp/processor-bench-before.XXXXXX)"
  trap 'rm -rf "$tree"' EXIT
  git archive "$before" | tar -x -C "$tree"
  other="$(classpath_of "$tree")"
  variants+=("$before=$other")
fi
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(java -version 2>&1 | head -1), uptime:$(uptime)"
# Only the benchmark on its own class path: in process, javac loads processors through a loader whose parent
# is this class path, so a processor here would shadow the variant being measured.
java -Dbench.sizes="${SIZES:-10,100,1000,3000}" -cp processor/target/test-classes \
  dev.cluster.processor.bench.ProcessorBenchmark "$runs" "${variants[@]}"
