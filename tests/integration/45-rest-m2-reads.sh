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
check "order fields" "$(jq_ 'd["entity_id"], d["increment_id"], d["state"], d["customer_email"], d["total_invoiced"], len(d["items"]), d["items"][0]["qty_invoiced"], d["payment"]["method"]')" \
  "401 400000001 processing jane1@example.com 40 2 2 checkmo"
# the getters of Magento 2's Sales\Api\Data\OrderInterface, OrderAddressInterface,
# OrderPaymentInterface, OrderStatusHistoryInterface, OrderItemInterface (snake_case)
OI='adjustment_negative adjustment_positive applied_rule_ids base_adjustment_negative base_adjustment_positive base_currency_code base_discount_amount base_discount_canceled base_discount_invoiced base_discount_refunded base_discount_tax_compensation_amount base_discount_tax_compensation_invoiced base_discount_tax_compensation_refunded base_grand_total base_shipping_amount base_shipping_canceled base_shipping_discount_amount base_shipping_discount_tax_compensation_amnt base_shipping_incl_tax base_shipping_invoiced base_shipping_refunded base_shipping_tax_amount base_shipping_tax_refunded base_subtotal base_subtotal_canceled base_subtotal_incl_tax base_subtotal_invoiced base_subtotal_refunded base_tax_amount base_tax_canceled base_tax_invoiced base_tax_refunded base_to_global_rate base_to_order_rate base_total_canceled base_total_due base_total_invoiced base_total_invoiced_cost base_total_offline_refunded base_total_online_refunded base_total_paid base_total_qty_ordered base_total_refunded billing_address_id can_ship_partially can_ship_partially_item coupon_code created_at customer_dob customer_email customer_firstname customer_gender customer_group_id customer_id customer_is_guest customer_lastname customer_middlename customer_note customer_note_notify customer_prefix customer_suffix customer_taxvat discount_amount discount_canceled discount_description discount_invoiced discount_refunded discount_tax_compensation_amount discount_tax_compensation_invoiced discount_tax_compensation_refunded edit_increment email_sent entity_id ext_customer_id ext_order_id forced_shipment_with_invoice global_currency_code grand_total hold_before_state hold_before_status increment_id is_virtual order_currency_code original_increment_id payment_auth_expiration payment_authorization_amount protect_code quote_address_id quote_id relation_child_id relation_child_real_id relation_parent_id relation_parent_real_id remote_ip shipping_amount shipping_canceled shipping_description shipping_discount_amount shipping_discount_tax_compensation_amount shipping_incl_tax shipping_invoiced shipping_refunded shipping_tax_amount shipping_tax_refunded state status store_currency_code store_id store_name store_to_base_rate store_to_order_rate subtotal subtotal_canceled subtotal_incl_tax subtotal_invoiced subtotal_refunded tax_amount tax_canceled tax_invoiced tax_refunded total_canceled total_due total_invoiced total_item_count total_offline_refunded total_online_refunded total_paid total_qty_ordered total_refunded updated_at weight x_forwarded_for items billing_address payment status_histories extension_attributes'
AI='address_type city company country_id customer_address_id customer_id email entity_id fax firstname lastname middlename parent_id postcode prefix region region_code region_id street suffix telephone vat_id vat_is_valid vat_request_date vat_request_id vat_request_success extension_attributes'
PI='account_status additional_data additional_information address_status amount_authorized amount_canceled amount_ordered amount_paid amount_refunded anet_trans_method base_amount_authorized base_amount_canceled base_amount_ordered base_amount_paid base_amount_paid_online base_amount_refunded base_amount_refunded_online base_shipping_amount base_shipping_captured base_shipping_refunded cc_approval cc_avs_status cc_cid_status cc_debug_request_body cc_debug_response_body cc_debug_response_serialized cc_exp_month cc_exp_year cc_last4 cc_number_enc cc_owner cc_secure_verify cc_ss_issue cc_ss_start_month cc_ss_start_year cc_status cc_status_description cc_trans_id cc_type echeck_account_name echeck_account_type echeck_bank_name echeck_type entity_id last_trans_id method parent_id po_number protection_eligibility quote_payment_id shipping_amount shipping_captured shipping_refunded extension_attributes'
HI='comment created_at entity_id entity_name is_customer_notified is_visible_on_front parent_id status extension_attributes'
II='additional_data amount_refunded applied_rule_ids base_amount_refunded base_cost base_discount_amount base_discount_invoiced base_discount_refunded base_discount_tax_compensation_amount base_discount_tax_compensation_invoiced base_discount_tax_compensation_refunded base_original_price base_price base_price_incl_tax base_row_invoiced base_row_total base_row_total_incl_tax base_tax_amount base_tax_before_discount base_tax_invoiced base_tax_refunded base_weee_tax_applied_amount base_weee_tax_applied_row_amnt base_weee_tax_disposition base_weee_tax_row_disposition created_at description discount_amount discount_invoiced discount_percent discount_refunded discount_tax_compensation_amount discount_tax_compensation_canceled discount_tax_compensation_invoiced discount_tax_compensation_refunded event_id ext_order_item_id free_shipping gw_base_price gw_base_price_invoiced gw_base_price_refunded gw_base_tax_amount gw_base_tax_amount_invoiced gw_base_tax_amount_refunded gw_id gw_price gw_price_invoiced gw_price_refunded gw_tax_amount gw_tax_amount_invoiced gw_tax_amount_refunded is_qty_decimal is_virtual item_id locked_do_invoice locked_do_ship name no_discount order_id original_price parent_item_id price price_incl_tax product_id product_type qty_backordered qty_canceled qty_invoiced qty_ordered qty_refunded qty_returned qty_shipped quote_item_id row_invoiced row_total row_total_incl_tax row_weight sku store_id tax_amount tax_before_discount tax_canceled tax_invoiced tax_percent tax_refunded updated_at weee_tax_applied weee_tax_applied_amount weee_tax_applied_row_amount weee_tax_disposition weee_tax_row_disposition weight parent_item product_option extension_attributes'
keys_ok() { jq_ "sorted(set($1) - set('$2'.split()))"; }
check "order keys: OrderInterface getters only" "$(keys_ok 'd' "$OI")" "[]"
check "order keys: the ones a connector reads are there" "$(jq_ 'sorted(set("entity_id increment_id state status customer_email customer_firstname customer_lastname customer_is_guest grand_total total_invoiced items billing_address payment status_histories extension_attributes".split()) - set(d))')" "[]"
check "order scalar keys alphabetical, then items, billing_address, payment, status_histories, extension_attributes" \
  "$(jq_ 'list(d)[-5:] == ["items","billing_address","payment","status_histories","extension_attributes"] and list(d)[:-5] == sorted(list(d)[:-5])')" True
