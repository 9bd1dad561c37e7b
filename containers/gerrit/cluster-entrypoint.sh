#!/bin/bash
# Copies the cluster's generated gerrit.config and secure.config (mounted at /etc/cluster/gerrit/) into the
# site, filling each ${NAME} from the environment (secure.config's database password, from Secrets
# Manager through the unit), then runs the upstream entrypoint, which initialises the site on first start
# and runs Gerrit. An unset variable stops the start: Gerrit would otherwise run with a wrong password.
set -euo pipefail
site=/var/gerrit/etc
# render FILE [url]: FILE with each ${NAME} replaced by the variable's value, percent-encoded with "url"
# (secure.config's only variable is the database's password inside its JDBC URL). Comment lines are copied as
# they are: the generated files' own comments say "${NAME}".
render() {
  CONFIG_FILE=$1 ENCODE=${2:-} perl -pe '
    sub value {
      my $name = shift;
      die "$ENV{CONFIG_FILE}: $name is not set\n" unless exists $ENV{$name};
      my $v = $ENV{$name};
      $v =~ s/([^A-Za-z0-9._~-])/sprintf("%%%02X", ord($1))/ge if $ENV{ENCODE} eq "url";
      return $v;
    }
    next if /^\s*[#;]/;
    s/\$\{(\w+)\}/value($1)/ge' "$1"
}
mkdir -p "$site"
render /etc/cluster/gerrit/gerrit.config > "$site/gerrit.config"
(umask 077 && render /etc/cluster/gerrit/secure.config url > "$site/secure.config")
# The upstream entrypoint sets canonicalWebUrl from this variable; keep the generated one.
CANONICAL_WEB_URL=$(git config -f "$site/gerrit.config" gerrit.canonicalWebUrl)
export CANONICAL_WEB_URL
exec /entrypoint.sh "$@"
