#!/bin/bash
# Tells CloudFormation whether this new machine works, so that its autoscaling group's creation (CreationPolicy)
# and rolling update (UpdatePolicy with WaitOnResourceSignals) go on only with working machines, and roll back
# otherwise. What "works" means depends on the machine's role:
#   main              this machine's etcd member answers healthy (a quorum read through it), and the cluster
#                     lists it, by its name (the instance id, as cluster-peers names it), as a started member;
#   worker            this machine's fleet registered itself in etcd (v2 /_coreos.com/fleet/machines/MACHINE_ID);
#   data [SERVICE...] etcd answers healthy through the machine's local proxy, and each SERVICE announces itself from
#                     this machine there (/services/SERVICE/instances/MACHINE_ID, the key its presence unit keeps
#                     while the service's container runs).
# It looks every CHECK_EVERY seconds (default 5) for at most READY_WITHIN seconds (default 600; the template's
# timeout is longer, so that a FAILURE arrives before CloudFormation counts a missing signal), then signals SUCCESS
# or FAILURE for SIGNAL_RESOURCE of stack STACK_NAME, with the instance id as the signal's unique id, through
# `aws cloudformation signal-resource` (Flatcar has no cfn-signal). A stack that waits for no signal (a machine the
# group replaced on its own, a reboot) answers "... cannot be signaled": then there is nothing to tell.
# Exits 0 when the machine works, 1 when it does not (or the signal could not be sent).
#
# Environment: STACK_NAME and SIGNAL_RESOURCE (/etc/cluster/signal.env); AWS_CLI_IMAGE and ETCD_IMAGE, the images
# the AWS CLI and etcdctl run from (from the host when unset); ETCD_ENDPOINT (default http://127.0.0.1:2379, the
# member on MAIN machines, the local etcd proxy on the others); IMDS_ENDPOINT (default http://169.254.169.254, the
# instance metadata service, IMDSv2); MACHINE_ID (default: /etc/machine-id's, fleet's and presence's %m);
# AWS_ENDPOINT_URL_CLOUDFORMATION (the AWS CLI's own variable, passed as --endpoint-url, which CLIs before 2.13 and
# the CLI's container need; unset on the machines).
set -euo pipefail
mode=${1:-}
[ $# -gt 0 ] && shift
case "$mode" in
  main|worker) [ $# -eq 0 ] || { echo "ready-signal $mode takes no services" >&2; exit 2; } ;;
  data) ;;
  *) echo "usage: ready-signal main | ready-signal worker | ready-signal data [SERVICE...]" >&2; exit 2 ;;
esac
: "${STACK_NAME:?STACK_NAME is not set (/etc/cluster/signal.env)}" "${SIGNAL_RESOURCE:?SIGNAL_RESOURCE is not set (/etc/cluster/signal.env)}"
within=${READY_WITHIN:-600}
every=${CHECK_EVERY:-5}
endpoint=${ETCD_ENDPOINT:-http://127.0.0.1:2379}
metadata=${IMDS_ENDPOINT:-http://169.254.169.254}
token=$(curl -fsS --retry 5 --retry-connrefused -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' "$metadata/latest/api/token")
imds() { curl -fsS --retry 5 -H "X-aws-ec2-metadata-token: $token" "$metadata/latest/meta-data/$1"; }
region=$(imds placement/region)
self=$(imds instance-id)
machine_id=${MACHINE_ID:-$(cat /etc/machine-id)}

etcdctl() {
  if [ -n "${ETCD_IMAGE:-}" ]; then
    docker run --rm --net=host "$ETCD_IMAGE" etcdctl --endpoints="$endpoint" "$@"
  else
    command etcdctl --endpoints="$endpoint" "$@"
  fi
}
aws() {
  if [ -n "${AWS_CLI_IMAGE:-}" ]; then
    docker run --rm --net=host "$AWS_CLI_IMAGE" "$@"
  else
    command aws "$@"
  fi
}

main_ready() {
  etcdctl endpoint health >/dev/null 2>&1 || return 1
  etcdctl member list -w simple 2>/dev/null | awk -F', ' -v me="$self" '$2 == "started" && $3 == me { found = 1 } END { exit !found }'
}
worker_ready() {
  curl -fsS --max-time 5 -o /dev/null "$endpoint/v2/keys/_coreos.com/fleet/machines/$machine_id"
}
data_ready() {
  local service key
  etcdctl endpoint health >/dev/null 2>&1 || return 1
  for service in "$@"; do
    key="/services/$service/instances/$machine_id"
    etcdctl get --keys-only "$key" 2>/dev/null | grep -qxF "$key" || return 1
  done
}

deadline=$((SECONDS + within))
status=FAILURE
while :; do
  if "${mode}_ready" "$@"; then
    status=SUCCESS
    break
  fi
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep "$every"
done
case "$mode" in
  main) what="etcd member $self" ;;
  worker) what="fleet machine $machine_id" ;;
  data) what="etcd and services [$*] on machine $machine_id" ;;
esac
code=1
if [ "$status" = SUCCESS ]; then
  code=0
  echo "$what ready: signalling SUCCESS for $SIGNAL_RESOURCE of stack $STACK_NAME"
else
  echo "$what not ready within ${within} s: signalling FAILURE for $SIGNAL_RESOURCE of stack $STACK_NAME" >&2
fi

for attempt in 1 2 3; do
  if answer=$(aws cloudformation signal-resource --region "$region" \
      ${AWS_ENDPOINT_URL_CLOUDFORMATION:+--endpoint-url "$AWS_ENDPOINT_URL_CLOUDFORMATION"} --stack-name "$STACK_NAME" \
      --logical-resource-id "$SIGNAL_RESOURCE" --unique-id "$self" --status "$status" 2>&1); then
    echo "signalled $status"
    exit "$code"
  fi
  if printf '%s' "$answer" | grep -q 'cannot be signaled'; then
    echo "stack $STACK_NAME waits for no signal (no creation or update of $SIGNAL_RESOURCE under way): nothing to tell"
    exit "$code"
  fi
  echo "signal-resource failed (attempt $attempt of 3): $answer" >&2
  [ "$attempt" -lt 3 ] && sleep "$every"
done
exit 1
