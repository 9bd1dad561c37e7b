#!/usr/bin/env bash
# Installs the system tools the tests run, only those missing: systemd-analyze (package systemd) for
# generated units, haproxy for generated ambassador configs. Idempotent: does nothing when all are there,
# and runs `apt-get update` at most once, only when something must be installed. Debian/Ubuntu; needs root
# (or sudo) only when something is missing.
set -euo pipefail
declare -A package_of=([systemd-analyze]=systemd [haproxy]=haproxy)
missing=()
for tool in "${!package_of[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null 2>&1 \
    || missing+=("${package_of[$tool]}")
done
[ ${#missing[@]} -eq 0 ] && { echo "test dependencies present"; exit 0; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
