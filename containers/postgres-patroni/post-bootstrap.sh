#!/bin/sh
# Patroni's bootstrap.post_bootstrap, run once by the member that creates the cluster:
#   patroni-post-bootstrap ROLE DATABASE CONNINFO
# (Patroni appends the superuser's connection string and hands its password over in PGPASSFILE). Creates the app's
# own role, its password from POSTGRES_APP_PASSWORD, and the database it owns. The role logs in and owns what it
# creates, nothing more: not a superuser, no CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS. The password is on no
# command line: psql reads it from the environment.
set -eu
if [ $# -ne 3 ]; then
  echo "usage: patroni-post-bootstrap ROLE DATABASE CONNINFO" >&2
  exit 2
fi
if [ -z "${POSTGRES_APP_PASSWORD:-}" ]; then
  echo "patroni-post-bootstrap: POSTGRES_APP_PASSWORD is empty: the app's role $1 needs its password" >&2
  exit 1
fi
psql "$3" -X -q -v ON_ERROR_STOP=1 -v role="$1" -v database="$2" <<'SQL'
\getenv password POSTGRES_APP_PASSWORD
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
SQL
