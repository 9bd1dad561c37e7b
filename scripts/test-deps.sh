#!/bin/bash
# Installs, when missing, the Debian packages the tests run as real engines. Idempotent: apt-get update runs
# once, and only when something has to be installed.
set -euo pipefail
need=()
want() { # want COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || need+=("$2")
}
want etcd etcd-server           # runtime: coordination for the agents' tests
want etcdctl etcd-client        # runtime: by hand and in benchmarks
want haproxy haproxy            # runtime: the ambassador's data path
want syncthing syncthing        # runtime: synced volumes
want setpriv util-linux         # runtime: elect ties a leader's child to the agent's life
want debootstrap debootstrap    # runtime: builds the Debian 13 root with Patroni 4 / PostgreSQL 17
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${need[@]}"
fi
# runtime: Patroni 4.0.7 + PostgreSQL 17 from Debian 13 in a cached root (Debian 12's Patroni 3.0.2 loses writes)
"$(dirname "$0")/../runtime/scripts/patroni-trixie-root.sh" >/dev/null
