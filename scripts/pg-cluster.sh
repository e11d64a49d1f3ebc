#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A throwaway PostgreSQL 15 cluster for the tests: initdb into a new
# temporary directory as an unprivileged user (`nobody` when run as root),
# listening on a Unix socket in that directory only (no TCP), fsync on.
#
#   scripts/pg-cluster.sh start          prints PGDIR=... and PGHOST=... (eval it)
#   scripts/pg-cluster.sh stop PGDIR     stops it and removes the directory
#   scripts/pg-cluster.sh restart PGDIR  pg_ctl restart (fast shutdown)
#   scripts/pg-cluster.sh down PGDIR     pg_ctl stop (fast), the directory stays
#   scripts/pg-cluster.sh up PGDIR       start it again
#
# Databases are made with `createdb -h $PGHOST -U postgres NAME`; magesoapd
# connects with db = "host=$PGHOST user=postgres dbname=NAME".
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "pg-cluster: no PostgreSQL 15 in $PGBIN (scripts/deps.sh test)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

cmd=${1:-}
case "$cmd" in
  start)
    dir=$(mktemp -d /tmp/md-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir"
    as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300 -c shared_buffers=64MB -c fsync=on -c synchronous_commit=on" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "PGDIR=$dir"
    echo "PGHOST=$dir"
    ;;
  stop)
    dir=${2:?PGDIR}
    [ -d "$dir/data" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  restart|up)
    dir=${2:?PGDIR}
    [ "$cmd" = up ] && cmd=start
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300 -c shared_buffers=64MB" \
      "$cmd" >/dev/null
    ;;
  down)
    dir=${2:?PGDIR}
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  *)
    echo "usage: $0 start | stop PGDIR | restart PGDIR" >&2
    exit 2
    ;;
esac
