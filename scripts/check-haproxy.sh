#!/usr/bin/env bash
# Checks HAProxy configuration files with haproxy itself (`haproxy -c`), warnings counted as errors (-dW).
# Usage: scripts/check-haproxy.sh FILE.cfg [FILE.cfg ...]      Needs: haproxy (Debian package haproxy).
set -u
command -v haproxy >/dev/null || {
  echo "haproxy is not installed: run scripts/test-deps.sh (apt-get install -y haproxy)"; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 FILE.cfg [FILE.cfg ...]"; exit 2; }
rc=0
for f in "$@"; do
  if out=$(haproxy -c -dW -f "$f" 2>&1); then
    echo "ok   $f"
  else
    echo "FAIL $f"
    printf '%s\n' "$out" | sed 's/^/    /'
    rc=1
  fi
done
exit $rc
