#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Magento 2 style REST (issue 4) driven with curl: the admin token route, the
# seed 004 InvoiceOrder example body, full and partial invoices, capture
# true/false on offline (checkmo) and gateway (authorizenet) orders, notify
# with a comment (stored, outbox row), every error case with its HTTP status
# and exact body, and the cross-API checks with raw SOAP V2 calls: an invoice
# created over REST read through salesOrderInvoiceList/Info, and an order
# invoiced over SOAP refused over REST.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/rest/lib_rest.sh"

t_config
rest_setup
t_start
R="$T_URL/rest/V1"

echo "== token"
post "$R/integration/admin/token" "{\"username\":\"$REST_USER\",\"password\":\"$REST_KEY\"}"
expect_status "token" 200
expect_json_ct "token"
TOK=$(printf '%s' "$BODY" | sed -n 's/^"\([0-9a-f]\{32,\}\)"$/\1/p')
check "token is a JSON string of 32+ hex" "${TOK:+yes}" yes
for prefix in default all; do
  post "$T_URL/rest/$prefix/V1/integration/admin/token" "{\"username\":\"$REST_USER\",\"password\":\"$REST_KEY\"}"
  expect_status "token under /rest/$prefix/V1" 200
done
check "tokens are stored hashed" "$(sql "SELECT count(*) FROM rest_token WHERE token = '$TOK'")" 0
check "token rows" "$(sql "SELECT count(*) FROM rest_token WHERE length(token) = 64")" 3

SIGNIN='{"message":"The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."}'
post "$R/integration/admin/token" "{\"username\":\"$REST_USER\",\"password\":\"wrong\"}"
expect "token: bad key" 401 "$SIGNIN"
expect_json_ct "token: bad key"
post "$R/integration/admin/token" '{"username":"nobody","password":"whatever"}'
expect "token: unknown user" 401 "$SIGNIN"
post "$R/integration/admin/token" '{}'
expect "token: no fields" 400 '{"message":"One or more input exceptions have occurred.","errors":[{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"username"}},{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"password"}}]}'
post "$R/integration/admin/token" "{\"username\":\"$REST_USER\"}"
expect "token: no password" 400 '{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"password"}}'
post "$R/integration/admin/token" "{\"username\":\"\",\"password\":\"$REST_KEY\"}"
expect "token: empty username" 400 '{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"username"}}'
post "$R/integration/admin/token" '{"username":'
expect "token: body not JSON" 400 '{"message":"Decoding error."}'
http -X POST "$R/integration/admin/token" -d "username=$REST_USER&password=$REST_KEY"
expect "token: form-encoded body" 415 '{"message":"Server cannot understand Content-Type HTTP header media type application\/x-www-form-urlencoded"}'
http -X POST "$R/integration/admin/token" -H 'Content-Type:' --data-binary '{}'
expect "token: body without Content-Type" 400 '{"message":"Content-Type header is empty."}'

