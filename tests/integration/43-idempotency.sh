#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Idempotency-Key (issue 11 part 4) in every dialect: curl with the header on
# REST, JSON-RPC, XML-RPC and raw SOAP V2; PHP SoapClient (stream_context) on
# V2, WS-I and V1 call; python xmlrpc.client with a custom transport.  A retry
# with the same key answers the same invoice and no second invoice exists;
# the same key with another body is refused (REST 422, SOAP-ENV:Client,
# XML-RPC/JSON-RPC 422); keys are per API user; keys survive a restart;
# expired keys are purged; a multiCall retried with its key runs nothing twice.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/rest/lib_rest.sh"

t_config idempotency_window=3600
"$PY" "$here/idem/fixture.py" 24 > "$T_TMP/orders.json"
t_cli import "$T_TMP/orders.json" > /dev/null || { echo "FAIL: import"; exit 1; }
t_cli user add --username "$REST_USER" --api-key "$REST_KEY" > /dev/null || exit 1
t_cli user add --username other --api-key otherKey1 > /dev/null || exit 1
t_start
R="$T_URL/rest/V1"
ninv() { sql "SELECT count(*) FROM sales_flat_invoice WHERE order_id = $1"; }

echo "== REST"
TOK=$(token)
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$TOK" -H 'Idempotency-Key: rest-1'
expect_status "REST create with a key" 200
FIRST=$BODY
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$TOK" -H 'Idempotency-Key: rest-1'
expect "REST retry answers the same entity id" 200 "$FIRST"
check "REST: one invoice for the key" "$(ninv 9001)" 1
TOK2=$(token)
post "$T_URL/rest/default/V1/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$TOK2" -H 'Idempotency-Key: rest-1'
expect "REST retry with a new token of the same user, /rest/default/ prefix" 200 "$FIRST"
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":2}]}' "$TOK" -H 'Idempotency-Key: rest-1'
expect "REST same key, other body" 422 '{"message":"Idempotency-Key \"rest-1\" was already used for a different request; send a new key for a new request."}'
check "REST: still one invoice" "$(ninv 9001)" 1
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$TOK"
expect_status "REST without a key creates" 200
check "REST: a request without a key is not deduplicated" "$(ninv 9001)" 2
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$TOK" -H "Idempotency-Key: $(printf 'k%.0s' $(seq 1 256))"
expect "REST key of 256 characters" 400 '{"message":"Idempotency-Key must be 1 to 255 printable ASCII characters."}'
post "$R/order/9999/invoice" '{}' "$TOK" -H 'Idempotency-Key: rest-404'
expect_status "REST failed create (unknown order) with a key" 404
check "REST: a failed write stores no key" "$(sql "SELECT count(*) FROM idempotency_key WHERE idem_key = 'rest-404'")" 0
OTOK=$(token other otherKey1)
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$OTOK" -H 'Idempotency-Key: rest-1'
expect_status "REST: the same key of another API user is its own" 200
[ "$BODY" != "$FIRST" ] && t_ok "REST: another user's key made its own invoice" || t_bad "another user's key replayed $BODY"
check "REST: key rows" "$(sql "SELECT count(*) FROM idempotency_key WHERE idem_key = 'rest-1'")" 2

echo "== concurrent duplicates wait for the first"
CPIDS=()
for i in 1 2 3 4 5 6; do
  curl -s -X POST "$R/order/9013/invoice" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOK" \
    -H 'Idempotency-Key: rest-conc' --data-binary '{"items":[{"order_item_id":90131,"qty":1}]}' > "$T_TMP/conc.$i" &
  CPIDS+=($!)
done
wait "${CPIDS[@]}"
check "six concurrent requests with one key: one answer" "$(cat "$T_TMP"/conc.* | sort -u | wc -l)" 1
check "six concurrent requests with one key: one invoice" "$(ninv 9013)" 1
check "the answer is that invoice" "$(cat "$T_TMP/conc.1")" "$(sql "SELECT entity_id FROM sales_flat_invoice WHERE order_id = 9013")"

