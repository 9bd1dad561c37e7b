#!/bin/bash
# Builds (once) a Debian 12 root with OpenSSH's server, curl and the shadow tools under a cache folder, and
# prints its path. The accounts-sync tests never write into it: each test system is a throwaway overlay on
# top of it (a fresh /etc/passwd, /etc/shadow, /etc/group per system), never the test machine's own /etc.
# Usage: accounts-root.sh [ROOT]   (default $DEV_CLUSTER_CACHE/bookworm-accounts, /var/cache/dev-cluster)
set -euo pipefail
ROOT=${1:-${DEV_CLUSTER_CACHE:-/var/cache/dev-cluster}/bookworm-accounts}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ -x "$ROOT/usr/sbin/sshd" ] && [ -x "$ROOT/usr/bin/curl" ] && [ -x "$ROOT/usr/sbin/useradd" ]; then
  echo "$ROOT"; exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap missing: apt-get install -y debootstrap" >&2; exit 1; }
mkdir -p "$(dirname "$ROOT")"
WORK="$ROOT.partial"
rm -rf "$WORK"
debootstrap --variant=minbase --include=openssh-server,curl,ca-certificates,sudo bookworm "$WORK" "$MIRROR" >&2
# The package's host keys would be the same in every test system: each system makes its own.
rm -f "$WORK"/etc/ssh/ssh_host_*
rm -rf "$ROOT"
mv "$WORK" "$ROOT"
echo "$ROOT"
