#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Looking inside from the command line (issue 10 item 7) and the audit trail
# (issue 9 item 8): `invoice list|show`, `order list|show`, `user list`,
# `role list`, `outbox list`, in text and --json, on the demo data and after
# API writes.  Amounts are compared exactly with what the API answers; the
# API user and peer of a SOAP V2 create, an addComment and a capture are
# shown, and never appear in Magento's answers.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect() { # WHAT GOT WANT
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1: got '$2', want '$3'"; fi
}
# jq-like: py EXPR < json  (the parsed document is `d`)
py() { "$PY" -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

t_fresh
t_cli demo > /dev/null || exit 1
t_cli role add --name clerk --resources sales/order/invoice/create,sales/order/invoice/info,sales/order/invoice/comment > /dev/null
t_cli user add --username clerk --api-key clerkKey123 --role clerk > /dev/null

# ---- the demo data -----------------------------------------------------------------
out=$(t_cli invoice list --json)
expect "invoice list --json: the 5 demo invoices" "$(py 'len(d)' <<< "$out")" 5
expect "newest first" "$(py '",".join(r["increment_id"] for r in d)' <<< "$out")" \
  "100000016,100000013,100000002,100000001,200000006"
expect "amounts as exact decimals" \
  "$(py '[r["grand_total"] for r in d if r["increment_id"] == "200000006"][0]' <<< "$out")" 384.9800
expect "demo rows record the demo as their maker" \
  "$(py 'sorted(set(r["created_by"] for r in d))' <<< "$out")" "['demo']"
expect "--state paid" "$(t_cli invoice list --state paid --json | py '[r["increment_id"] for r in d]')" \
  "['200000006']"
expect "--state canceled" "$(t_cli invoice list --state 3 --json | py '[r["state_name"] for r in d]')" \
  "['canceled']"
expect "--order" "$(t_cli invoice list --order 100000016 --json | py '[r["increment_id"] for r in d]')" \
  "['100000016']"
expect "--limit" "$(t_cli invoice list --limit 2 --json | py 'len(d)')" 2
t_cli invoice list --state bogus > /dev/null 2>&1; expect "a bad --state is a usage error" "$?" 2
text=$(t_cli invoice list)
expect "text: a header and 5 rows" "$(wc -l <<< "$text")" 6
expect "text: state names and 2-place amounts" \
  "$(awk '$1 == "100000002" {print $3, $4}' <<< "$text")" "canceled 354.99"

out=$(t_cli order show 100000001 --json)
expect "order show: items with qty_ordered / qty_invoiced" \
  "$(py '[(i["item_id"], i["qty_ordered"], i["qty_invoiced"]) for i in d["items"]]' <<< "$out")" \
  "[(1, '5.0000', '2.0000'), (2, '1.0000', '0.0000')]"
expect "order show: its invoices" "$(py '[i["increment_id"] for i in d["invoices"]]' <<< "$out")" \
  "['100000001']"
expect "order show: totals" "$(py 'd["grand_total"], d["total_invoiced"]' <<< "$out")" \
  "('370.0000', '150.0000')"
expect "order list: 7 demo orders" "$(t_cli order list --json | py 'len(d)')" 7
text=$(t_cli order show 100000001)
case "$text" in *"QTY_ORDERED"*"QTY_INVOICED"*"product123"*"100000001"*) t_ok "order show text";;
  *) t_bad "order show text: $text";; esac
t_cli order show 999 > /dev/null 2>&1; expect "order show of an unknown order" "$?" 1
t_cli invoice show 999 > /dev/null 2>&1; expect "invoice show of an unknown invoice" "$?" 1

expect "user list" "$(t_cli user list --json | py '[(u["username"], u["role"]) for u in d]')" \
  "[('apiUser', 'all'), ('clerk', 'clerk')]"
expect "role list: ACL paths as a list" \
  "$(t_cli role list --json | py '[r["resources"] for r in d if r["name"] == "clerk"][0]')" \
  "['sales/order/invoice/create', 'sales/order/invoice/info', 'sales/order/invoice/comment']"
case "$(t_cli role list)" in *"clerk"*"sales/order/invoice/create,sales/order/invoice/info"*) t_ok "role list text";;
  *) t_bad "role list text";; esac
expect "outbox list: empty after the demo" "$(t_cli outbox list --json | py 'len(d)')" 0

# ---- after API writes --------------------------------------------------------------
t_start
V2="$T_URL/api/v2_soap/"
soap() { curl -s -H 'Content-Type: text/xml; charset=utf-8' -H 'SOAPAction: "urn:Action"' \
  --data-binary "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:Magento\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body>$1</SOAP-ENV:Body></SOAP-ENV:Envelope>" "$V2"; }
sid=$(soap '<ns1:login><username xsi:type="xsd:string">clerk</username><apiKey xsi:type="xsd:string">clerkKey123</apiKey></ns1:login>' \
  | sed -n 's:.*<loginReturn xsi\:type="xsd\:string">\([0-9a-f]*\)</loginReturn>.*:\1:p')
