#!/bin/bash
# Prints the HAProxy configuration of the local etcd proxy that WORKER and DATA machines run (their agents and
# fleet reach etcd at BIND), spreading over the MAIN machines' members. cluster-peers writes it at boot; the
# runtime's tests render it with this same script.
# Usage: etcd-proxy-config BIND NAME=HOST:PORT [NAME=HOST:PORT ...]   e.g. 127.0.0.1:2379 i-0abc=10.0.1.5:2379
#
# Why these settings (docs/ARCHITECTURE.md, "WORKER machines"): a member whose process is frozen (SIGSTOP, a
# stalled disk, a hung VM) still accepts TCP into its backlog, so only an answer to an HTTP health check within
# `timeout check` proves it alive: two missed checks mark it down (at most ~1 s: 300 ms to the next check, 300 ms
# to time out, 150 ms to the second, 300 ms), and `on-marked-down shutdown-sessions` then cuts the clients'
# long-lived gRPC connections to it, which reconnect through this proxy to a live member (jetcd resumes a broken
# watch 500 ms later): a leader key that moves at the instant of the freeze reaches the ambassadors within 2 s.
# Without the cut a client keeps its connection until its own keepalive gives up. The check is serializable
# (etcd 3.5.3+: the member answers from its own state), so it judges the member alone: while raft elects a new
# leader every member fails the linearizable /health, and marking all of them down would cut every session for
# nothing; a member cut off from the others answers, but its clients' requests then fail and they retry.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: etcd-proxy-config BIND NAME=HOST:PORT [NAME=HOST:PORT ...]" >&2
  exit 2
fi
bind=$1
shift
for member in "$@"; do   # all checked before anything is printed: no half-written configuration
  case "$member" in
    ?*=?*:?*) ;;
    *) echo "etcd-proxy-config: member '$member' is not NAME=HOST:PORT" >&2; exit 2 ;;
  esac
done
cat <<CFG
global
  maxconn 4096
defaults
  mode tcp
  timeout connect 1s
  timeout client 1h
  timeout server 1h
  timeout check 300ms
  retries 2
  option redispatch
listen etcd
  bind $bind
  balance leastconn
  option httpchk GET /health?serializable=true
  default-server inter 300ms fastinter 150ms fall 2 rise 2 on-marked-down shutdown-sessions
CFG
for member in "$@"; do
  printf '  server %s %s check\n' "${member%%=*}" "${member#*=}"
done
