#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `magesoapd bulk-seed` on either backend (store_bulk_load: prepared INSERTs
# on SQLite, COPY on PostgreSQL): the counts it reports are what is stored,
# the rows are consistent (every invoice has items, no row points outside
# its order, quantities invoiced = what the invoices hold), the increment
# sequence and the ids go on after the seeded rows (an API create on a
# seeded open order, then a second seeding), and seeded invoices answer
# through the API.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect() { # WHAT GOT WANT
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1: got '$2', want '$3'"; fi
}
xr() { "$PY" -c '
import sys, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
sid = s.login("apiUser", "apiKey")
try:
    print(eval(sys.argv[2], {"s": s, "sid": sid}))
except xmlrpc.client.Fault as e:
    print("fault %d %s" % (e.faultCode, e.faultString))
' "$T_URL/api/xmlrpc/" "$1"; }

t_fresh
t_cli demo > /dev/null || exit 1
out=$(t_cli bulk-seed --orders 300 --invoices-per-order 2 --items-per-order 3 --open-orders 5 \
  --days 30 2>&1) || { t_bad "bulk-seed: $out"; t_summary; exit 1; }
val() { sed -n "s/^$1=//p" <<< "$out"; }
expect "bulk-seed: orders" "$(val orders)" 300
expect "bulk-seed: invoices" "$(val invoices)" 600
expect "bulk-seed: open orders" "$(val open_orders)" 5
expect "invoices by state add up" \
  "$(( $(val invoices_state_1) + $(val invoices_state_2) + $(val invoices_state_3) ))" 600
expect "stored invoices: demo 5 + seeded" "$(t_sql 'SELECT count(*) FROM sales_flat_invoice')" 605
expect "stored orders: demo 7 + seeded + open" "$(t_sql 'SELECT count(*) FROM sales_flat_order')" 312
expect "distinct invoice increment ids" \
  "$(t_sql 'SELECT count(DISTINCT increment_id) FROM sales_flat_invoice')" 605
expect "every invoice has items" "$(t_sql 'SELECT count(*) FROM sales_flat_invoice i WHERE NOT EXISTS
  (SELECT 1 FROM sales_flat_invoice_item t WHERE t.parent_id = i.entity_id)')" 0
expect "no item outside an order" "$(t_sql 'SELECT count(*) FROM sales_flat_order_item i WHERE NOT EXISTS
  (SELECT 1 FROM sales_flat_order o WHERE o.entity_id = i.order_id)')" 0
expect "no invoice item outside its order's items" "$(t_sql 'SELECT count(*) FROM sales_flat_invoice_item t
  JOIN sales_flat_invoice i ON i.entity_id = t.parent_id JOIN sales_flat_order_item oi
  ON oi.item_id = t.order_item_id WHERE oi.order_id != i.order_id')" 0
expect "addresses point at their order" "$(t_sql 'SELECT count(*) FROM sales_flat_order o WHERE
  o.billing_address_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales_flat_order_address a
  WHERE a.entity_id = o.billing_address_id AND a.parent_id = o.entity_id)')" 0
expect "quantities invoiced = what the open and paid invoices hold" \
  "$(t_sql 'SELECT count(*) FROM sales_flat_order_item oi WHERE oi.qty_invoiced !=
  (SELECT coalesce(sum(t.qty), 0) FROM sales_flat_invoice_item t JOIN sales_flat_invoice i
  ON i.entity_id = t.parent_id WHERE t.order_item_id = oi.item_id AND i.state != 3)')" 0
last1=$(val store_1_last_invoice)
expect "the invoice sequence goes on after the seeded numbers" \
  "$(t_sql "SELECT increment_last_id FROM eav_entity_store WHERE entity_type = 'invoice' AND store_id = 1")" \
  "$last1"

t_start
expect "a seeded invoice answers info" \
  "$(xr "s.call(sid, 'sales_order_invoice.info', ['$(val store_2_first_invoice)'])['increment_id']")" \
  "$(val store_2_first_invoice)"
open=$(val open_first_increment_id)
inc=$(xr "s.call(sid, 'sales_order_invoice.create', ['$open', {}, 'after bulk-seed'])")
expect "an API create on a seeded open order takes the next number" "$inc" "$((last1 + 1))"
expect "... and captures" "$(xr "s.call(sid, 'sales_order_invoice.capture', ['$inc'])")" True
t_stop

out=$(t_cli bulk-seed --orders 20 2>&1) || t_bad "second bulk-seed: $out"
[ "$(val store_1_first_invoice)" -gt "$inc" ] && t_ok "a second seeding numbers after the API's invoice" \
  || t_bad "second seeding starts at $(val store_1_first_invoice), the API made $inc"
expect "after the second seeding" "$(t_sql 'SELECT count(*) FROM sales_flat_invoice')" 626
expect "no id given twice" "$(t_sql 'SELECT count(DISTINCT entity_id) FROM sales_flat_invoice_item')" \
  "$(t_sql 'SELECT count(*) FROM sales_flat_invoice_item')"
t_start
inc2=$(xr "s.call(sid, 'sales_order_invoice.create', ['$((open + 1))', {}, 'again'])")
case "$inc2" in fault*) t_bad "a create after the second seeding: $inc2";; *) t_ok "a create after the second seeding: $inc2";; esac
t_stop
t_summary