echo "== JSON-RPC (curl)"
jr() { http -X POST "$T_URL/api/jsonrpc/" -H 'Content-Type: application/json' --data-binary "$1" "${@:2}"; }
jr "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"login\",\"params\":[\"$REST_USER\",\"$REST_KEY\"]}"
JSID=$(printf '%s' "$BODY" | sed -n 's/.*"result":"\([0-9a-f]*\)".*/\1/p')
CREATE2='"method":"call","params":["'$JSID'","sales_order_invoice.create",["900000002",{"90021":1}]]'
jr "{\"jsonrpc\":\"2.0\",\"id\":2,$CREATE2}" -H 'Idempotency-Key: jr-1'
J1=$BODY
jr "{\"jsonrpc\":\"2.0\",\"id\":2,$CREATE2}" -H 'Idempotency-Key: jr-1'
check "JSON-RPC retry answers the same" "$BODY" "$J1"
printf '%s' "$J1" | grep -q '"result":"[0-9]*"' && t_ok "JSON-RPC: result is an increment id ($J1)" || t_bad "JSON-RPC create: $J1"
check "JSON-RPC: one invoice" "$(ninv 9002)" 1
jr "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"call\",\"params\":[\"$JSID\",\"sales_order_invoice.create\",[\"900000002\",{\"90021\":5}]]}" -H 'Idempotency-Key: jr-1'
check "JSON-RPC same key, other params" "$BODY" '{"error":{"code":422,"message":"Idempotency-Key \"jr-1\" was already used for a different request; send a new key for a new request."},"id":3,"jsonrpc":"2.0"}'
# a batch: each write of the request has its own slot (key, key#2, ...)
BATCH="[{\"jsonrpc\":\"2.0\",\"id\":1,$CREATE2},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"call\",\"params\":[\"$JSID\",\"sales_order_invoice.create\",[\"900000003\",{\"90031\":1}]]}]"
jr "$BATCH" -H 'Idempotency-Key: jr-batch'
B1=$BODY
jr "$BATCH" -H 'Idempotency-Key: jr-batch'
check "JSON-RPC batch retried answers the same" "$BODY" "$B1"
check "JSON-RPC batch: 2 + 1 invoices" "$(ninv 9002)/$(ninv 9003)" "2/1"

echo "== XML-RPC (curl)"
xr() { http -X POST "$T_URL/api/xmlrpc/" -H 'Content-Type: text/xml' --data-binary "$1" "${@:2}"; }
xr "<?xml version=\"1.0\"?><methodCall><methodName>login</methodName><params><param><value><string>$REST_USER</string></value></param><param><value><string>$REST_KEY</string></value></param></params></methodCall>"
XSID=$(printf '%s' "$BODY" | sed -n 's:.*<string>\([0-9a-f]*\)</string>.*:\1:p')
xcreate() { echo "<?xml version=\"1.0\"?><methodCall><methodName>call</methodName><params><param><value><string>$XSID</string></value></param><param><value><string>sales_order_invoice.create</string></value></param><param><value><array><data><value><string>900000005</string></value><value><struct><member><name>90051</name><value><int>$1</int></value></member></struct></value></data></array></value></param></params></methodCall>"; }
xr "$(xcreate 1)" -H 'Idempotency-Key: xr-1'
X1=$BODY
xr "$(xcreate 1)" -H 'Idempotency-Key: xr-1'
check "XML-RPC retry answers the same bytes" "$BODY" "$X1"
check "XML-RPC: one invoice" "$(ninv 9005)" 1
xr "$(xcreate 2)" -H 'Idempotency-Key: xr-1'
printf '%s' "$BODY" | grep -q '<name>faultCode</name><value><int>422</int>' && t_ok "XML-RPC same key, other params: fault 422" || t_bad "XML-RPC conflict: $BODY"

echo "== SOAP V2 (curl)"
v2create() { soap "<ns1:salesOrderInvoiceCreate><sessionId>$SID</sessionId><invoiceIncrementId>900000006</invoiceIncrementId><itemsQty><item><order_item_id>90061</order_item_id><qty>$1</qty></item></itemsQty></ns1:salesOrderInvoiceCreate>"; }
soap() {
  printf '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento"><SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>' "$1" |
    curl -s -H 'Content-Type: text/xml; charset=utf-8' -H 'SOAPAction: "urn:Action"' ${IDEM:+-H "Idempotency-Key: $IDEM"} --data-binary @- "$T_URL/api/v2_soap/"
}
IDEM= soap_login
S1=$(IDEM=v2-1 v2create 1)
S2=$(IDEM=v2-1 v2create 1)
check "SOAP V2 retry answers the same bytes" "$S2" "$S1"
printf '%s' "$S1" | grep -q '<result xsi:type="xsd:string">[0-9]*</result>' && t_ok "SOAP V2 create answered an increment id" || t_bad "SOAP V2 create: $S1"
check "SOAP V2: one invoice" "$(ninv 9006)" 1
S3=$(IDEM=v2-1 v2create 4)
printf '%s' "$S3" | grep -q '<faultcode>SOAP-ENV:Client</faultcode>' && t_ok "SOAP V2 same key, other itemsQty: SOAP-ENV:Client" || t_bad "SOAP V2 conflict: $S3"

