#!/bin/bash
# Runs every test of the project: installs the system packages the tests use for real (only those
# missing), then the whole Maven build with its tests. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test-deps.sh
mvn -B -ntp verify
