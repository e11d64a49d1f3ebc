#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Two daemons on one PostgreSQL database (postgresql-only; scripts/pg-test.sh
# runs it): 32-way create and capture races split across both (exactly one
# winner, every round); a session made on one used on the other and ended
# there; one daemon SIGKILLed under a write load while the other keeps
# serving (every acknowledged invoice stored, no order over-invoiced,
# increment ids without gaps); PostgreSQL restarted under load (answers stay
# bounded in time, faults while it is down, then the daemons reconnect and
# nothing acknowledged is lost).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
t_pg_only "two daemons need a shared database server"
R=${MULTI_ROUNDS:-3}
U=multiuser
K=multikey123
specs=()
for r in $(seq 1 "$R"); do specs+=("$(printf '1000006%02d:checkmo:2' "$r")" "$(printf '1000007%02d:gw:2' "$r")"); done
for o in $(seq 1 80); do specs+=("$(printf '1000008%02d:gw:60' "$o")"); done
t_config
"$PY" "$here/py/make_orders.py" "$T_TMP/orders.json" "${specs[@]}"
t_cli import "$T_TMP/orders.json" > /dev/null || { t_bad "import"; t_summary; exit 1; }
t_cli user add --username $U --api-key $K || { t_bad "user add"; t_summary; exit 1; }
t_start
A=$T_URL
B_PID=
start_b() {
  : > "$T_TMP/b.log"
  "$MAGESOAPD" -c "$T_TMP/magesoapd.conf" serve --listen 127.0.0.1:0 2> "$T_TMP/b.log" &
  B_PID=$!
  T_BG_PIDS+=("$B_PID")
  local port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/b.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$T_TMP/b.log"; t_bad "daemon B did not start"; t_summary; exit 1; }
  B="http://127.0.0.1:$port"
}
start_b
multi() { "$PY" "$here/py/multi.py" "$@" > "$T_TMP/multi.out" 2>&1; t_tally "$T_TMP/multi.out"; }

echo "== sessions shared"
multi session "$A" "$B" $U $K
echo "== races over two daemons ($R rounds)"
multi race "$A" "$B" $U $K "$R"

check_db() { # LABEL ACKFILE
  sort -u "$2" > "$T_TMP/acked"
  t_sql "SELECT increment_id FROM sales_flat_invoice" | sort -u > "$T_TMP/stored"
  local lost; lost=$(comm -23 "$T_TMP/acked" "$T_TMP/stored" | wc -l)
  [ "$lost" = 0 ] && t_ok "$1: all $(wc -l < "$T_TMP/acked") acknowledged invoices are stored" \
    || t_bad "$1: $lost acknowledged invoices missing"
  local over; over=$(t_sql "SELECT count(*) FROM sales_flat_order_item WHERE qty_invoiced > qty_ordered")
  [ "$over" = 0 ] && t_ok "$1: no item over-invoiced" || t_bad "$1: $over items over-invoiced"
  local off; off=$(t_sql "SELECT count(*) FROM sales_flat_order_item oi WHERE qty_invoiced <> (SELECT coalesce(sum(ii.qty), 0) FROM sales_flat_invoice_item ii JOIN sales_flat_invoice i ON i.entity_id = ii.parent_id WHERE ii.order_item_id = oi.item_id AND i.state <> 3)")
  [ "$off" = 0 ] && t_ok "$1: every item's qty_invoiced is the sum of its invoices" || t_bad "$1: $off items disagree with their invoices"
  local gap; gap=$(t_sql "SELECT max(increment_id::bigint) - min(increment_id::bigint) + 1 - count(*) FROM sales_flat_invoice WHERE store_id = 1")
  [ "$gap" = 0 ] && t_ok "$1: store 1 increment ids unique and without gaps" || t_bad "$1: increment ids: $gap missing"
}

echo "== daemon B SIGKILLed under load"
"$PY" "$here/py/multi.py" load "$A" "$B" $U $K 8 "$T_TMP/acks1" 1 40 > "$T_TMP/load1" 2>&1 &
lp=$!
sleep 3
kill -9 "$B_PID"; wait "$B_PID" 2>/dev/null
wait "$lp"; cat "$T_TMP/load1"
t_alive && t_ok "daemon A still serving after B's SIGKILL" || t_bad "daemon A died"
n=$(sed -n 's/.* OK=\([0-9]*\).*/\1/p' "$T_TMP/load1")
[ "${n:-0}" -gt 20 ] && t_ok "invoices acknowledged under load ($n)" || t_bad "too few invoices under load: ${n:-none}"
check_db "after SIGKILL" "$T_TMP/acks1"

