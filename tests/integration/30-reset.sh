#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Reset for test suites (issue 10 item 2): `magesoapd reset --demo` and
# `reset --fixture FILE` while the daemon runs -- the daemon serves the new
# state at once and every session is gone; `demo` on a database that is not
# empty says so and fails unless --reset.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_fresh
t_cli demo > /dev/null || exit 1
t_start
X="$T_URL/api/xmlrpc/"
xr() { "$PY" -c '
import sys, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
try:
    r = eval(sys.argv[2], {"s": s})
    print(r if not isinstance(r, list) else len(r))
except xmlrpc.client.Fault as e:
    print("fault %d %s" % (e.faultCode, e.faultString))
' "$X" "$1"; }
expect() { # WHAT GOT WANT
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1: got '$2', want '$3'"; fi
}

sid=$(xr 's.login("apiUser", "apiKey")')
expect "demo: 5 invoices" "$(xr "s.call('$sid', 'sales_order_invoice.list', [])")" 5
inc=$(xr "s.call('$sid', 'sales_order_invoice.create', ['100000003', {}])")
expect "a new invoice is listed" "$(xr "s.call('$sid', 'sales_order_invoice.list', [])")" 6

out=$(t_cli demo 2>&1); rc=$?
expect "demo on a database with the demo data fails" "$rc" 1
case "$out" in *"already holds the demo data"*"--reset"*) t_ok "demo says why and what to do";;
  *) t_bad "demo message: $out";; esac

out=$(t_cli reset --demo 2>&1); rc=$?
expect "reset --demo while the daemon runs" "$rc:$out" "0:reset: demo data loaded"
expect "the old session is gone" "$(xr "s.call('$sid', 'sales_order_invoice.list', [])")" \
  "fault 5 Session expired. Try to relogin."
sid=$(xr 's.login("apiUser", "apiKey")')
expect "the daemon serves the demo state at once" \
  "$(xr "s.call('$sid', 'sales_order_invoice.list', [])")" 5
expect "the new invoice is gone" "$(xr "s.call('$sid', 'sales_order_invoice.info', ['$inc'])")" \
  "fault 100 Requested invoice does not exist."
expect "demo invoice info" "$(xr "s.call('$sid', 'sales_order_invoice.info', ['200000006'])['order_increment_id']")" 200000002
expect "the next invoice number starts again" \
  "$(xr "s.call('$sid', 'sales_order_invoice.create', ['100000003', {}])")" "$inc"

cat > "$T_TMP/fixture.json" <<'JSON'
{"orders": [{"order_id": 1, "increment_id": "300000001", "store_id": 1,
  "created_at": "2020-01-02 03:04:05", "state": "new", "customer_email": "f@example.com",
  "customer_firstname": "F", "customer_lastname": "X", "shipping_amount": 5,
  "payment": {"method": "checkmo"},
  "billing_address": {"firstname": "F", "lastname": "X", "street": "1 Main St", "city": "Town",
    "postcode": "12345", "country_id": "US", "telephone": "555"},
  "items": [{"item_id": 1, "product_id": 1, "sku": "S", "name": "Fixture item", "qty_ordered": 2, "price": 10}]}]}
JSON
out=$(t_cli reset --fixture "$T_TMP/fixture.json" 2>&1); rc=$?
expect "reset --fixture" "$rc:$out" "0:reset: $T_TMP/fixture.json"
sid=$(xr 's.login("apiUser", "apiKey")')
expect "users stay across a reset" "${#sid}" 32
expect "no invoice after a fixture reset" "$(xr "s.call('$sid', 'sales_order_invoice.list', [])")" 0
expect "the fixture order invoices" \
  "$(xr "s.call('$sid', 'sales_order_invoice.create', ['300000001', {'1': 1}])")" 100000001
expect "demo orders are gone" "$(xr "s.call('$sid', 'sales_order_invoice.create', ['100000003', {}])")" \
  "fault 103 Requested order not exists."
out=$(t_cli reset --fixture "$T_TMP/missing.json" 2>&1); rc=$?
expect "a fixture that cannot be read fails" "$rc" 1
expect "... and changes nothing" "$(xr "s.call('$sid', 'sales_order_invoice.list', [])")" 1
out=$(t_cli demo --reset 2>&1); rc=$?
expect "demo --reset" "$rc" 0
sid=$(xr 's.login("apiUser", "apiKey")')
expect "demo state after demo --reset" "$(xr "s.call('$sid', 'sales_order_invoice.list', [])")" 5
out=$("$MAGESOAPD" --db :memory: serve --listen 127.0.0.1:0 2>&1); rc=$?
case "$rc:$out" in 1:*":memory: would give every worker its own empty database"*) t_ok "serve refuses :memory: clearly";;
  *) t_bad "serve --db :memory:: $rc $out";; esac
