#!/bin/sh
# Creates the worker on a fresh volume from BUILDBOT_MASTER, WORKER_NAME and WORKER_PASSWORD, then runs it
# in the foreground.
set -eu
base=/var/lib/buildbot/worker
[ -f "$base/buildbot.tac" ] || buildbot-worker create-worker --umask=0o22 "$base" \
  "${BUILDBOT_MASTER:?BUILDBOT_MASTER (host:port) is required}" \
  "${WORKER_NAME:?WORKER_NAME is required}" "${WORKER_PASSWORD:?WORKER_PASSWORD is required}" >/dev/null
exec buildbot-worker start --nodaemon "$base"
