#!/bin/bash
# Runs Cassandra with the cluster's generated cassandra.yaml (mounted at /etc/cluster/cassandra.yaml), each
# ${NAME} filled from the environment: the DATA group's seeds and this machine's address, which the unit
# passes from /run/cluster/data-peers.env. The configuration directory is a copy of the image's with that
# file in it. The upstream entrypoint is skipped: it would rewrite the seeds and addresses from its own
# variables. An unset variable stops the start.
set -euo pipefail
conf=$(mktemp -d)
cp -r "${CASSANDRA_CONF:-/etc/cassandra}/." "$conf/"
CONFIG_FILE=/etc/cluster/cassandra.yaml perl -pe \
  's/\$\{(\w+)\}/exists $ENV{$1} ? $ENV{$1} : die "$ENV{CONFIG_FILE}: $1 is not set\n"/ge' \
  /etc/cluster/cassandra.yaml > "$conf/cassandra.yaml"
export CASSANDRA_CONF=$conf
exec cassandra -f "$@"
