#!/bin/bash
# Takes a snapshot of the cluster's etcd and uploads it to the snapshot bucket, run by etcd-snapshot.timer
# on every MAIN machine; only the member that is etcd's leader uploads, so the cluster makes one snapshot
# per run, not one per machine. A snapshot is one tar.gz holding:
#   cluster       the cluster's name, which /opt/bin/etcd-restore checks before restoring anything;
#   etcd-v3.db    `etcdctl snapshot save` (the v3 key space: the runtime agents' keys, Patroni's);
#   fleet-v2.json fleet's v2 key space (/_coreos.com/fleet), which v3 snapshots do not hold, as the v2 API's
#                 recursive GET returns it: one consistent read, plain JSON that a person can read and that
#                 the deploy client's `recover` reads to resubmit the units not declared in the jar, unlike
#                 `etcdctl backup` (a copy of this member's data dir, restorable only by forcing a new
#                 cluster from it).
# Key: s3://$SNAPSHOT_BUCKET/$CLUSTER/YYYY-MM-DDTHH-MM-SSZ-INSTANCE.tar.gz, with metadata cluster=$CLUSTER.
# The machine's role may only put objects under $CLUSTER/: it can neither read nor delete snapshots. The
# bucket has Object Lock, which wants a checksum with every upload: hence --checksum-algorithm.
#
# Usage: etcd-snapshot          as the timer runs it: on the leader only, uploaded to S3
#        etcd-snapshot FILE     one snapshot now into FILE, on any member, not uploaded (e.g. before a risky change)
# etcdctl runs from $ETCD_IMAGE (Flatcar has none), or from the host when ETCD_IMAGE is unset.
set -euo pipefail
endpoint=${ETCD_ENDPOINT:-http://127.0.0.1:2379}
output=${1:-}
work=$(mktemp -d /var/tmp/etcd-snapshot.XXXXXX)
trap 'rm -rf "$work"' EXIT
etcdctl() {
  if [ -n "${ETCD_IMAGE:-}" ]; then
    docker run --rm --net=host -v "$work:$work" "$ETCD_IMAGE" etcdctl --endpoints="$endpoint" "$@"
  else
    command etcdctl --endpoints="$endpoint" "$@"
  fi
}

if [ -z "$output" ]; then
  # The leader's id against this member's, from the JSON status (its table columns differ between versions).
  status=$(etcdctl endpoint status -w json)
  member=$(printf '%s' "$status" | grep -o '"member_id":[0-9]*' | head -n 1 | cut -d: -f2)
  leader=$(printf '%s' "$status" | grep -o '"leader":[0-9]*' | head -n 1 | cut -d: -f2)
  if [ -z "$member" ] || [ "$member" != "$leader" ]; then
    echo "this member is not etcd's leader: the leader takes the snapshot"
    exit 0
  fi
fi

printf '%s\n' "$CLUSTER" > "$work/cluster"
etcdctl snapshot save "$work/etcd-v3.db" >/dev/null 2>"$work/save.log" || { cat "$work/save.log" >&2; exit 1; }
# 404 (etcd's JSON "Key not found") is a fleet that never wrote: kept as is, it holds no units.
code=$(curl -sS -o "$work/fleet-v2.json" -w '%{http_code}' "$endpoint/v2/keys/_coreos.com/fleet?recursive=true&sorted=true")
if [ "$code" != 200 ] && [ "$code" != 404 ]; then
  echo "reading fleet's v2 keys from $endpoint answered HTTP $code: is etcd's v2 API on (--enable-v2)?" >&2
  exit 1
fi

if [ -n "$output" ]; then
  tar -C "$work" -czf "$output" cluster etcd-v3.db fleet-v2.json
  echo "wrote $output ($(stat -c %s "$output") bytes)"
  exit 0
fi

token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
imds() { curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"; }
region=$(imds placement/region)
self=$(imds instance-id)
name="$(date -u +%Y-%m-%dT%H-%M-%SZ)-$self.tar.gz"
tar -C "$work" -czf "$work/$name" cluster etcd-v3.db fleet-v2.json

docker run --rm --net=host -e AWS_REGION="$region" -v "$work:/snapshot:ro" "$AWS_CLI_IMAGE" \
  s3 cp "/snapshot/$name" "s3://$SNAPSHOT_BUCKET/$CLUSTER/$name" \
  --metadata "cluster=$CLUSTER,instance=$self" --checksum-algorithm CRC32 --only-show-errors
echo "uploaded s3://$SNAPSHOT_BUCKET/$CLUSTER/$name ($(stat -c %s "$work/$name") bytes)"
