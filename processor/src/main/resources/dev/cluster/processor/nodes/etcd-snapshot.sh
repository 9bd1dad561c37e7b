#!/bin/bash
# Takes a snapshot of the cluster's etcd and uploads it to the snapshot bucket, run by etcd-snapshot.timer
# on every MAIN machine; only the member that is etcd's leader uploads, so the cluster makes one snapshot
# per run, not one per machine. A snapshot is one tar.gz holding:
#   etcd-v3.db    `etcdctl snapshot save` (the v3 key space: the runtime agents' keys, e.g. presence);
#   fleet-v2.json fleet's v2 key space (/_coreos.com/fleet), which v3 snapshots do not hold, as the v2 API's
#                 recursive GET returns it: one consistent read, plain JSON that a person can read and that
#                 can be written back with v2 PUTs into any etcd, unlike `etcdctl backup` (a copy of this
#                 member's data dir, restorable only by forcing a new cluster from it).
# Key: s3://$SNAPSHOT_BUCKET/$CLUSTER/YYYY-MM-DDTHH-MM-SSZ-INSTANCE.tar.gz, with metadata cluster=$CLUSTER.
# The machine's role may only put objects under $CLUSTER/: it can neither read nor delete snapshots. The
# bucket has Object Lock, which wants a checksum with every upload: hence --checksum-algorithm.
set -euo pipefail
endpoint=http://127.0.0.1:2379
etcdctl() { docker run --rm --net=host -v "$work:/snapshot" "$ETCD_IMAGE" etcdctl --endpoints="$endpoint" "$@"; }
work=$(mktemp -d /var/tmp/etcd-snapshot.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The leader's id against this member's, from the JSON status (its table columns differ between versions).
status=$(etcdctl endpoint status -w json)
member=$(printf '%s' "$status" | grep -o '"member_id":[0-9]*' | head -n 1 | cut -d: -f2)
leader=$(printf '%s' "$status" | grep -o '"leader":[0-9]*' | head -n 1 | cut -d: -f2)
if [ -z "$member" ] || [ "$member" != "$leader" ]; then
  echo "this member is not etcd's leader: the leader takes the snapshot"
  exit 0
fi

token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
imds() { curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"; }
region=$(imds placement/region)
self=$(imds instance-id)
stamp=$(date -u +%Y-%m-%dT%H-%M-%SZ)
name="$stamp-$self.tar.gz"

etcdctl snapshot save /snapshot/etcd-v3.db >/dev/null
curl -fsS "$endpoint/v2/keys/_coreos.com/fleet?recursive=true&sorted=true" > "$work/fleet-v2.json"
tar -C "$work" -czf "$work/$name" etcd-v3.db fleet-v2.json

docker run --rm --net=host -e AWS_REGION="$region" -v "$work:/snapshot:ro" "$AWS_CLI_IMAGE" \
  s3 cp "/snapshot/$name" "s3://$SNAPSHOT_BUCKET/$CLUSTER/$name" \
  --metadata "cluster=$CLUSTER,instance=$self" --checksum-algorithm CRC32 --only-show-errors
echo "uploaded s3://$SNAPSHOT_BUCKET/$CLUSTER/$name ($(stat -c %s "$work/$name") bytes)"