check "billing_address: OrderAddressInterface keys, street string[]" "$(keys_ok 'd["billing_address"]' "$AI") $(jq_ 'd["billing_address"]["address_type"], type(d["billing_address"]["street"]).__name__, d["billing_address"]["parent_id"]')" "[] billing list 401"
check "payment: OrderPaymentInterface keys" "$(keys_ok 'd["payment"]' "$PI") $(jq_ 'd["payment"]["parent_id"], d["payment"]["method"]')" "[] 401 checkmo"
check "items: OrderItemInterface keys" "$(keys_ok 'd["items"][0]' "$II")" "[]"
check "status_histories: OrderStatusHistoryInterface keys" "$(jq_ 'sorted(set(k for h in d["status_histories"] for k in h) - set("'"$HI"'".split()))')" "[]"
check "an order invoiced over REST: qty_invoiced of every item, the invoice's status history entry" \
  "$(jq_ '[i["qty_invoiced"] for i in d["items"]], [i["qty_ordered"] for i in d["items"]], len(d["status_histories"]) > 0, d["status_histories"][0]["parent_id"], d["status_histories"][0]["status"] == d["status"]')" "[2, 3] [2, 3] True 401 True"
check "shipping_assignments: the shipping address as OrderAddressInterface, totals, the items" \
  "$(jq_ 'len(d["extension_attributes"]["shipping_assignments"]), d["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]["address_type"], d["extension_attributes"]["shipping_assignments"][0]["shipping"]["total"]["shipping_amount"], [i["item_id"] for i in d["extension_attributes"]["shipping_assignments"][0]["items"]] == [i["item_id"] for i in d["items"]]')" \
  "1 shipping $(sql "SELECT CAST(shipping_amount AS INTEGER) / 10000 FROM sales_flat_order WHERE entity_id = 401") True"
check "shipping address keys" "$(keys_ok 'd["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]' "$AI")" "[]"
check "customer fields as the store has them" "$(jq_ 'd["customer_firstname"], d["customer_lastname"]')" \
  "$(sql "SELECT customer_firstname || ' ' || customer_lastname FROM sales_flat_order WHERE entity_id = 401")"
get "$R/orders/402"
check "order 402: fully invoiced over REST" "$ST $(jq_ 'all(i["qty_invoiced"] == i["qty_ordered"] for i in d["items"])')" "200 True"
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

