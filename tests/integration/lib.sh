# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for integration tests: start the real daemon on 127.0.0.1
# with a fresh database and config, stop it on exit.
# Environment (set by ctest): MAGESOAPD, MD_SOURCE_DIR, MD_CAPTURES_DIR.
set -u
: "${MAGESOAPD:?path to the magesoapd binary}"
: "${MD_SOURCE_DIR:?source tree}"
# the recorded OpenMage traffic (tests/captures/README.md)
MD_CAPTURES_DIR=${MD_CAPTURES_DIR:-$MD_SOURCE_DIR/tests/captures}
# Debian's python3 (the clients' Debian packages, e.g. python3-zeep, live there)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
T_TMP=$(mktemp -d /tmp/magesoapd-test.XXXXXX)
T_PID=
T_PORT=
T_URL=

# The backend (scripts/test.sh, scripts/pg-test.sh): MD_TEST_BACKEND=postgresql
# with MD_PGHOST (the socket directory of a throwaway cluster) gives every
# test script its own database there, made again by each t_fresh; otherwise
# an SQLite file in T_TMP.
MD_TEST_BACKEND=${MD_TEST_BACKEND:-sqlite}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
T_PGDB=
if [ "$MD_TEST_BACKEND" = postgresql ]; then
  : "${MD_PGHOST:?MD_TEST_BACKEND=postgresql needs MD_PGHOST (scripts/pg-test.sh)}"
  T_PGDB=md_$(basename "$T_TMP" | tr -c 'a-zA-Z0-9\n' '_' | tr 'A-Z' 'a-z')
fi
# t_db: the db setting of this test's database
t_db() {
  if [ -n "$T_PGDB" ]; then echo "host=$MD_PGHOST user=postgres dbname=$T_PGDB"; else echo "$T_TMP/test.db"; fi
}
# t_pg_newdb: drop and create this test's PostgreSQL database
t_pg_newdb() {
  "$PGBIN/dropdb" -h "$MD_PGHOST" -U postgres --if-exists --force "$T_PGDB" >/dev/null 2>&1
  "$PGBIN/createdb" -h "$MD_PGHOST" -U postgres "$T_PGDB" || { echo "createdb $T_PGDB failed"; exit 1; }
}
# t_sql QUERY: run SQL on this test's database (sqlite3 / psql), rows as
# "a|b" lines
t_sql() {
  if [ -n "$T_PGDB" ]; then
    "$PGBIN/psql" -h "$MD_PGHOST" -U postgres -d "$T_PGDB" -X -q -A -t -c "$1"
  else
    sqlite3 "$T_TMP/test.db" "$1"
  fi
}
# t_pg_only REASON: end a test that needs the PostgreSQL backend (status
# 77, reported as skipped) on the SQLite pass
t_pg_only() {
  if [ -z "$T_PGDB" ]; then echo "SKIP (postgresql-only): $*"; exit 77; fi
}
# t_sqlite_only REASON: end a test that checks SQLite itself (status 77:
# ctest reports it as skipped on the PostgreSQL pass, never as passed)
t_sqlite_only() {
  if [ -n "$T_PGDB" ]; then echo "SKIP (sqlite-only): $*"; exit 77; fi
}
[ -n "$T_PGDB" ] && t_pg_newdb
# for the Python drivers (py/tdb.py): which database to read
export T_PGDB MD_PGHOST PGBIN

T_BG_PIDS=()
t_cleanup() {
  local p
  for p in "${T_BG_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  if [ -n "$T_PID" ]; then kill "$T_PID" 2>/dev/null; wait "$T_PID" 2>/dev/null; fi
  rm -rf "$T_TMP"
  [ -n "$T_PGDB" ] && "$PGBIN/dropdb" -h "$MD_PGHOST" -U postgres --if-exists --force "$T_PGDB" >/dev/null 2>&1
  return 0
}
trap t_cleanup EXIT

# t_config KEY=VALUE...: write $T_TMP/magesoapd.conf
t_config() {
  : > "$T_TMP/magesoapd.conf"
  echo "db = $(t_db)" >> "$T_TMP/magesoapd.conf"
  echo "pbkdf2_iterations = 1000" >> "$T_TMP/magesoapd.conf"
  for kv in "$@"; do echo "${kv%%=*} = ${kv#*=}" >> "$T_TMP/magesoapd.conf"; done
}

# t_cli ARGS...: run a CLI command against the test database
t_cli() { "$MAGESOAPD" -c "$T_TMP/magesoapd.conf" "$@"; }

