#!/bin/sh
# Creates the master's base dir on a fresh volume, brings its database up to date, checks master.cfg and
# runs the master in the foreground.
set -eu
base=/var/lib/buildbot/master
[ -f "$base/buildbot.tac" ] || buildbot create-master --quiet --config=/etc/buildbot/master.cfg "$base"
cd "$base"
buildbot upgrade-master --quiet "$base"
exec buildbot start --nodaemon "$base"
