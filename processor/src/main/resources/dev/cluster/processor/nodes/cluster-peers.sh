#!/bin/bash
# Finds this cluster's MAIN machines from their EC2 tags (no public discovery service) and writes what the
# local etcd member (on MAIN) or etcd proxy (on WORKER and DATA) needs to /run/cluster/. On DATA machines it
# also waits for SIZE machines of GROUP and writes them to /run/cluster/data-peers.env for the data engines:
# PRIVATE_IP, DATA_PEERS (every machine's private address, in instance-id order, comma-separated) and
# DATA_SEEDS (the first three).
# Usage: cluster-peers main SIZE | cluster-peers worker | cluster-peers data SIZE GROUP | cluster-peers restore SIZE
#   restore: the member list of a NEW cluster from the group's first SIZE machines, never joining a running
#            one; what /opt/bin/etcd-restore uses when every member is being restored from a snapshot (a
#            machine restored earlier may already have quorum, and must not be joined as a new member).
set -euo pipefail
mode=$1
size=${2:-1}
group=${3:-}
token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
imds() { curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"; }
region=$(imds placement/region)
self=$(imds instance-id)
self_ip=$(imds local-ipv4)
self_public_ip=$(imds public-ipv4 || true)   # none in a subnet without public addresses
# AWS_ENDPOINT_URL_EC2 (the AWS CLI's own variable, unset on EC2) points the tag look-ups at another endpoint:
# `local up`'s AWS stand-in. Passed as --endpoint-url, since the variable does not reach the CLI's container.
aws() { docker run --rm --net=host -e AWS_REGION="$region" "$AWS_CLI_IMAGE" ${AWS_ENDPOINT_URL_EC2:+--endpoint-url "$AWS_ENDPOINT_URL_EC2"} "$@"; }
mkdir -p /run/cluster

# Patroni's watchdog (docs/POSTGRES-HA.md): softdog gives the machine a /dev/watchdog; Patroni's containers get
# the device and its group (WATCHDOG_OPTIONS in node.env), so their postgres user may open it and no other user
# of the machine can. Without a device the variable stays unset and Patroni runs without a watchdog.
WATCHDOG_GID=5432
watchdog_env() {
  [ -c /dev/watchdog ] || modprobe softdog 2>/dev/null || true
  if [ -c /dev/watchdog ]; then
    chgrp "$WATCHDOG_GID" /dev/watchdog && chmod 660 /dev/watchdog
    printf 'WATCHDOG_OPTIONS=--device=/dev/watchdog --group-add=%s\n' "$WATCHDOG_GID"
  fi
}

# The sorted "instance-id private-ip" lines of this cluster's machines whose tag $1 is $2; a machine so
# new that it has no address yet ("None") is left for the next look.
instances() {
  aws ec2 describe-instances --output text \
    --filters "Name=tag:dev-cluster:cluster,Values=$CLUSTER" "Name=tag:$1,Values=$2" \
              "Name=instance-state-name,Values=pending,running" \
    --query 'Reservations[].Instances[].[InstanceId,PrivateIpAddress]' | awk '$2 != "None"' | sort
}
# Waits until at least $1 machines match the tag $2=$3, and prints them.
await_instances() {
  local found count
  while :; do
    found=$(instances "$2" "$3")
    count=$(printf '%s\n' "$found" | grep -c . || true)
    [ "$count" -ge "$1" ] && break
    echo "waiting for $1 machines tagged $2=$3, $count so far" >&2
    sleep 5
  done
  printf '%s\n' "$found"
}

if [ "$mode" = data ]; then
  members=$(await_instances "$size" dev-cluster:group "$group" | awk '{print $2}')
  cat > /run/cluster/data-peers.env <<ENV
PRIVATE_IP=$self_ip
DATA_PEERS=$(printf '%s\n' "$members" | paste -sd, -)
DATA_SEEDS=$(printf '%s\n' "$members" | head -n 3 | paste -sd, -)
ENV
fi

case "$mode" in
  main|restore) peers=$(await_instances "$size" dev-cluster:role main) ;;
  worker|data) peers=$(await_instances 1 dev-cluster:role main) ;;
  *) echo "cluster-peers: unknown mode $mode (main, worker, data or restore)" >&2; exit 2 ;;
esac

if [ "$mode" = worker ] || [ "$mode" = data ]; then
  # shellcheck disable=SC2046  # one argument per member
  /opt/bin/etcd-proxy-config 127.0.0.1:2379 $(printf '%s\n' "$peers" | awk '{print $1 "=" $2 ":2379"}') \
    > /run/cluster/etcd-proxy.cfg.new
  mv /run/cluster/etcd-proxy.cfg.new /run/cluster/etcd-proxy.cfg
  { printf 'PRIVATE_IP=%s\nPUBLIC_IP=%s\n' "$self_ip" "$self_public_ip"; watchdog_env; } > /run/cluster/node.env
  exit 0
fi

# A healthy cluster already exists when this machine replaces a lost one: join it as a new member, after
# removing the members whose machines are gone. It also exists when this machine is one of the first SIZE but booted
# after a quorum of the others formed the cluster: it is then a member already (not started), and starts as one.
# Otherwise bootstrap from the group's first SIZE machines.
state=new
members=$(printf '%s\n' "$peers" | head -n "$size" | awk '{printf "%s%s=http://%s:2380", sep, $1, $2; sep=","}')
[ "$mode" = restore ] || for ip in $(printf '%s\n' "$peers" | awk -v me="$self_ip" '$2 != me {print $2}'); do
  if curl -fsS --max-time 2 "http://$ip:2379/health" | grep -q '"health":"true"'; then
    etcdctl() { docker run --rm --net=host "$ETCD_IMAGE" etcdctl --endpoints="http://$ip:2379" "$@"; }
    if ! etcdctl member list -w simple | grep -q ", unstarted, , http://$self_ip:2380,"; then
      etcdctl member list -w simple | while IFS=', ' read -r mid _ name peer _; do
        printf '%s\n' "$peers" | grep -q "^$name" || etcdctl member remove "$mid"
      done
      etcdctl member add "$self" --peer-urls="http://$self_ip:2380" >/dev/null
    fi
    members=$(etcdctl member list -w simple | awk -F', ' '{printf "%s%s=%s", sep, ($3 == "" ? "'"$self"'" : $3), $4; sep=","}')
    state=existing
    break
  fi
done
cat > /run/cluster/etcd.env <<ENV
ETCD_NAME=$self
PRIVATE_IP=$self_ip
ETCD_INITIAL_CLUSTER=$members
ETCD_INITIAL_CLUSTER_STATE=$state
ENV
{ cat /run/cluster/etcd.env; printf 'PUBLIC_IP=%s\n' "$self_public_ip"; watchdog_env; } > /run/cluster/node.env
