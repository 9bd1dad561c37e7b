#!/bin/sh
# Starts mariadbd on MARIADB_PORT. On an empty data dir it first creates the system tables and, when
# MARIADB_USER is set, that user (password MARIADB_PASSWORD) with every right on MARIADB_DATABASE.
# root@localhost and mysql@localhost log in through the unix socket only.
set -eu
datadir=/var/lib/mysql
if [ ! -d "$datadir/mysql" ]; then
  mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=socket --skip-test-db >/dev/null
  if [ -n "${MARIADB_USER:-}" ]; then
    : "${MARIADB_PASSWORD:?MARIADB_PASSWORD must be set with MARIADB_USER}"
    {
      echo "FLUSH PRIVILEGES;"
      [ -z "${MARIADB_DATABASE:-}" ] || echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
      echo "CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '$MARIADB_PASSWORD';"
      scope='*.*'; [ -z "${MARIADB_DATABASE:-}" ] || scope="\`$MARIADB_DATABASE\`.*"
      echo "GRANT ALL ON $scope TO '$MARIADB_USER'@'%';"
    } | mariadbd --bootstrap --datadir="$datadir" --log-warnings=0
  fi
fi
exec mariadbd --datadir="$datadir" --port="$MARIADB_PORT" --bind-address=0.0.0.0 "$@"
