#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Magento 2 REST reads and invoice management (issue 11 part 3) with curl:
# GET /V1/invoices/{id} and /V1/orders/{id} (entity shapes), GET /V1/invoices
# with searchCriteria (several filter groups: OR inside, AND between; every
# condition type; sort; paging; total_count and search_criteria echoed),
# comments (POST, GET), emails, capture and void (with an Idempotency-Key),
# and the errors: unknown entity 404, bad field / condition / sort 400 with
# Magento's message, no token 401, a role without the method's ACL path 401
# (Magento 2 answers AuthorizationException with 401).  Then the PHP client
# (rest/rest_m2_client.php, http_build_query as PHP integrators write it).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/rest/lib_rest.sh"

t_config
rest_setup
t_start
R="$T_URL/rest/V1"
TOK=$(token)
get() { http "$1" -H "Authorization: Bearer ${2:-$TOK}" -g; }
jq_() { printf '%s' "$BODY" | "$PY" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

echo "== invoices to read"
post "$R/order/401/invoice" '{"items":[{"order_item_id":4011,"qty":1}]}' "$TOK"; A=$BODY
post "$R/order/401/invoice" '{}' "$TOK"; B=$BODY
post "$R/order/402/invoice" '{}' "$TOK"; C=$BODY
check "three invoices" "$A $B $C" "$(sql "SELECT entity_id FROM sales_flat_invoice WHERE order_id IN (401, 402) ORDER BY entity_id" | paste -sd ' ')"

echo "== GET /V1/invoices/{id}"
get "$R/invoices/$A"
expect_status "invoice $A" 200
expect_json_ct "invoice"
check "entity_id, increment_id, order_id, state" "$(jq_ 'd["entity_id"], d["increment_id"], d["order_id"], d["state"]')" \
  "$A $(sql "SELECT increment_id FROM sales_flat_invoice WHERE entity_id = $A") 401 2"
check "grand_total a number, items as InvoiceItemInterface" "$(jq_ 'd["grand_total"], d["items"][0]["order_item_id"], d["items"][0]["qty"], d["items"][0]["sku"], d["items"][0]["extension_attributes"]')" "15 4011 1 R-A {}"
check "keys: interface names only, alphabetical, then items, comments, extension_attributes" \
  "$(jq_ 'list(d)[-3:] == ["items","comments","extension_attributes"] and list(d)[:-3] == sorted(list(d)[:-3]) and "discount_tax_compensation_amount" in d and "hidden_tax_amount" not in d and "billing_firstname" not in d')" True
get "$R/invoices/99999"
expect "unknown invoice" 404 '{"message":"The entity that was requested doesn'"'"'t exist. Verify the entity and try again."}'
get "$R/invoices/abc"
expect_status "non-numeric id" 404
http "$R/invoices/$A"
expect "no token" 401 '{"message":"The consumer isn'"'"'t authorized to access %resources.","parameters":{"resources":"Magento_Sales::sales_invoice"}}'

echo "== GET /V1/orders/{id}"
get "$R/orders/401"
expect_status "order 401" 200
check "order fields" "$(jq_ 'd["entity_id"], d["increment_id"], d["state"], d["customer_email"], d["total_invoiced"], len(d["items"]), d["items"][0]["qty_invoiced"], d["payment"]["method"], d["extension_attributes"]')" \
  "401 400000001 processing jane1@example.com 40 2 2 checkmo {}"
get "$R/orders/99999"
expect "unknown order" 404 '{"message":"The entity that was requested doesn'"'"'t exist. Verify the entity and try again."}'
RTOK=$(token reader readKey123)
get "$R/orders/401" "$RTOK"
expect "order read with a role of sales/order/invoice/info only" 401 '{"message":"The consumer isn'"'"'t authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}}'

echo "== GET /V1/invoices?searchCriteria"
SC='searchCriteria[filter_groups][0][filters][0][field]=order_id&searchCriteria[filter_groups][0][filters][0][value]=401&searchCriteria[filter_groups][0][filters][1][field]=order_id&searchCriteria[filter_groups][0][filters][1][value]=402&searchCriteria[filter_groups][1][filters][0][field]=state&searchCriteria[filter_groups][1][filters][0][value]=2&searchCriteria[filter_groups][1][filters][0][condition_type]=in'
get "$R/invoices?$SC&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=2&searchCriteria[currentPage]=1"
expect_status "search" 200
check "two groups (OR inside, AND between), sorted DESC, page 1 of 2" "$(jq_ '[i["entity_id"] for i in d["items"]], d["total_count"]')" "[$C, $B] 3"
check "search_criteria echoed" "$(jq_ 'json.dumps(d["search_criteria"], separators=(",",":"))')" \
  '{"filter_groups":[{"filters":[{"field":"order_id","value":"401","condition_type":"eq"},{"field":"order_id","value":"402","condition_type":"eq"}]},{"filters":[{"field":"state","value":"2","condition_type":"in"}]}],"sort_orders":[{"field":"entity_id","direction":"DESC"}],"page_size":2,"current_page":1}'
get "$R/invoices?$SC&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=2&searchCriteria[currentPage]=2"
check "page 2" "$(jq_ '[i["entity_id"] for i in d["items"]], d["total_count"]')" "[$A] 3"
cond() { get "$R/invoices?searchCriteria[filter_groups][0][filters][0][field]=$1&searchCriteria[filter_groups][0][filters][0][value]=$2&searchCriteria[filter_groups][0][filters][0][condition_type]=$3&searchCriteria[filter_groups][1][filters][0][field]=order_id&searchCriteria[filter_groups][1][filters][0][value]=401,402&searchCriteria[filter_groups][1][filters][0][condition_type]=in&searchCriteria[sortOrders][0][field]=entity_id"; jq_ '[i["entity_id"] for i in d["items"]]'; }
check "eq"      "$(cond entity_id "$A" eq)" "[$A]"
check "neq"     "$(cond entity_id "$A" neq)" "[$B, $C]"
check "gt"      "$(cond entity_id "$A" gt)" "[$B, $C]"
check "gteq"    "$(cond entity_id "$B" gteq)" "[$B, $C]"
check "lt"      "$(cond entity_id "$B" lt)" "[$A]"
check "lteq"    "$(cond entity_id "$B" lteq)" "[$A, $B]"
check "in"      "$(cond entity_id "$A,$C" in)" "[$A, $C]"
check "nin"     "$(cond entity_id "$A,$C" nin)" "[$B]"
check "like"    "$(cond increment_id "%25" like)" "[$A, $B, $C]"
check "null"    "$(cond transaction_id 1 null)" "[$A, $B, $C]"
check "notnull" "$(cond transaction_id 1 notnull)" "[]"
get "$R/invoices?searchCriteria[filter_groups][0][filters][0][field]=nonsense&searchCriteria[filter_groups][0][filters][0][value]=1"
expect "bad field" 400 '{"message":"Invalid value of \"%value\" provided for the %fieldName field.","parameters":{"value":"nonsense","fieldName":"field"}}'
get "$R/invoices?searchCriteria[filter_groups][0][filters][0][field]=state%3B%20DROP%20TABLE%20x&searchCriteria[filter_groups][0][filters][0][value]=1"
printf '%s' "$BODY" | grep -qi 'select\|sqlite\|where' && t_bad "SQL in an error: $BODY" || t_ok "no SQL in the error of a hostile field ($ST)"
get "$R/invoices?searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=1&searchCriteria[filter_groups][0][filters][0][condition_type]=regexpx"
expect "bad condition_type" 400 '{"message":"Invalid value of \"%value\" provided for the %fieldName field.","parameters":{"value":"regexpx","fieldName":"condition_type"}}'
get "$R/invoices?searchCriteria[sortOrders][0][field]=nonsense"
expect_status "bad sort field" 400
get "$R/invoices?searchCriteria[pageSize]=1" "$RTOK"
check "a role with sales/order/invoice/info lists (total_count of all)" "$ST $(jq_ 'len(d["items"]), d["total_count"] == '"$(sql 'SELECT count(*) FROM sales_flat_invoice')")" "200 1 True"

echo "== comments and emails"
post "$R/invoices/comments" "{\"entity\":{\"parent_id\":$A,\"comment\":\"packed\",\"is_customer_notified\":0,\"is_visible_on_front\":0}}" "$TOK"
check "POST /V1/invoices/comments" "$ST $(jq_ 'd["comment"], d["parent_id"], d["extension_attributes"]')" "200 packed $A {}"
post "$R/invoices/$A/comments" '{"entity":{"comment":"shipped"}}' "$TOK"
expect_status "POST /V1/invoices/{id}/comments" 200
get "$R/invoices/$A/comments"
check "GET comments: newest first, total_count" "$ST $(jq_ '[c["comment"] for c in d["items"]], d["total_count"]')" "200 ['shipped', 'packed'] 2"
post "$R/invoices/comments" '{"entity":{"parent_id":99999,"comment":"x"}}' "$TOK"
expect_status "comment on an unknown invoice" 404
N0=$(sql "SELECT count(*) FROM email_outbox WHERE invoice_id = $A")
post "$R/invoices/$A/emails" '' "$TOK"
check "POST emails answers true, one outbox row" "$ST $BODY $(sql "SELECT count(*) FROM email_outbox WHERE invoice_id = $A")" "200 true $((N0 + 1))"
post "$R/invoices/$A/emails" '' "$RTOK"
expect_status "emails with a read-only role" 401

echo "== capture and void"
soap_login
G=$(soap_create 400000005 | xml_field result)
GID=$(sql "SELECT entity_id FROM sales_flat_invoice WHERE increment_id = '$G'")
check "an open gateway invoice" "$(sql "SELECT state FROM sales_flat_invoice WHERE entity_id = $GID")" 1
post "$R/invoices/$GID/capture" '' "$RTOK"
expect "capture with a read-only role" 401 '{"message":"The consumer isn'"'"'t authorized to access %resources.","parameters":{"resources":"Magento_Sales::sales_invoice"}}'
post "$R/invoices/$GID/capture" '' "$TOK" -H 'Idempotency-Key: cap-1'
expect "capture" 200 true
post "$R/invoices/$GID/capture" '' "$TOK" -H 'Idempotency-Key: cap-1'
expect "capture retried with its key" 200 true
post "$R/invoices/$GID/capture" '' "$TOK"
expect "capture again without a key" 400 '{"message":"Invoice cannot be captured."}'
check "paid, one capture transaction" "$(sql "SELECT state FROM sales_flat_invoice WHERE entity_id = $GID")/$(sql "SELECT count(*) FROM sales_payment_transaction WHERE order_id = 405 AND txn_type = 'capture'")" "2/1"
post "$R/invoices/$GID/void" '' "$TOK"
expect "void after the full capture closed the authorization" 400 '{"message":"Invoice cannot be voided."}'
# a partial capture keeps the authorization open: that invoice can be voided
P=$(soap "<ns1:salesOrderInvoiceCreate><sessionId>$SID</sessionId><invoiceIncrementId>400000008</invoiceIncrementId><itemsQty><item><order_item_id>1</order_item_id><qty>1</qty></item></itemsQty></ns1:salesOrderInvoiceCreate>" | xml_field result)
PID=$(sql "SELECT entity_id FROM sales_flat_invoice WHERE increment_id = '$P'")
post "$R/invoices/$PID/capture" '' "$TOK"
expect "partial capture" 200 true
post "$R/invoices/$PID/void" '' "$TOK" -H 'Idempotency-Key: void-1'
expect "void" 200 true
check "voided" "$(sql "SELECT state FROM sales_flat_invoice WHERE entity_id = $PID")" 3
post "$R/invoices/$PID/void" '' "$TOK" -H 'Idempotency-Key: void-1'
expect "void retried with its key" 200 true
post "$R/invoices/$PID/void" '' "$TOK"
expect "void again without a key" 400 '{"message":"Invoice cannot be voided."}'
post "$R/invoices/99999/void" '' "$TOK"
expect_status "void of an unknown invoice" 404
http -X DELETE "$R/invoices/$A" -H "Authorization: Bearer $TOK"
expect_status "a method the route does not have" 405

echo "== PHP client"
php "$here/rest/rest_m2_client.php" "$T_URL" "$REST_USER" "$REST_KEY" 403 4031 > "$T_TMP/php.out" 2>&1
t_tally "$T_TMP/php.out"
t_summary