echo "== errors of POST /V1/order/{orderId}/invoice"
NOAUTH='{"message":"The consumer isn'"'"'t authorized to access %resources.","parameters":{"resources":"Magento_Sales::invoice"}}'
post "$R/order/401/invoice" '{}'
expect "no token" 401 "$NOAUTH"
expect_json_ct "no token"
post "$R/order/401/invoice" '{}' 0123456789abcdef0123456789abcdef
expect "unknown token" 401 "$NOAUTH"
http -X POST "$R/order/401/invoice" -H 'Content-Type: application/json' -H "Authorization: Token $TOK" --data-binary '{}'
expect "Authorization not Bearer" 401 "$NOAUTH"
http -X POST "$R/order/401/invoice" -H 'Content-Type: application/json' -H "Authorization: Bearer  $TOK" --data-binary '{}'
expect "Authorization with two spaces" 401 "$NOAUTH"
RTOK=$(token reader readKey123)
check "reader got a token" "${RTOK:+yes}" yes
post "$R/order/401/invoice" '{}' "$RTOK"
expect "role without sales/order/invoice/create" 401 "$NOAUTH"
post "$R/order/999/invoice" '{}' "$TOK"
expect "unknown order" 404 '{"message":"The entity that was requested doesn'"'"'t exist. Verify the entity and try again."}'
expect_json_ct "unknown order"
post "$R/order/-5/invoice" '{}' "$TOK"
expect "negative orderId" 404 '{"message":"The entity that was requested doesn'"'"'t exist. Verify the entity and try again."}'
post "$R/order/abc/invoice" '{}' "$TOK"
expect "orderId not an integer" 400 '{"message":"The \"abc\" value'"'"'s type is invalid. The \"int\" type was expected. Verify and try again."}'
post "$R/order/0/invoice" '{}' "$TOK"
expect "orderId 0" 400 '{"message":"An ID is needed. Set the ID and try again."}'
post "$R/order/409/invoice" '{}' "$TOK"
expect "complete order" 400 '{"message":"Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of complete"}'
post "$R/order/410/invoice" '{}' "$TOK"
expect "order on hold" 400 '{"message":"Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of holded"}'
post "$R/order/401/invoice" '{"items":[{"order_item_id":4011,"qty":5}]}' "$TOK"
expect "qty above the uninvoiced qty" 400 '{"message":"Invoice Document Validation Error(s):\nThe quantity to invoice must not be greater than the uninvoiced quantity for product SKU \"R-A\"."}'
post "$R/order/401/invoice" '{"items":[{"order_item_id":4021,"qty":1}]}' "$TOK"
expect "item of another order" 400 '{"message":"Invoice Document Validation Error(s):\nThe invoice contains one or more items that are not part of the original order."}'
post "$R/order/401/invoice" '{"items":[{"order_item_id":999999,"qty":1}]}' "$TOK"
expect "unknown item" 400 '{"message":"Invoice Document Validation Error(s):\nThe invoice contains one or more items that are not part of the original order."}'
post "$R/order/401/invoice" '{"items":[{"order_item_id":4011,"qty":0}]}' "$TOK"
expect "no products" 400 '{"message":"Invoice Document Validation Error(s):\nThe invoice can'"'"'t be created without products. Add products and try again."}'
post "$R/order/401/invoice" '{"items":[{"order_item_id":4011,"qty":"two"}]}' "$TOK"
expect "qty not a number" 400 '{"message":"Error occurred during \"qty\" processing. The \"two\" value'"'"'s type is invalid. The \"float\" type was expected. Verify and try again."}'
post "$R/order/401/invoice" '{"capture": tru' "$TOK"
expect "body not JSON" 400 '{"message":"Decoding error."}'
expect_json_ct "body not JSON"
post "$R/order/401/invoice" '[{"capture": true}]' "$TOK"
expect "body a JSON array" 400 '{"message":"Decoding error: the request body must be a JSON object."}'
http -X POST "$R/order/401/invoice" -H 'Content-Type: text/plain' -H "Authorization: Bearer $TOK" --data-binary '{}'
expect "Content-Type text/plain" 415 '{"message":"Server cannot understand Content-Type HTTP header media type text\/plain"}'
http -X POST "$R/order/401/invoice" -H 'Content-Type: application/json; charset=iso-8859-1' -H "Authorization: Bearer $TOK" --data-binary '{}'
expect "charset not UTF-8" 400 '{"message":"UTF-8 is the only supported charset."}'
http -X POST "$R/order/401/invoice" -H 'Content-Type:' -H "Authorization: Bearer $TOK" --data-binary '{}'
expect "body without Content-Type" 400 '{"message":"Content-Type header is empty."}'
post "$R/order/401/invoice" '{"comment":{"is_visible_on_front":1}}' "$TOK"
expect "comment object without text" 400 '{"message":"Could not save an invoice, see error log for details"}'
post "$R/order/411/invoice" '{"capture":true}' "$TOK"
expect "gateway declines the capture" 400 '{"message":"Could not save an invoice, see error log for details"}'
post "$R/order/401/invoices" '{}' "$TOK"
expect "unknown route" 404 '{"message":"Request does not match any route."}'
http "$R/order/401/invoice" -H "Authorization: Bearer $TOK"
expect_status "GET on the invoice route" 405
check "no invoice was created by the error cases" "$(sql 'SELECT count(*) FROM sales_flat_invoice')" 0
check "no outbox row either" "$(sql 'SELECT count(*) FROM email_outbox')" 0

soap_login
check "SOAP V2 login" "${SID:+yes}" yes

