#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Signals (issue 10 item 6): SIGHUP, SIGUSR1 and SIGUSR2 are ignored (no
# reload yet) -- the daemon keeps serving; SIGTERM stops it cleanly (exit 0).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_fresh
t_cli demo > /dev/null || exit 1
t_start
grep -q "^magesoapd [0-9.]*: database $T_TMP/test.db (schema [0-9]*), profile magento1, 1 API user$" "$T_TMP/daemon.log" \
  && t_ok "start-up line: version, database, schema, profile, API users" \
  || t_bad "start-up line: $(head -3 "$T_TMP/daemon.log")"
login() {
  "$PY" -c 'import sys, xmlrpc.client; print(xmlrpc.client.ServerProxy(sys.argv[1]).login("apiUser", "apiKey"))' \
    "$T_URL/api/xmlrpc/" 2>&1
}
for sig in HUP USR1 USR2; do
  kill -s "$sig" "$T_PID"
  sleep 0.3
  if t_alive && [ "$(login | wc -c)" = 33 ]; then t_ok "SIG$sig ignored: still serving"
  else t_bad "SIG$sig: daemon gone or not serving ($(tail -3 "$T_TMP/daemon.log"))"; fi
done
kill -s TERM "$T_PID"
rc=0; wait "$T_PID" 2>/dev/null || rc=$?
[ "$rc" = 0 ] && t_ok "SIGTERM: clean exit 0" || t_bad "SIGTERM: exit $rc"
T_PID=
t_summary
