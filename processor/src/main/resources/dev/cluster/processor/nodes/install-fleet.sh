#!/bin/bash
# Flatcar ships no fleet: install the release named by FLEET_URL into /opt/bin once.
set -euo pipefail
[ -x /opt/bin/fleetd ] && exit 0
mkdir -p /opt/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL --retry 5 "$FLEET_URL" | tar -xz -C "$tmp" --strip-components=1
install -m 0755 "$tmp/fleetd" "$tmp/fleetctl" /opt/bin/
