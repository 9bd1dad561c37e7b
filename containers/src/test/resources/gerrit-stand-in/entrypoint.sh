#!/bin/bash
# The stand-in's /entrypoint.sh, doing to the site what the upstream image's does before it runs Gerrit: sets
# gerrit.canonicalWebUrl from CANONICAL_WEB_URL (http://$HOSTNAME without it) and httpd.listenUrl from
# HTTPD_LISTEN_URL when that is set; then runs the stand-in on the site's gerrit.config.
set -euo pipefail
config=/var/gerrit/etc/gerrit.config
git config -f "$config" gerrit.canonicalWebUrl "${CANONICAL_WEB_URL:-http://$HOSTNAME}"
if [ -n "${HTTPD_LISTEN_URL:-}" ]; then
  git config -f "$config" httpd.listenUrl "$HTTPD_LISTEN_URL"
fi
exec python3 /var/gerrit/bin/stand-in-gerrit.py "$config" /var/gerrit/logs/stand-in-requests.log