[ -n "$sid" ] && t_ok "clerk logs in over SOAP V2" || t_bad "clerk login"
resp=$(soap "<ns1:salesOrderInvoiceCreate><sessionId xsi:type=\"xsd:string\">$sid</sessionId><invoiceIncrementId xsi:type=\"xsd:string\">100000003</invoiceIncrementId><itemsQty xsi:nil=\"true\"/><comment xsi:type=\"xsd:string\">made by the clerk</comment><email xsi:type=\"xsd:string\">1</email></ns1:salesOrderInvoiceCreate>")
inc=$(sed -n 's:.*<result xsi\:type="xsd\:string">\([0-9]*\)</result>.*:\1:p' <<< "$resp")
expect "SOAP V2 create" "$inc" 100000017
case "$resp" in *clerk*|*127.0.0.1*) t_bad "the create answer carries audit data";; *) t_ok "the answer carries no audit data";; esac
info=$(soap "<ns1:salesOrderInvoiceInfo><sessionId xsi:type=\"xsd:string\">$sid</sessionId><invoiceIncrementId xsi:type=\"xsd:string\">$inc</invoiceIncrementId></ns1:salesOrderInvoiceInfo>")
case "$info" in *"made by the clerk"*) t_ok "info shows the comment";; *) t_bad "info: $info";; esac
case "$info" in *created_by*|*created_peer*|*api_user*|*127.0.0.1*|*\>clerk\<*) t_bad "info carries audit data";; *) t_ok "info carries no audit data";; esac
api_total=$(sed -n 's:.*<grand_total xsi\:type="xsd\:string">\([0-9.]*\)</grand_total>.*:\1:p' <<< "$info")

X="$T_URL/api/xmlrpc/"
"$PY" - "$X" "$inc" <<'PY' || t_bad "XML-RPC addComment/capture"
import sys, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
sid = s.login("apiUser", "apiKey")
s.call(sid, "sales_order_invoice.addComment", [sys.argv[2], "second, by apiUser"])
s.call(sid, "sales_order_invoice.capture", [sys.argv[2]])
PY

out=$(t_cli invoice show "$inc" --json)
expect "invoice show: grand_total as the API answers it" "$(py 'd["grand_total"]' <<< "$out")" "$api_total"
expect "invoice show: made by clerk" "$(py 'd["created_by"]' <<< "$out")" clerk
case "$(py 'd["created_peer"]' <<< "$out")" in 127.0.0.1:[0-9]*) t_ok "invoice show: the peer";;
  *) t_bad "peer: $(py 'd["created_peer"]' <<< "$out")";; esac
expect "invoice show: state paid after the capture" "$(py 'd["state_name"]' <<< "$out")" paid
expect "audit trail" "$(py '[(a["action"], a["api_user"]) for a in d["audit"]]' <<< "$out")" \
  "[('create', 'clerk'), ('comment', 'clerk'), ('comment', 'apiUser'), ('capture', 'apiUser')]"
expect "every audit row has the peer" \
  "$(py 'all(a["peer"].startswith("127.0.0.1:") for a in d["audit"])' <<< "$out")" True
expect "each comment says who made it" \
  "$(py 'sorted((c["comment"], c["created_by"]) for c in d["comments"])' <<< "$out")" \
  "[('made by the clerk', 'clerk'), ('second, by apiUser', 'apiUser')]"
expect "invoice show: items" "$(py '[(i["sku"], i["qty"]) for i in d["items"]]' <<< "$out")" \
  "[('HTC Touch Diamond', '1.0000')]"
text=$(t_cli invoice show "$inc")
case "$text" in *"created_by"*"clerk"*"items:"*"comments:"*"made by the clerk"*"audit:"*"capture"*"apiUser"*) t_ok "invoice show text";;
  *) t_bad "invoice show text: $text";; esac
expect "invoice list shows the maker" \
  "$(t_cli invoice list --limit 1 | awk 'NR == 2 {print $1, $8}')" "$inc clerk"
expect "order show: the order is fully invoiced" \
  "$(t_cli order show 100000003 --json | py '[(i["qty_ordered"], i["qty_invoiced"]) for i in d["items"]]')" \
  "[('1.0000', '1.0000')]"
out=$(t_cli outbox list --json)
expect "outbox list: the create's e-mail" \
  "$(py '[(m["kind"], m["invoice_increment_id"], m["order_increment_id"]) for m in d]' <<< "$out")" \
  "[('invoice_new', '$inc', '100000003')]"
expect "user list: clerk has one session" \
  "$(t_cli user list --json | py '[u["sessions"] for u in d if u["username"] == "clerk"][0]')" 1

# a REST invoice records its token's user
tok=$(curl -s -H 'Content-Type: application/json' -d '{"username":"apiUser","password":"apiKey"}' \
  "$T_URL/rest/V1/integration/admin/token" | tr -d '"')
oid=$(t_cli order show 200000008 --json | py 'd["order_id"]')
curl -s -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d '{}' \
  "$T_URL/rest/V1/order/$oid/invoice" > /dev/null
expect "REST create: made by apiUser" \
  "$(t_cli invoice list --order 200000008 --json | py '[r["created_by"] for r in d]')" "['apiUser']"
t_stop

t_summary
