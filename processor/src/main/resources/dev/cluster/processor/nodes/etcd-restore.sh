#!/bin/bash
# Brings etcd back from a snapshot of /opt/bin/etcd-snapshot when every member was lost: the MAIN group's
# machines re-form etcd as a NEW cluster (its own token, hence cluster id: no member of the lost cluster can
# ever join it) holding the snapshot's v3 keys. fleet's v2 keys are not restored here: the deploy client's
# `recover` resubmits the units through fleet's API, the jar's and, from the snapshot's fleet-v2.json, the
# ones submitted by hand.
#
# Usage (as root):
#   etcd-restore SNAPSHOT.tar.gz SIZE    on every MAIN machine, with the same file, SIZE the MAIN group's size:
#       refuses another cluster's snapshot; stops the snapshot timer, fleet and etcd; computes the new member
#       list from the group's EC2 tags (cluster-peers restore); moves the data dir aside and restores into a
#       fresh one; starts the member serving clients on a private port only (127.0.0.1:2479) and waits for
#       quorum, i.e. for the other machines' restores; forgets stale Patroni leaders there, before any client
#       can read them; then starts etcd as usual, fleet and the timer.
#   etcd-restore data SNAPSHOT.tar.gz            only the restore into $ETCD_DATA_DIR, for member $ETCD_NAME of
#       $ETCD_INITIAL_CLUSTER (NAME=PEER_URL,...), as cluster-peers writes them to /run/cluster/etcd.env
#   etcd-restore stale-leaders SNAPSHOT.tar.gz   only: wait for quorum at $ETCD_ENDPOINT, then delete the
#       Patroni leader keys the snapshot brought back and that nobody rewrote since (see docs/OPERATIONS.md)
# etcdctl runs from $ETCD_IMAGE (Flatcar has none), or from the host when ETCD_IMAGE is unset.
set -euo pipefail
endpoint=${ETCD_ENDPOINT:-http://127.0.0.1:2379}
data_dir=${ETCD_DATA_DIR:-/var/lib/etcd}
patroni_namespace=/service
work=$(mktemp -d /var/tmp/etcd-restore.XXXXXX)
trap 'rm -rf "$work"' EXIT

etcdctl() {
  if [ -n "${ETCD_IMAGE:-}" ]; then
    local parent; parent=$(dirname "$data_dir")
    docker run --rm -i --net=host -v "$work:$work" -v "$parent:$parent" "$ETCD_IMAGE" etcdctl --endpoints="$endpoint" "$@"
  else
    command etcdctl --endpoints="$endpoint" "$@"
  fi
}

fail() {
  echo "etcd-restore: $*" >&2
  exit 1
}

# Unpacks the snapshot, refusing another cluster's before anything is changed.
unpack() {
  [ -f "$1" ] || fail "no snapshot file $1"
  tar -C "$work" -xzf "$1" cluster etcd-v3.db 2>/dev/null \
    || fail "$1 is no snapshot of /opt/bin/etcd-snapshot: it lacks the file cluster or etcd-v3.db"
  local owner; owner=$(cat "$work/cluster")
  [ "$owner" = "$CLUSTER" ] || fail "$1 is a snapshot of cluster $owner, not of $CLUSTER: refusing to restore it"
}

restore_data() {
  local peer_url token aside
  peer_url=$(printf '%s\n' "$ETCD_INITIAL_CLUSTER" | tr ',' '\n' | sed -n "s|^$ETCD_NAME=||p")
  [ -n "$peer_url" ] || fail "member $ETCD_NAME is not in the new member list $ETCD_INITIAL_CLUSTER"
  # Every machine restores the same file, so they agree on the token; it differs from the lost cluster's.
  token="$CLUSTER-$(sha256sum "$work/etcd-v3.db" | cut -c1-16)"
  if [ -e "$data_dir" ]; then
    aside="$data_dir.before-restore-$(date +%s)"
    mv "$data_dir" "$aside"
    echo "moved the old data dir aside to $aside"
  fi
  # The restored revision is older than what watchers saw: jetcd resumes a watch at its last revision and would
  # miss every change until the new cluster got that far. Bumped past it and marked compacted, watchers are told
  # and read again (etcd 3.5.10+; the 3.4 of the tests has neither flag).
  local bump=()
  if etcdctl snapshot restore --help 2>&1 | grep -q -- --bump-revision; then
    bump=(--bump-revision 1000000000 --mark-compacted)
  else
    echo "this etcdctl cannot bump the revision: agents' watches miss changes until etcd is past the lost revision"
  fi
  # etcdctl's restore: etcd 3.5 deprecates it for etcdutl but keeps it (3.6 drops it, and the v2 API fleet needs).
  etcdctl snapshot restore "$work/etcd-v3.db" --data-dir "$data_dir" --name "$ETCD_NAME" \
    --initial-cluster "$ETCD_INITIAL_CLUSTER" --initial-advertise-peer-urls "$peer_url" \
    --initial-cluster-token "$token" "${bump[@]}" >/dev/null 2>&1 || fail "etcdctl snapshot restore into $data_dir failed"
  echo "restored member $ETCD_NAME into $data_dir (cluster token $token)"
}

# A leader key older than the restore names whoever led when the snapshot was taken, maybe a member that is a
# replica now, which would promote itself on seeing it: deleted (compare-and-delete on its revision, so a leader
# that wrote since keeps its key); the member still running as primary (failsafe_mode) takes the key again.
forget_stale_leaders() {
  local revision key result
  if ! etcdctl endpoint health >/dev/null 2>&1; then
    echo "waiting for etcd's quorum at $endpoint: run etcd-restore with the same snapshot on the other MAIN machines"
    until etcdctl endpoint health >/dev/null 2>&1; do sleep 1; done
  fi
  revision=$(etcdctl snapshot status "$work/etcd-v3.db" -w json 2>/dev/null | grep -o '"revision":[0-9]*' | cut -d: -f2)
  [ -n "$revision" ] || fail "cannot read the revision of the snapshot"
  for key in $(etcdctl get "$patroni_namespace/" --prefix --keys-only | grep -E "^$patroni_namespace/[^/]+/leader\$" || true); do
    result=$(printf 'mod("%s") < "%s"\n\ndel %s\n\n\n' "$key" "$((revision + 1))" "$key" | etcdctl txn)
    case "$result" in
      SUCCESS*) echo "deleted $key: restored from the snapshot, not rewritten since" ;;
      *) echo "kept $key: rewritten since the restore" ;;
    esac
  done
}

