#!/bin/bash
# Finds this cluster's MAIN machines from their EC2 tags (no public discovery service) and writes what the
# local etcd member (on MAIN) or etcd proxy (on WORKER) needs to /run/cluster/.
# Usage: cluster-peers main SIZE | cluster-peers worker
set -euo pipefail
mode=$1
size=${2:-1}
token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
imds() { curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"; }
region=$(imds placement/region)
self=$(imds instance-id)
self_ip=$(imds local-ipv4)
aws() { docker run --rm --net=host -e AWS_REGION="$region" "$AWS_CLI_IMAGE" "$@"; }
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

while :; do
  peers=$(aws ec2 describe-instances --output text \
    --filters "Name=tag:dev-cluster:cluster,Values=$CLUSTER" "Name=tag:dev-cluster:role,Values=main" \
              "Name=instance-state-name,Values=pending,running" \
    --query 'Reservations[].Instances[].[InstanceId,PrivateIpAddress]' | sort)
  count=$(printf '%s\n' "$peers" | grep -c . || true)
  [ "$count" -ge "$size" ] && break
  echo "waiting for $size MAIN machines, $count so far"
  sleep 5
done

if [ "$mode" = worker ]; then
  {
    printf 'global\n  maxconn 4096\ndefaults\n  mode tcp\n  timeout connect 5s\n  timeout client 1h\n  timeout server 1h\n'
    printf 'listen etcd\n  bind 127.0.0.1:2379\n  option httpchk GET /health\n'
    printf '%s\n' "$peers" | while read -r id ip; do printf '  server %s %s:2379 check\n' "$id" "$ip"; done
  } > /run/cluster/etcd-proxy.cfg
  { printf 'PRIVATE_IP=%s\n' "$self_ip"; watchdog_env; } > /run/cluster/node.env
  exit 0
fi

# A healthy cluster already exists when this machine replaces a lost one: join it as a new member, after
# removing the members whose machines are gone. Otherwise bootstrap from the group's first SIZE machines.
state=new
members=$(printf '%s\n' "$peers" | head -n "$size" | awk '{printf "%s%s=http://%s:2380", sep, $1, $2; sep=","}')
for ip in $(printf '%s\n' "$peers" | awk -v me="$self_ip" '$2 != me {print $2}'); do
  if curl -fsS --max-time 2 "http://$ip:2379/health" | grep -q '"health":"true"'; then
    etcdctl() { docker run --rm --net=host "$ETCD_IMAGE" etcdctl --endpoints="http://$ip:2379" "$@"; }
    etcdctl member list -w simple | while IFS=', ' read -r mid _ name peer _; do
      printf '%s\n' "$peers" | grep -q "^$name" || etcdctl member remove "$mid"
    done
    etcdctl member add "$self" --peer-urls="http://$self_ip:2380" >/dev/null
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
{ cat /run/cluster/etcd.env; watchdog_env; } > /run/cluster/node.env