echo "== seed 004 example body (order 400000008, authorizenet)"
post "$R/order/408/invoice" '{
  "capture": true,
  "items": [ {"order_item_id": 1, "qty": 2}, {"order_item_id": 2, "qty": 0.5} ],
  "notify": true,
  "appendComment": true,
  "comment": {"comment": "test_invoice", "is_visible_on_front": true},
  "arguments": {"extension_attributes": {}}
}' "$TOK"
expect_status "seed 004 example" 200
expect_json_ct "seed 004 example"
ID=$BODY
check "answer is a bare JSON number" "$(printf '%s' "$ID" | grep -cx '[1-9][0-9]*')" 1
INC=$(soap_inc_of "$ID")
check "SOAP list finds the invoice by invoice_id" "${INC:+yes}" yes
INFO=$(soap_info "$INC")
check "SOAP info: order_id" "$(printf '%s' "$INFO" | xml_field order_id)" 408
check "SOAP info: state paid" "$(printf '%s' "$INFO" | xml_field state)" 2
check "SOAP info: grand_total" "$(printf '%s' "$INFO" | xml_field grand_total)" 22.0000
check "SOAP info: comment" "$(printf '%s' "$INFO" | xml_field comment)" test_invoice
check "item qtys 2 and 0.5" "$(sql "SELECT qty FROM sales_flat_invoice_item WHERE parent_id = $ID ORDER BY order_item_id" | paste -sd,)" "20000,5000"
check "captured online (transaction id)" "$(sql "SELECT CASE WHEN transaction_id LIKE 'CAP-400000008-%' THEN 1 ELSE 0 END FROM sales_flat_invoice WHERE entity_id = $ID")" 1
check "comment notified and visible" "$(sql "SELECT is_customer_notified, is_visible_on_front FROM sales_flat_invoice_comment WHERE parent_id = $ID")" "1|1"
check "outbox row with the comment" "$(sql "SELECT count(*) FROM email_outbox WHERE invoice_id = $ID AND kind = 'invoice_new' AND body LIKE '%test_invoice%'")" 1

echo "== full invoice (order 400000001, empty items)"
post "$R/order/401/invoice" '{"items": []}' "$TOK"
expect_status "full invoice" 200
ID=$BODY
INFO=$(soap_info "$(soap_inc_of "$ID")")
check "full: state" "$(printf '%s' "$INFO" | xml_field state)" 2
check "full: grand_total (20 + 15 + 5 shipping)" "$(printf '%s' "$INFO" | xml_field grand_total)" 40.0000
check "full: total_qty" "$(sql "SELECT total_qty FROM sales_flat_invoice WHERE entity_id = $ID")" 50000
check "full: no e-mail without notify" "$(sql "SELECT count(*) FROM email_outbox WHERE invoice_id = $ID")" 0
check "full: order processing" "$(sql 'SELECT state FROM sales_flat_order WHERE entity_id = 401')" processing
post "$R/order/401/invoice" '{}' "$TOK"
expect "full: a second invoice is refused" 400 '{"message":"Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.\nThe invoice can'"'"'t be created without products. Add products and try again."}'

echo "== partial invoices (order 400000002)"
post "$T_URL/rest/default/V1/order/402/invoice" '{"items":[{"order_item_id":4021,"qty":1}]}' "$TOK"
expect_status "partial 1 under /rest/default/V1" 200
P1=$BODY
check "partial 1: grand_total" "$(soap_info "$(soap_inc_of "$P1")" | xml_field grand_total)" 2.5000
post "$T_URL/rest/all/V1/order/402/invoice" '{"items":[{"order_item_id":4021,"qty":2}]}' "$TOK"
expect_status "partial 2 under /rest/all/V1" 200
P2=$BODY
check "partial 2: grand_total" "$(soap_info "$(soap_inc_of "$P2")" | xml_field grand_total)" 5.0000
post "$R/order/402/invoice" '{"items":[{"order_item_id":4021,"qty":2}]}' "$TOK"
expect "partial: more than is left" 400 '{"message":"Invoice Document Validation Error(s):\nThe quantity to invoice must not be greater than the uninvoiced quantity for product SKU \"R-C\"."}'
http -X POST "$R/order/402/invoice" -H "Authorization: Bearer $TOK"
expect_status "partial 3: the rest, no body at all" 200
P3=$BODY
check "partial 3: grand_total (1 x 2.5 + 10)" "$(soap_info "$(soap_inc_of "$P3")" | xml_field grand_total)" 12.5000
check "partial: qty_invoiced on the items" "$(sql 'SELECT qty_invoiced FROM sales_flat_order_item WHERE order_id = 402 ORDER BY item_id' | paste -sd,)" "40000,10000"