case "${1:-}" in
  data)
    [ $# -eq 2 ] || fail "usage: etcd-restore data SNAPSHOT.tar.gz"
    unpack "$2"
    restore_data
    ;;
  stale-leaders)
    [ $# -eq 2 ] || fail "usage: etcd-restore stale-leaders SNAPSHOT.tar.gz"
    unpack "$2"
    forget_stale_leaders
    ;;
  ""|-h|--help)
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
    [ $# -eq 1 ]
    ;;
  *)
    [ $# -eq 2 ] || fail "usage: etcd-restore SNAPSHOT.tar.gz SIZE (on every MAIN machine)"
    set -a
    . /etc/cluster/cluster.env
    set +a
    unpack "$1"
    systemctl stop etcd-snapshot.timer fleet.service etcd-member.service
    /opt/bin/cluster-peers restore "$2"
    set -a
    . /run/cluster/etcd.env
    set +a
    restore_data
    # Serving clients only on a port nobody else uses until the stale leader keys are gone: Patroni must never
    # read them. The peers reach this member at its usual peer URL.
    docker rm -f etcd-restore >/dev/null 2>&1 || true
    docker run -d --rm --name etcd-restore --net=host -v "$data_dir:$data_dir" "$ETCD_IMAGE" /usr/local/bin/etcd \
      --name="$ETCD_NAME" --data-dir="$data_dir" --enable-v2=true --listen-peer-urls=http://0.0.0.0:2380 \
      --listen-client-urls=http://127.0.0.1:2479 --advertise-client-urls=http://127.0.0.1:2479 >/dev/null
    endpoint=http://127.0.0.1:2479
    forget_stale_leaders
    docker stop etcd-restore >/dev/null
    endpoint=http://127.0.0.1:2379
    systemctl start etcd-member.service fleet.service etcd-snapshot.timer
    etcdctl endpoint health --cluster || true
    ;;
esac