# backup FILE while the daemon runs: a consistent copy that holds what was acknowledged
inc2=$(xr "s.call('$sid', 'sales_order_invoice.create', ['100000003', {}])")
if [ -n "$T_PGDB" ]; then
  # PostgreSQL: backup is pg_dump's job; the command says so and writes nothing
  out=$(t_cli backup "$T_TMP/backup.db" 2>&1); rc=$?
  case "$rc:$out" in 1:*"use pg_dump"*) t_ok "backup on PostgreSQL points to pg_dump";; *) t_bad "backup on PostgreSQL: $rc $out";; esac
  [ -e "$T_TMP/backup.db" ] && t_bad "backup on PostgreSQL wrote a file" || t_ok "... and writes nothing"
  "$PGBIN/pg_dump" -h "$MD_PGHOST" -U postgres -d "$T_PGDB" -f "$T_TMP/dump.sql" && grep -q "$inc2" "$T_TMP/dump.sql" \
    && t_ok "pg_dump while the daemon runs holds the newest invoice" || t_bad "pg_dump"
  out=$("$MAGESOAPD" --db "$(t_db)" --check-config 2>&1 >/dev/null); rc=$?
  expect "--check-config on a good PostgreSQL database" "$rc:$out" "0:"
  t_sql "UPDATE md_schema SET version = 99"
  out=$("$MAGESOAPD" --db "$(t_db)" --check-config 2>&1 >/dev/null); rc=$?
  case "$rc:$out" in 1:*"schema version 99 is newer"*) t_ok "--check-config: a newer PostgreSQL schema fails, saying so";; *) t_bad "check: $rc $out";; esac
  out=$("$MAGESOAPD" --db "$(t_db)" init 2>&1); rc=$?
  case "$rc:$out" in 1:*"newer than this program"*) t_ok "init refuses a newer PostgreSQL schema";; *) t_bad "init on newer schema: $rc $out";; esac
  t_sql "UPDATE md_schema SET version = 2" >/dev/null
  out=$("$MAGESOAPD" --db "host=$MD_PGHOST user=postgres dbname=md_no_such_db" --check-config 2>&1 >/dev/null); rc=$?
  case "$rc:$out" in 1:*"cannot connect"*) t_ok "--check-config: a missing PostgreSQL database fails";; *) t_bad "check missing db: $rc $out";; esac
  t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
  # what follows checks SQLite files (the VACUUM INTO copy, --check-config on
  # files and folders, a read-only file): its PostgreSQL counterparts are above
  echo "NOT RUN on PostgreSQL (SQLite files only): the backup file, --check-config on files, a read-only file"
  t_summary
  exit
fi
out=$(t_cli backup "$T_TMP/backup.db" 2>&1); rc=$?
expect "backup while the daemon runs" "$rc:$out" "0:backup: $T_TMP/backup.db"
got=$("$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*) FROM sales_flat_invoice").fetchone()[0], c.execute("SELECT count(*) FROM sales_flat_invoice WHERE increment_id = ?", (sys.argv[2],)).fetchone()[0])' "$T_TMP/backup.db" "$inc2")
expect "the backup is whole and holds the newest invoice" "$got" "ok 6 1"
out=$(t_cli backup "$T_TMP/backup.db" 2>&1); rc=$?
case "$rc:$out" in 1:*"exists already"*) t_ok "backup never overwrites a file";; *) t_bad "backup over a file: $rc $out";; esac
# --check-config opens the database read-only, never changes it, and fails on problems
chk() { "$MAGESOAPD" --db "$1" --check-config > /dev/null 2> "$T_TMP/chk.err"; echo "$?"; }
t_cli backup "$T_TMP/chk.db" > /dev/null
before=$(sha256sum < "$T_TMP/chk.db")
expect "--check-config on a good database" "$(chk "$T_TMP/chk.db")" 0
expect "... which it does not change" "$(sha256sum < "$T_TMP/chk.db")" "$before"
"$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit()' "$T_TMP/chk.db"
expect "--check-config: a newer schema fails" "$(chk "$T_TMP/chk.db")" 1
grep -q "schema version 99 is newer" "$T_TMP/chk.err" && t_ok "... saying so" || t_bad "check message: $(cat "$T_TMP/chk.err")"
echo garbage > "$T_TMP/garbage.db"
expect "--check-config: not a database fails" "$(chk "$T_TMP/garbage.db")" 1
expect "--check-config: a folder that cannot be made fails" "$(chk /nonexistent-md/deeper/x.db)" 1
expect "--check-config: a new file in an existing folder is fine" "$(chk "$T_TMP/new.db")" 0
[ -e "$T_TMP/new.db" ] && t_bad "--check-config created the database" || t_ok "--check-config created nothing"
# a database this user cannot write: refused at start, naming the file
rod=$(mktemp -d /tmp/md-ro.XXXXXX); chmod 755 "$rod"
"$MAGESOAPD" --db "$rod/ro.db" init > /dev/null && chmod 444 "$rod/ro.db"
if [ "$(id -u)" = 0 ]; then run_as=(setpriv --reuid 65534 --regid 65534 --clear-groups); else run_as=(); fi
out=$("${run_as[@]}" "$MAGESOAPD" --db "$rod/ro.db" serve --listen 127.0.0.1:0 2>&1); rc=$?
case "$rc:$out" in 1:*"ro.db: the database is read-only for this user"*) t_ok "serve refuses a read-only database clearly";;
  *) t_bad "serve on a read-only database: $rc $out";; esac
rm -rf "$rod"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_summary