echo "== capture true/false on offline and gateway orders"
capture_case() { # ORDER CAPTURE WHAT WANT_CAN_VOID WANT_TXN
  post "$R/order/$1/invoice" "{\"capture\": $2}" "$TOK"
  expect_status "$3" 200
  local id=$BODY
  local info
  info=$(soap_info "$(soap_inc_of "$id")")
  check "$3: SOAP info state 2" "$(printf '%s' "$info" | xml_field state)" 2
  check "$3: SOAP info order_id" "$(printf '%s' "$info" | xml_field order_id)" "$1"
  check "$3: can_void_flag" "$(sql "SELECT coalesce(CAST(can_void_flag AS TEXT), 'NULL') FROM sales_flat_invoice WHERE entity_id = $id")" "$4"
  check "$3: online capture transaction" "$(sql "SELECT CASE WHEN transaction_id IS NOT NULL THEN 1 ELSE 0 END FROM sales_flat_invoice WHERE entity_id = $id")" "$5"
  check "$3: order paid" "$(sql "SELECT CASE WHEN total_paid = grand_total THEN 1 ELSE 0 END FROM sales_flat_order WHERE entity_id = $1")" 1
}
capture_case 403 true "checkmo, capture=true" 0 0
capture_case 404 false "checkmo, capture=false" 0 0
capture_case 405 true "authorizenet, capture=true" NULL 1
capture_case 406 false "authorizenet, capture=false" 0 0

echo "== notify with a comment"
post "$R/order/407/invoice" '{"notify": true, "appendComment": true, "comment": {"comment": "Thanks for your order", "is_visible_on_front": 0}}' "$TOK"
expect_status "notify + appendComment" 200
ID=$BODY
INFO=$(soap_info "$(soap_inc_of "$ID")")
check "notify: comment visible through SOAP info" "$(printf '%s' "$INFO" | xml_field comment)" "Thanks for your order"
check "notify: is_customer_notified through SOAP info" "$(printf '%s' "$INFO" | xml_field is_customer_notified)" 1
check "notify: email_sent" "$(sql "SELECT email_sent FROM sales_flat_invoice WHERE entity_id = $ID")" 1
check "notify: outbox row to the customer, with the comment" "$(sql "SELECT recipient, CASE WHEN body LIKE '%Thanks for your order%' THEN 1 ELSE 0 END FROM email_outbox WHERE invoice_id = $ID")" "jane7@example.com|1"
post "$R/order/414/invoice" '{"notify": true, "comment": {"comment": "internal note"}}' "$TOK"
expect_status "notify without appendComment" 200
ID=$BODY
check "notify only: comment stored, not notified" "$(sql "SELECT comment, is_customer_notified FROM sales_flat_invoice_comment WHERE parent_id = $ID")" "internal note|0"
check "notify only: outbox row without the comment" "$(sql "SELECT count(*), sum(CASE WHEN body LIKE '%internal note%' THEN 1 ELSE 0 END) FROM email_outbox WHERE invoice_id = $ID")" "1|0"

echo "== cross-API"
post "$R/order/413/invoice" '{"capture": false}' "$TOK"
expect_status "REST create on 400000013" 200
ID=$BODY
INC=$(soap_inc_of "$ID")
check "SOAP list: increment id of the REST invoice" "$INC" "$(sql "SELECT increment_id FROM sales_flat_invoice WHERE entity_id = $ID")"
INFO=$(soap_info "$INC")
check "SOAP info: order_increment_id" "$(printf '%s' "$INFO" | xml_field order_increment_id)" 400000013
check "SOAP info: invoice_id" "$(printf '%s' "$INFO" | xml_field invoice_id)" "$ID"
check "SOAP info: state" "$(printf '%s' "$INFO" | xml_field state)" 2
SC=$(soap_create 400000012)
SINC=$(printf '%s' "$SC" | xml_field result)
check "SOAP V2 create on 400000012" "${SINC:+yes}" yes
post "$R/order/412/invoice" '{}' "$TOK"
expect "REST create after SOAP invoiced everything" 400 '{"message":"Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.\nThe invoice can'"'"'t be created without products. Add products and try again."}'
check "one invoice on 400000012" "$(sql 'SELECT count(*) FROM sales_flat_invoice WHERE order_id = 412')" 1

t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_summary
