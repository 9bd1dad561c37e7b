#!/bin/bash
# Builds (once) fleetd and fleetctl 1.0.0 under a cache folder and prints the folder holding them. fleet is archived
# upstream and no package registry ships it, so it is built from fleet's source archive in shared/vendor/ (tag
# v1.0.0, commit 7b84c69c, Apache-2.0; the project does not copy it) with Debian's Go in GOPATH mode and fleet's own
# vendored dependencies: nothing is downloaded. About a minute on 2 cores. The runtime's real-fleet tests
# (testing/RealFleet) put these binaries into their machine image.
# Usage: fleet-build.sh [DIR]   (default $DEV_CLUSTER_CACHE/fleet-1.0.0, /var/cache/dev-cluster; binaries in DIR/bin)
#   env FLEET_SOURCE=FILE   the source archive (default: vendor/fleet-1.0.0-src.tar.gz in the shared folder beside
#                           this checkout, or beside the main checkout when this is a git worktree)
set -euo pipefail
checkout=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-${DEV_CLUSTER_CACHE:-/var/cache/dev-cluster}/fleet-1.0.0}
if [ -x "$out/bin/fleetd" ] && [ -x "$out/bin/fleetctl" ]; then
  echo "$out/bin"; exit 0
fi
archive=${FLEET_SOURCE:-}
if [ -z "$archive" ]; then
  candidates=("$checkout/../shared/vendor/fleet-1.0.0-src.tar.gz")
  common=$(git -C "$checkout" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  [ -n "$common" ] && candidates+=("$(dirname "$common")/../shared/vendor/fleet-1.0.0-src.tar.gz")
  for candidate in "${candidates[@]}"; do
    [ -f "$candidate" ] && { archive=$candidate; break; }
  done
fi
[ -n "$archive" ] && [ -f "$archive" ] || {
  echo "fleet-build: no fleet source archive (looked for shared/vendor/fleet-1.0.0-src.tar.gz beside the checkout);" \
       "set FLEET_SOURCE=FILE" >&2; exit 2; }
command -v go >/dev/null || { echo "fleet-build: needs Go: apt-get install -y golang-go" >&2; exit 2; }
work=$out.partial
rm -rf "$work"
src=$work/gopath/src/github.com/coreos/fleet
mkdir -p "$src" "$work/bin"
tar -xzf "$archive" -C "$src" --strip-components=1
# GOPATH mode with fleet's vendor/ folder; no module proxy, no cgo (static binaries that run in any Debian machine)
export GOPATH=$work/gopath GO111MODULE=off GOPROXY=off GOFLAGS= CGO_ENABLED=0 GOCACHE=$work/gocache
ldflags="-X github.com/coreos/fleet/version.Version=v1.0.0"
(cd "$src" && go build -o "$work/bin/fleetd" -ldflags "$ldflags" github.com/coreos/fleet \
           && go build -o "$work/bin/fleetctl" -ldflags "$ldflags" github.com/coreos/fleet/fleetctl)
rm -rf "$out"; mkdir -p "$out"
mv "$work/bin" "$out/bin"
rm -rf "$work"
echo "$out/bin"