echo "== PostgreSQL restarted under load"
start_b
"$PY" "$here/py/multi.py" load "$A" "$B" $U $K 14 "$T_TMP/acks2" 41 80 > "$T_TMP/load2" 2>&1 &
lp=$!
sleep 3
"$MD_SOURCE_DIR/scripts/pg-cluster.sh" restart "$MD_PGHOST" && t_ok "pg_ctl restart" || t_bad "pg_ctl restart failed"
wait "$lp"; cat "$T_TMP/load2"
longest=$(sed -n 's/^LONGEST=\([0-9.]*\).*/\1/p' "$T_TMP/load2")
faults=$(sed -n 's/.* FAULT=\([0-9]*\).*/\1/p' "$T_TMP/load2")
"$PY" -c "import sys; sys.exit(0 if float(sys.argv[1]) < 12 else 1)" "${longest:-99}" \
  && t_ok "every answer within 12 s while PostgreSQL restarted (longest ${longest}s)" || t_bad "an answer took ${longest:-?}s"
[ "${faults:-0}" -gt 0 ] && t_ok "requests while PostgreSQL was down got faults ($faults)" || t_bad "no fault seen while PostgreSQL was down"
grep -q "database unavailable\|connection" "$T_TMP/daemon.log" && t_ok "the database outage is logged" || t_bad "outage not logged"
t_alive && kill -0 "$B_PID" 2>/dev/null && t_ok "both daemons survived the restart" || t_bad "a daemon died in the restart"
multi session "$A" "$B" $U $K

echo "== PostgreSQL down: clean faults, then recovery"
sid=$("$PY" -c "import xmlrpc.client,sys; print(xmlrpc.client.ServerProxy(sys.argv[1] + '/api/xmlrpc/').login('$U', '$K'))" "$A")
"$MD_SOURCE_DIR/scripts/pg-cluster.sh" down "$MD_PGHOST" && t_ok "PostgreSQL stopped" || t_bad "pg_ctl stop failed"
soap='<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento"><SOAP-ENV:Body><ns1:call><sessionId>'$sid'</sessionId><resourcePath>sales_order_invoice.list</resourcePath></ns1:call></SOAP-ENV:Body></SOAP-ENV:Envelope>'
out=$(curl -s -m 15 -w '\n%{http_code} %{time_total}' -H 'Content-Type: text/xml' --data-binary "$soap" "$B/api/soap/")
case "$out" in *"<faultcode>SOAP-ENV:Server</faultcode><faultstring>Service temporarily unavailable"*) t_ok "SOAP V1 call while the database is down: SOAP-ENV:Server fault (${out##*$'\n'})";;
  *) t_bad "SOAP V1 while down: $out";; esac
out=$(curl -s -m 15 -w ' %{http_code}' -H 'Content-Type: application/json' -d '{"username":"'$U'","password":"'$K'"}' "$A/rest/V1/integration/admin/token")
case "$out" in *"Service temporarily unavailable"*" 503") t_ok "REST token while the database is down: HTTP 503";; *) t_bad "REST while down: $out";; esac
grep -q "database unavailable" "$T_TMP/daemon.log" && t_ok "... logged as database unavailable" || t_bad "not logged"
"$MD_SOURCE_DIR/scripts/pg-cluster.sh" up "$MD_PGHOST" && t_ok "PostgreSQL started again" || t_bad "pg_ctl start failed"
code=
for _ in $(seq 1 50); do
  code=$(curl -s -o /dev/null -m 15 -w '%{http_code}' -H 'Content-Type: application/json' -d '{"username":"'$U'","password":"'$K'"}' "$B/rest/V1/integration/admin/token")
  [ "$code" = 200 ] && break
  sleep 0.2
done
[ "$code" = 200 ] && t_ok "the daemons reconnect by themselves" || t_bad "no recovery: $code"
multi session "$A" "$B" $U $K
check_db "after the restart" <(cat "$T_TMP/acks1" "$T_TMP/acks2")
kill "$B_PID"; wait "$B_PID"; rc=$?
[ "$rc" = 0 ] && t_ok "daemon B exits 0 on SIGTERM" || t_bad "daemon B exit status $rc"
t_summary
