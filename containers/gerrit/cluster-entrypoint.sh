#!/bin/bash
# Copies the cluster's generated gerrit.config and secure.config (mounted at /etc/cluster/gerrit/) into the
# site, filling each ${NAME} from the environment (secure.config's database password, from Secrets
# Manager through the unit), then runs the upstream entrypoint, which initialises the site on first start
# and runs Gerrit. An unset variable stops the start: Gerrit would otherwise run with a wrong password.
set -euo pipefail
site=/var/gerrit/etc
render() {
  CONFIG_FILE=$1 perl -pe 's/\$\{(\w+)\}/exists $ENV{$1} ? $ENV{$1} : die "$ENV{CONFIG_FILE}: $1 is not set\n"/ge' "$1"
}
mkdir -p "$site"
render /etc/cluster/gerrit/gerrit.config > "$site/gerrit.config"
(umask 077 && render /etc/cluster/gerrit/secure.config > "$site/secure.config")
# The upstream entrypoint sets canonicalWebUrl from this variable; keep the generated one.
CANONICAL_WEB_URL=$(git config -f "$site/gerrit.config" gerrit.canonicalWebUrl)
export CANONICAL_WEB_URL
exec /entrypoint.sh "$@"
