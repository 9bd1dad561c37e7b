#!/bin/bash
# Installs the system packages the tests run for real (checkers and engines), only those missing, so the
# test command works on a fresh Debian machine with just Java 17 and Maven. Needs root (or sudo).
set -euo pipefail
# package:command pairs; the command tells whether the package is there.
wanted=(
  nodejs:node npm:npm             # cfn-lint, cfn-guard, dockerfile-utils come from npm
  podman:podman runc:runc debootstrap:debootstrap   # container images (scripts/podman-setup.sh configures them)
  etcd-server:etcd                # the Patroni image's tests elect on a real etcd
)
missing=()
for pair in "${wanted[@]}"; do
  command -v "${pair#*:}" >/dev/null 2>&1 || missing+=("${pair%%:*}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
scripts/install-checkers.sh >/dev/null
