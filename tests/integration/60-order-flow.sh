#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sales_order for connectors (issue 11): the flow list (orders updated since
# a date) -> info -> partial invoice of the item ids info gave -> capture ->
# addComment with a new status -> info shows the status history, through PHP
# SoapClient V1, V2 and WS-I, python xmlrpc.client (Odoo's calls), zeep on
# WS-I and JSON-RPC with curl, on orders imported with the optional fields
# of migration 004; then hold and cancel racing 31 concurrent creates.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_config
"$PY" "$here/orders/orders.py" > "$T_TMP/orders.json" || { echo "orders.py failed"; exit 1; }
t_cli demo > /dev/null || exit 1
t_cli import "$T_TMP/orders.json" > /dev/null || { echo "import failed"; exit 1; }
t_start
n=1
for d in v1 v2 wsi; do
  php "$here/orders/flow.php" "$T_URL" "$d" "7000000$(printf %02d $n)" >> "$T_TMP/out" 2>&1
  n=$((n + 1))
done
for m in xmlrpc zeep; do
  "$PY" "$here/orders/flow_py.py" "$T_URL" "$m" "7000000$(printf %02d $n)" >> "$T_TMP/out" 2>&1
  n=$((n + 1))
done

# JSON-RPC with curl
inc="7000000$(printf %02d $n)"
jr() { curl -s -H 'Content-Type: application/json' --data-binary "$1" "$T_URL/api/jsonrpc/"; }
sid=$(jr '{"jsonrpc":"2.0","id":1,"method":"login","params":["apiUser","apiKey"]}' | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["result"])')
list=$(jr "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"sales_order.list\",\"params\":[\"$sid\",{\"updated_at\":{\"from\":\"2000-01-01 00:00:00\"},\"increment_id\":\"$inc\"}]}")
"$PY" -c 'import json,sys; r=json.loads(sys.argv[1])["result"]; sys.exit(0 if len(r)==1 and r[0]["increment_id"]==sys.argv[2] else 1)' "$list" "$inc" \
  && t_ok "jsonrpc: list (resource.method shorthand)" || t_bad "jsonrpc: list: $list"
info=$(jr "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"call\",\"params\":[\"$sid\",\"order.info\",[\"$inc\"]]}")
item=$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["result"]["items"][0]["item_id"])' "$info")
inv=$(jr "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"call\",\"params\":[\"$sid\",\"sales_order_invoice.create\",[\"$inc\",{\"$item\":2}]]}" | "$PY" -c 'import json,sys; print(json.load(sys.stdin).get("result",""))')
[ -n "$inv" ] && t_ok "jsonrpc: partial invoice $inv of item $item" || t_bad "jsonrpc: create"
cap=$(jr "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"call\",\"params\":[\"$sid\",\"sales_order_invoice.capture\",[\"$inv\"]]}")
case $cap in *'"result":true'*) t_ok "jsonrpc: capture" ;; *) t_bad "jsonrpc: capture: $cap" ;; esac
ac=$(jr "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"sales_order.addComment\",\"params\":[\"$sid\",\"$inc\",\"erp_partial\",\"ERP: curl\",true]}")
case $ac in *'"result":true'*) t_ok "jsonrpc: addComment" ;; *) t_bad "jsonrpc: addComment: $ac" ;; esac
info=$(jr "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"sales_order.info\",\"params\":[\"$sid\",\"$inc\"]}")
"$PY" -c '
import json, sys
o = json.loads(sys.argv[1])["result"]
h = o["status_history"][0]
sys.exit(0 if o["status"] == "erp_partial" and h["comment"] == "ERP: curl" and o["items"][0]["qty_invoiced"] == "2.0000" else 1)' "$info" \
  && t_ok "jsonrpc: info shows the status history and qty_invoiced" || t_bad "jsonrpc: info: ${info:0:600}"
miss=$(jr "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"sales_order.hold\",\"params\":[\"$sid\",\"nope\"]}")
case $miss in *'"code":100,"message":"Requested order not exists."'*) t_ok "jsonrpc: unknown order fault 100" ;; *) t_bad "jsonrpc: $miss" ;; esac

"$PY" "$here/orders/race.py" "$T_URL" 800000001 800000002 800000003 800000004 800000005 800000006 >> "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_summary