# t_start [serve options]: start the daemon on a free port; sets T_PORT/T_URL
t_start() {
  [ -f "$T_TMP/magesoapd.conf" ] || t_config
  # empty the log first: the loop below must never read the previous
  # daemon's "listening on" line before the new one's redirection truncates it
  : > "$T_TMP/daemon.log"
  "$MAGESOAPD" -c "$T_TMP/magesoapd.conf" serve --listen 127.0.0.1:0 "$@" \
    2> "$T_TMP/daemon.log" &
  T_PID=$!
  for _ in $(seq 1 100); do
    T_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/daemon.log")
    [ -n "$T_PORT" ] && break
    kill -0 "$T_PID" 2>/dev/null || { cat "$T_TMP/daemon.log"; echo "daemon died"; exit 1; }
    sleep 0.1
  done
  [ -n "$T_PORT" ] || { cat "$T_TMP/daemon.log"; echo "daemon did not start"; exit 1; }
  T_URL="http://127.0.0.1:$T_PORT"
}

# t_captures: fail (never skip) unless the recorded traffic is there
t_captures() {
  local f
  for f in v1-SUMMARY.json v2-SUMMARY.json wsi-SUMMARY.json v1-login-ok.req.xml; do
    [ -f "$MD_CAPTURES_DIR/$f" ] || { echo "FAIL: missing capture $MD_CAPTURES_DIR/$f"; exit 1; }
  done
}

t_stop() {
  if [ -n "$T_PID" ]; then kill "$T_PID"; wait "$T_PID"; local rc=$?; T_PID=; return $rc; fi
}

# ---- helpers for the client tests (21-29): PASS/FAIL counting and restarts
T_PASS=0
T_FAIL=0
t_ok()  { T_PASS=$((T_PASS + 1)); echo "PASS: $*"; }
t_bad() { T_FAIL=$((T_FAIL + 1)); echo "FAIL: $*"; }
# t_tally FILE: print a client's output and count its PASS:/FAIL: lines
t_tally() {
  local p f
  cat "$1"
  p=$(grep -c '^PASS' "$1"); f=$(grep -c '^FAIL' "$1")
  T_PASS=$((T_PASS + p)); T_FAIL=$((T_FAIL + f))
}
# t_summary: the final "N passed, N failed" line; status 0 only without failures
t_summary() {
  echo "$T_PASS passed, $T_FAIL failed"
  [ "$T_FAIL" = 0 ] && [ "$T_PASS" -gt 0 ]
}
# t_fresh KEY=VALUE...: stop a running daemon, new empty database, new config
t_fresh() {
  if [ -n "$T_PID" ]; then t_stop || t_bad "daemon exited non-zero on SIGTERM (see $T_TMP/daemon.log)"; fi
  rm -f "$T_TMP"/test.db "$T_TMP"/test.db-*
  [ -n "$T_PGDB" ] && t_pg_newdb
  t_config "$@"
}
# t_alive: the daemon is still running
t_alive() { [ -n "$T_PID" ] && kill -0 "$T_PID" 2>/dev/null; }

# t_tap LOGFILE: start a recording TCP relay in front of the daemon (T_PORT);
# sets TAP_PORT/TAP_URL.  The relay is stopped on exit.
TAP_PORT=
TAP_URL=
t_tap() {
  "$PY" "$MD_SOURCE_DIR/tests/integration/py/tcp_tap.py" "$T_PORT" "$1" > "$T_TMP/tap.out" 2>&1 &
  T_BG_PIDS+=($!)
  for _ in $(seq 1 50); do
    TAP_PORT=$(sed -n 's/^tap listening on \([0-9]*\)$/\1/p' "$T_TMP/tap.out")
    [ -n "$TAP_PORT" ] && break
    sleep 0.1
  done
  [ -n "$TAP_PORT" ] || { cat "$T_TMP/tap.out"; echo "tap did not start"; exit 1; }
  TAP_URL="http://127.0.0.1:$TAP_PORT"
}

# t_expect WHAT GOT WANT: PASS when GOT = WANT
t_expect() {
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1: got '$2', want '$3'"; fi
}
# t_xr EXPR: log in over XML-RPC as apiUser and print EXPR (python, with s the
# ServerProxy and sid the session): a list as its length, a fault as
# "fault CODE MESSAGE"
t_xr() { "$PY" -c '
import sys, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
sid = s.login("apiUser", "apiKey")
try:
    r = eval(sys.argv[2], {"s": s, "sid": sid})
    print(r if not isinstance(r, list) else len(r))
except xmlrpc.client.Fault as e:
    print("fault %d %s" % (e.faultCode, e.faultString))
' "$T_URL/api/xmlrpc/" "$1"; }
