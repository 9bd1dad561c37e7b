#!/usr/bin/env bash
# Checks generated unit files with systemd's own parser: `systemd-analyze verify` (unknown sections and
# keys, bad values, bad specifiers, missing or non-executable ExecStart binaries, dependencies on units
# that do not exist). It prints warnings but still exits 0 for many of them, so ANY output is a failure.
#
# Each DIR is checked on its own in a throwaway --root (deleted on exit) holding the build machine's stock
# units plus DIR's units in /etc/systemd/system. Only that root also gets what a Flatcar machine has and
# the build machine may not: stub executables (docker, fleetd, cluster-peers, install-fleet, etcd-snapshot, ecr-login,
# ready-signal, and the coreutils the units call) and a stub docker.service. Nothing outside the root is touched.
# Template units NAME@.service are checked as their instance NAME@1.service.
# systemd ignores [X-...] sections: fleet's [X-Fleet] options are checked by the processor (FleetOptions).
#
# Usage: scripts/check-units.sh DIR [DIR ...]      Needs: systemd-analyze (Debian package systemd).
set -u
command -v systemd-analyze >/dev/null || {
  echo "systemd-analyze is not installed: run scripts/test-deps.sh (apt-get install -y systemd)"; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 DIR [DIR ...]"; exit 2; }

STUB_BINARIES=(/usr/bin/docker /opt/bin/fleetd /opt/bin/cluster-peers /opt/bin/install-fleet /opt/bin/etcd-snapshot
  /opt/bin/ecr-login /opt/bin/ready-signal /usr/bin/true /bin/true /bin/sh /bin/bash /usr/bin/env)
fail=0
total=0
for dir in "$@"; do
  dir=$(readlink -f "$dir")
  root=$(mktemp -d /tmp/check-units-root.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/usr/lib/systemd" "$root/etc/systemd/system"
  cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
  touch "$root/etc/environment"
  for binary in "${STUB_BINARIES[@]}"; do
    mkdir -p "$root$(dirname "$binary")"
    printf '#!/bin/sh\nexit 0\n' > "$root$binary"
    chmod +x "$root$binary"
  done
  printf '[Unit]\nDescription=stub of Flatcar'"'"'s docker.service\n[Service]\nExecStart=/usr/bin/true\n' \
    > "$root/usr/lib/systemd/system/docker.service"
  units=()
  for f in "$dir"/*.service "$dir"/*.socket "$dir"/*.timer "$dir"/*.target; do
    [ -e "$f" ] && units+=("$f")
  done
  [ ${#units[@]} -gt 0 ] || { echo "FAIL $dir: no unit files"; fail=1; rm -rf "$root"; continue; }
  cp "${units[@]}" "$root/etc/systemd/system/"
  for f in "${units[@]}"; do
    total=$((total + 1))
    unit=$(basename "$f")
    case "$unit" in *@.*) unit="${unit/@./@1.}" ;; esac
    out=$(SYSTEMD_LOG_LEVEL=info systemd-analyze verify --man=no --generators=no --root="$root" "$unit" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
      echo "FAIL $dir/$(basename "$f") (exit $rc)"
      printf '%s\n' "$out" | sed "s#$root##g; s/^/    /"
      fail=1
    fi
  done
  rm -rf "$root"
done
[ $fail = 0 ] && echo "systemd-analyze verify: $total units ok"
exit $fail
