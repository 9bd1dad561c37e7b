#!/bin/bash
# Runs every test of the project: installs the system packages the tests use for real (only those
# missing), then the whole Maven build with its tests. This is what CI runs (.ci/run).
# Every module's tests run even when another module's fail (a failed test does not skip the modules after it,
# not even those that depend on it); the run then lists the failed tests and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test-deps.sh
# the failures are read from this run's reports only
find . -path '*/target/surefire-reports' -type d -prune -exec rm -rf {} +
# -Dmaven.test.failure.ignore: failed tests leave their module built, so its dependents are tested too;
# -fae: a module that does not build at all (a compile error) skips only the modules that depend on it
status=0
mvn -B -ntp -fae -Dmaven.test.failure.ignore=true verify || status=$?
failed=$(find . -path '*/target/surefire-reports/TEST-*.xml' -exec grep -lE '<(failure|error)( |>)' {} + || true)
if [ -n "$failed" ]; then
  echo "FAILED tests (reports):"
  printf '  %s\n' $failed
  status=1
fi
exit "$status"