echo "== PHP SoapClient (stream_context)"
php "$here/idem/soapclient.php" "$T_URL" "$REST_USER" "$REST_KEY" 900000007 90071 900000009 90091 900000010 90101 900000008 90081 > "$T_TMP/php.out" 2>&1
t_tally "$T_TMP/php.out"
check "PHP V2: one invoice" "$(ninv 9007)" 1
check "PHP WS-I: one invoice" "$(ninv 9009)" 1
check "PHP V1 call: one invoice" "$(ninv 9010)" 1
G=$(sed -n 's/^CAPTURED=//p' "$T_TMP/php.out")
check "captured once: one capture transaction" "$(sql "SELECT count(*) FROM sales_payment_transaction WHERE order_id = 9008 AND txn_type = 'capture'")" 1

echo "== python xmlrpc.client"
"$PY" "$here/idem/xmlrpc_client.py" "$T_URL" "$REST_USER" "$REST_KEY" 900000011 90111 first > "$T_TMP/py.out" 2>&1
t_tally "$T_TMP/py.out"
PYINV=$(sed -n 's/^INVOICE=//p' "$T_TMP/py.out")
check "xmlrpc.client: two keys, two invoices" "$(ninv 9011)" 2

echo "== multiCall (SOAP V1 via PHP is above; XML-RPC multiCall here)"
xmc() { echo "<?xml version=\"1.0\"?><methodCall><methodName>multiCall</methodName><params><param><value><string>$XSID</string></value></param><param><value><array><data><value><array><data><value><string>sales_order_invoice.create</string></value><value><array><data><value><string>900000012</string></value><value><struct><member><name>90121</name><value><int>1</int></value></member></struct></value></data></array></value></data></array></value><value><array><data><value><string>sales_order_invoice.create</string></value><value><array><data><value><string>900000012</string></value><value><struct><member><name>90121</name><value><int>2</int></value></member></struct></value></data></array></value></data></array></value></data></array></value></param></params></methodCall>"; }
xr "$(xmc)" -H 'Idempotency-Key: mc-1'
M1=$BODY
xr "$(xmc)" -H 'Idempotency-Key: mc-1'
check "multiCall retried answers the same" "$BODY" "$M1"
check "multiCall: two writes, two invoices, once" "$(ninv 9012)" 2
check "multiCall: qty invoiced 3" "$(sql "SELECT qty_invoiced / 10000 FROM sales_flat_order_item WHERE item_id = 90121")" 3

echo "== restart: keys survive"
t_stop || t_bad "daemon exit status on SIGTERM"
t_start
R="$T_URL/rest/V1"
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$TOK" -H 'Idempotency-Key: rest-1'
expect "REST retry after a restart answers the same entity id" 200 "$FIRST"
"$PY" "$here/idem/xmlrpc_client.py" "$T_URL" "$REST_USER" "$REST_KEY" 900000011 90111 again > "$T_TMP/py2.out" 2>&1
check "xmlrpc.client retry after a restart answers the same invoice" "$(sed -n 's/^INVOICE=//p' "$T_TMP/py2.out")" "$PYINV"
check "no invoice was added by the retries" "$(ninv 9001)/$(ninv 9011)" "3/2"

echo "== expired keys"
t_stop || t_bad "daemon exit status on SIGTERM"
sql "UPDATE idempotency_key SET expires_at = '2000-01-01 00:00:00' WHERE idem_key = 'rest-1'"
t_start
R="$T_URL/rest/V1"
post "$R/order/9001/invoice" '{"items":[{"order_item_id":90011,"qty":1}]}' "$TOK" -H 'Idempotency-Key: rest-1'
expect_status "REST with an expired key runs again" 200
[ "$BODY" != "$FIRST" ] && t_ok "an expired key's request is a new invoice" || t_bad "expired key replayed"
check "expired rows purged, the key stored afresh" "$(sql "SELECT count(*) FROM idempotency_key WHERE expires_at < '2001-01-01'")/$(sql "SELECT count(*) FROM idempotency_key WHERE idem_key = 'rest-1'")" "0/1"

t_summary
