#!/bin/sh
# Runs once at boot, before etcd and fleetd: podman hands `run -e` variables to PID 1 only, and systemd passes none
# on to services, so ETCD_* and FLEET_* are copied from PID 1's environment into /run/machine/env (the
# EnvironmentFile of etcd.service and fleet.service), with this machine's defaults for what RealFleet leaves out.
# etcd reads ETCD_<FLAG>, fleetd FLEET_<option>.
set -eu
out=/run/machine/env
mkdir -p /run/machine
tr '\0' '\n' </proc/1/environ | grep -E '^(ETCD|FLEET)_[A-Z0-9_]*=' >"$out.new" || true
default() { grep -q "^$1=" "$out.new" || printf '%s=%s\n' "$1" "$2" >>"$out.new"; }
name=$(hostname)
address=$(ip -4 -o addr show scope global | awk '{ split($4, a, "/"); print a[1]; exit }')
default ETCD_NAME "$name"
default ETCD_DATA_DIR /var/lib/etcd/default
default ETCD_LISTEN_PEER_URLS http://0.0.0.0:2380
default ETCD_LISTEN_CLIENT_URLS http://0.0.0.0:2379
# members find each other by their container names (the podman network's DNS): RealFleet names every member in
# ETCD_INITIAL_CLUSTER before any container, and so any address, exists
default ETCD_INITIAL_ADVERTISE_PEER_URLS "http://$name:2380"
default ETCD_ADVERTISE_CLIENT_URLS "http://$name:2379"
default ETCD_INITIAL_CLUSTER "$name=http://$name:2380"
default ETCD_INITIAL_CLUSTER_STATE new
default ETCD_ENABLE_V2 true
default FLEET_ETCD_SERVERS http://127.0.0.1:2379
default FLEET_PUBLIC_IP "$address"
mv "$out.new" "$out"
