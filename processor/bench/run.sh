#!/bin/bash
# Processor benchmark: javac on synthetic clusters of 10, 100 and 1000 services, with and without the
# processor, side by side. Usage (from anywhere): processor/bench/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -pl annotations,processor install -DskipTests
mvn -q -pl processor test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -cp "processor/target/test-classes:processor/target/classes:$(cat processor/target/bench-classpath.txt)" \
  dev.cluster.processor.bench.ProcessorBenchmark "${1:-7}"
