#!/bin/bash
# Builds (once) a Debian 13 "trixie" root with Patroni 4 and PostgreSQL 17 under a cache folder, and prints
# its path. Why: Debian 12's Patroni 3.0.2 writes the etcd3 leader key without compare-and-swap and loses
# acknowledged writes when a frozen primary resumes (fixed in 3.0.3); trixie ships Patroni 4.0.7.
# The tests run Patroni with `chroot ROOT`, sharing the host's network (127.0.0.1) and processes.
# Usage: patroni-trixie-root.sh [ROOT]   (default $DEV_CLUSTER_CACHE/trixie-patroni, /var/cache/dev-cluster)
set -euo pipefail
ROOT=${1:-${DEV_CLUSTER_CACHE:-/var/cache/dev-cluster}/trixie-patroni}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ -x "$ROOT/usr/bin/patroni" ] && [ -x "$ROOT/usr/lib/postgresql/17/bin/postgres" ]; then
  echo "$ROOT"; exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap missing: apt-get install -y debootstrap" >&2; exit 1; }
mkdir -p "$(dirname "$ROOT")"
WORK="$ROOT.partial"
rm -rf "$WORK"
debootstrap --variant=minbase --include=patroni,postgresql-17,python3-psycopg2,ca-certificates \
  trixie "$WORK" "$MIRROR" >&2
# Debian's postgresql-common creates a default cluster in /var/lib/postgresql: the tests use their own dirs.
rm -rf "$ROOT"
mv "$WORK" "$ROOT"
echo "$ROOT"
