#!/bin/bash
# Installs the system packages the tests run for real (checkers and engines), only those missing, so the
# test command works on a fresh Debian machine with just Java 17 and Maven. Idempotent: runs
# `apt-get update` at most once, and only when something must be installed. Needs root (or sudo) then.
set -euo pipefail
cd "$(dirname "$0")/.."
# package:command pairs; the command (looked up on PATH and in /usr/sbin) tells whether the package is there.
wanted=(
  nodejs:node npm:npm             # cfn-lint, cfn-guard, dockerfile-utils come from npm
  systemd:systemd-analyze         # checks generated units
  haproxy:haproxy                 # checks generated ambassador configs; the ambassador's data path
  podman:podman runc:runc debootstrap:debootstrap   # container images (scripts/podman-setup.sh configures them)
  etcd-server:etcd                # the Patroni image's tests elect on a real etcd
  redis-server:redis-server       # containers/api-proxy tests: the proxy's cache and rate limits
)
missing=()
for pair in "${wanted[@]}"; do
  command="${pair#*:}"
  command -v "$command" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "$command" >/dev/null 2>&1 \
    || missing+=("${pair%%:*}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
scripts/install-checkers.sh >/dev/null