echo "== GET /V1/orders?searchCriteria"
OF() { printf 'searchCriteria[filter_groups][%s][filters][%s][field]=%s&searchCriteria[filter_groups][%s][filters][%s][value]=%s&searchCriteria[filter_groups][%s][filters][%s][condition_type]=%s&' "$1" "$2" "$3" "$1" "$2" "$4" "$1" "$2" "$5"; }
oids() { jq_ '[i["entity_id"] for i in d["items"]], d["total_count"]'; }
# group 0: 401..405 OR 410; group 1: state processing OR new; group 2: not 403
OQ="$(OF 0 0 entity_id 405 lteq)$(OF 0 1 entity_id 410 eq)$(OF 1 0 state processing eq)$(OF 1 1 state new eq)$(OF 2 0 increment_id 400000003 neq)"
# one id per line from either backend, joined here (no SQL dialect in the expectation)
WANT="[$(sql "SELECT entity_id FROM sales_flat_order WHERE (entity_id <= 405 OR entity_id = 410) AND state IN ('processing', 'new') AND increment_id <> '400000003' ORDER BY grand_total DESC, entity_id DESC" | paste -sd, - | sed 's/,/, /g')]"
NW=$(sql "SELECT count(*) FROM sales_flat_order WHERE (entity_id <= 405 OR entity_id = 410) AND state IN ('processing', 'new') AND increment_id <> '400000003'")
get "$R/orders?${OQ}searchCriteria[sortOrders][0][field]=grand_total&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=DESC"
expect_status "orders search" 200
check "three groups (OR inside, AND between), two sort orders" "$(oids)" "$WANT $NW"
[ "$NW" -ge 3 ] && t_ok "the search has rows to page ($NW)" || t_bad "fixture: only $NW orders match"
check "items are OrderInterface (billing_address, payment, status_histories)" \
  "$(jq_ 'all("billing_address" in i and "payment" in i and "status_histories" in i and "shipping_assignments" in i["extension_attributes"] for i in d["items"])')" True
ALL=$(jq_ '[i["entity_id"] for i in d["items"]]')
get "$R/orders?${OQ}searchCriteria[sortOrders][0][field]=grand_total&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=DESC&searchCriteria[pageSize]=2&searchCriteria[currentPage]=2"
check "page 2 of 2-row pages" "$(oids)" "$(printf '%s' "$ALL" | "$PY" -c 'import sys,ast; print(ast.literal_eval(sys.stdin.read())[2:4])') $NW"
check "orders search_criteria echoed" "$(jq_ 'len(d["search_criteria"]["filter_groups"]), d["search_criteria"]["filter_groups"][0]["filters"][0], d["search_criteria"]["sort_orders"][1], d["search_criteria"]["page_size"], d["search_criteria"]["current_page"]')" \
  "3 {'field': 'entity_id', 'value': '405', 'condition_type': 'lteq'} {'field': 'entity_id', 'direction': 'DESC'} 2 2"
ocond() { get "$R/orders?$(OF 0 0 "$1" "$2" "$3")$(OF 1 0 entity_id 401,402,403 in)searchCriteria[sortOrders][0][field]=entity_id"; jq_ '[i["entity_id"] for i in d["items"]]'; }
check "orders eq"      "$(ocond increment_id 400000002 eq)" "[402]"
check "orders neq"     "$(ocond entity_id 402 neq)" "[401, 403]"
check "orders gt"      "$(ocond entity_id 401 gt)" "[402, 403]"
check "orders gteq"    "$(ocond entity_id 402 gteq)" "[402, 403]"
check "orders lt"      "$(ocond entity_id 402 lt)" "[401]"
check "orders lteq"    "$(ocond entity_id 402 lteq)" "[401, 402]"
check "orders in"      "$(ocond increment_id 400000001,400000003 in)" "[401, 403]"
check "orders nin"     "$(ocond entity_id 401,403 nin)" "[402]"
check "orders like"    "$(ocond customer_email jane2%25 like)" "[402]"
check "orders null"    "$(ocond customer_email 1 null)" "[]"
check "orders notnull" "$(ocond customer_email 1 notnull)" "[401, 402, 403]"
get "$R/orders?$(OF 0 0 nonsense 1 eq)"
expect "orders: bad field" 400 '{"message":"Invalid value of \"%value\" provided for the %fieldName field.","parameters":{"value":"nonsense","fieldName":"field"}}'
get "$R/orders?$(OF 0 0 state 1 regexpx)"
expect "orders: bad condition_type" 400 '{"message":"Invalid value of \"%value\" provided for the %fieldName field.","parameters":{"value":"regexpx","fieldName":"condition_type"}}'
get "$R/orders?searchCriteria[sortOrders][0][field]=nonsense"
expect_status "orders: bad sort field" 400
http -g "$R/orders?searchCriteria[pageSize]=1"
expect "orders: no token" 401 '{"message":"The consumer isn'"'"'t authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}}'
get "$R/orders?searchCriteria[pageSize]=1" "$RTOK"
expect_status "orders: a role without sales/order/info" 401
get "$R/orders?searchCriteria[pageSize]=1"
check "orders: no filter is all orders" "$ST $(jq_ 'len(d["items"]), d["total_count"]')" "200 1 $(sql 'SELECT count(*) FROM sales_flat_order')"

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
