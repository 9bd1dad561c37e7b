#!/bin/bash
# Installs the template checkers that nobody on this project wrote, from the npm registry, into a cache
# folder (idempotent; about 15 s the first time) and prints that folder:
#   cfn-lint 1.9.7, with its old bundled resource spec replaced by @aws-cdk/cfnspec 2.72.1's (the old one
#     rejects LaunchTemplate MetadataOptions, i.e. IMDSv2);
#   cfn-guard 3.1.1 with AWS Control Tower's proactive-control rules (@cdklabs/cdk-validator-cfnguard 0.0.62);
#   dockerfile-utils 0.16.3, the Containerfile linter.
# Usage: scripts/install-checkers.sh [DIR]   (DIR defaults to $CHECKERS_HOME or ~/.cache/dev-cluster-checkers)
set -euo pipefail
dir=${1:-${CHECKERS_HOME:-$HOME/.cache/dev-cluster-checkers}}
mkdir -p "$dir"
cd "$dir"
if [ ! -f .installed-1 ]; then
  command -v npm >/dev/null || { echo "npm is missing: run scripts/test-deps.sh (apt-get install nodejs npm)" >&2; exit 2; }
  [ -f package.json ] || npm init -y >/dev/null
  npm install --silent --no-audit --no-fund --legacy-peer-deps \
    cfn-lint@1.9.7 @aws-cdk/cfnspec@2.72.1 @cdklabs/cdk-validator-cfnguard@0.0.62 dockerfile-utils@0.16.3 >/dev/null
  cp node_modules/@aws-cdk/cfnspec/spec/specification.json node_modules/cfn-lint/data/aws_resources_specification.json
  touch .installed-1
fi
echo "$dir"
