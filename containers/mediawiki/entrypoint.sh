#!/bin/bash
# Creates the wiki's tables if its database has none (install.sh), then runs php-fpm and nginx side by
# side; when either exits, the other is stopped and the container exits with the first one's status, so
# the engine restarts the whole wiki.
set -euo pipefail
mediawiki-install
sed "s/@GUARD_BACKEND_PORT@/$GUARD_BACKEND_PORT/" /etc/mediawiki-container/nginx.conf.template > /run/mediawiki/nginx.conf
php-fpm8.2 --nodaemonize --fpm-config /etc/mediawiki-container/php-fpm.conf &
nginx -c /run/mediawiki/nginx.conf -g 'daemon off;' &
trap 'kill -TERM $(jobs -p) 2>/dev/null' TERM INT
set +e
wait -n
status=$?
# shellcheck disable=SC2046 # one argument per job
kill -TERM $(jobs -p) 2>/dev/null
wait
exit $status
