#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Login throttling across two daemons on one PostgreSQL database
# (postgresql-only; scripts/pg-test.sh runs it): wrong keys split over both
# daemons add up to one count, the lockout comes at login_max_failures in
# total (not per daemon) and holds on both, a success clears the count for
# both, and the lockout ends on both after login_lockout.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
t_pg_only "two daemons need a shared database server"
t_fresh login_max_failures=6 login_max_failures_per_peer=0 login_window=60 login_lockout=4
t_cli user add --username apiUser --api-key apiKey > /dev/null || { t_bad "user add"; t_summary; exit 1; }
t_start
A=$T_URL
: > "$T_TMP/b.log"
"$MAGESOAPD" -c "$T_TMP/magesoapd.conf" serve --listen 127.0.0.1:0 2> "$T_TMP/b.log" &
T_BG_PIDS+=("$!")
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/b.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$T_TMP/b.log"; t_bad "daemon B did not start"; t_summary; exit 1; }
B="http://127.0.0.1:$port"

"$PY" - "$A" "$B" "$MAGESOAPD" > "$T_TMP/out" 2>&1 <<'PYEOF'
import subprocess, sys, time, xmlrpc.client
a, b = (xmlrpc.client.ServerProxy(u + "/api/xmlrpc/") for u in sys.argv[1:3])
fails = 0
def check(what, cond, detail=""):
    global fails
    print(("PASS: " if cond else "FAIL: ") + what + ("" if cond else "\n    %s" % detail))
    fails += 0 if cond else 1
def login(d, key):
    try:
        return d.login("apiUser", key)
    except xmlrpc.client.Fault as e:
        return (e.faultCode, e.faultString)
denied = (2, "Access denied.")
ok = lambda r: isinstance(r, str) and len(r) == 32

# a success on B clears failures counted on A
for d in (a, b, a, b, a):
    login(d, "wrong")
check("5 failures over both daemons: not locked yet (B)", ok(login(b, "apiKey")))
# 5 split 3/2 (each daemon below the limit of 6 alone), then the 6th locks
for d in (a, b, a, b, a):
    check("wrong key: fault 2", login(d, "wrong") == denied)
check("right key still served after 5 of 6 (A)", ok(login(a, "apiKey")))
for d in (b, a, b, a, b, a):
    login(d, "wrong")
# 6 failures in total, 3 on each daemon: locked on both
check("locked on A after 3 + 3 failures (right key refused)", login(a, "apiKey") == denied)
check("locked on B after 3 + 3 failures (right key refused)", login(b, "apiKey") == denied)
time.sleep(4.5)
check("lockout over on B", ok(login(b, "apiKey")))
check("lockout over on A", ok(login(a, "apiKey")))
print("DONE")
sys.exit(1 if fails else 0)
PYEOF
t_tally "$T_TMP/out"
grep -q "^DONE" "$T_TMP/out" && t_ok "client script ran to the end" || t_bad "client script did not finish"
grep -q 'login failed: user "apiUser" .*(6 for the user' "$T_TMP/daemon.log" "$T_TMP/b.log" \
  && t_ok "a daemon logged the 6th failure counted over both" \
  || t_bad "no daemon logged a count of 6"
grep -q 'locked out (throttled)' "$T_TMP/daemon.log" && grep -q 'locked out (throttled)' "$T_TMP/b.log" \
  && t_ok "both daemons logged the lockout" || t_bad "the lockout was not logged by both daemons"
n=$(t_sql "SELECT count(*) FROM login_throttle")
[ "$n" = 0 ] && t_ok "the success after the lockout cleared the name's row" || t_bad "login_throttle rows left: $n"
t_summary
