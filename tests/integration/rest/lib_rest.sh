# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers of the REST integration tests (40-42), sourced after lib.sh:
# curl calls that record status, headers and body, exact comparisons, and
# raw SOAP V2 calls (curl POSTs of rpc/encoded envelopes) for cross-API checks.

REST_USER=restUser
REST_KEY=restKey123
CT_JSON='application/json; charset=utf-8'

# rest_setup: fresh database with the REST orders and users
rest_setup() {
  t_cli import "$MD_SOURCE_DIR/tests/integration/rest/orders.json" > /dev/null || { echo "import failed"; exit 1; }
  t_cli user add --username "$REST_USER" --api-key "$REST_KEY" > /dev/null || exit 1
  t_cli role add --name readonly --resources sales/order/invoice/info > /dev/null || exit 1
  t_cli user add --username reader --api-key readKey123 --role readonly > /dev/null || exit 1
}

# http ARGS...: curl; sets ST (status), BODY, HDRS (response headers)
http() {
  ST=$(curl -s -o "$T_TMP/body" -D "$T_TMP/hdrs" -w '%{http_code}' "$@")
  BODY=$(cat "$T_TMP/body")
  HDRS=$(tr -d '\r' < "$T_TMP/hdrs")
}

# post URL BODY [TOKEN] [curl args...]: JSON POST
post() {
  local url=$1 body=$2 tok=${3:-}
  shift; shift; [ $# -gt 0 ] && shift
  if [ -n "$tok" ]; then
    http -X POST "$url" -H 'Content-Type: application/json' -H "Authorization: Bearer $tok" --data-binary "$body" "$@"
  else
    http -X POST "$url" -H 'Content-Type: application/json' --data-binary "$body" "$@"
  fi
}

# expect WHAT STATUS BODY: exact status and body of the last call
expect() {
  if [ "$ST" = "$2" ] && [ "$BODY" = "$3" ]; then
    t_ok "$1 ($2)"
  else
    t_bad "$1: got $ST $BODY; want $2 $3"
  fi
}

# expect_status WHAT STATUS
expect_status() {
  if [ "$ST" = "$2" ]; then t_ok "$1 ($2)"; else t_bad "$1: got $ST $BODY; want status $2"; fi
}

# check WHAT GOT WANT
check() {
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1: got '$2', want '$3'"; fi
}

# expect_json_ct WHAT: the last answer is application/json; charset=utf-8
expect_json_ct() {
  if printf '%s\n' "$HDRS" | grep -qix "Content-Type: $CT_JSON"; then
    t_ok "$1: Content-Type $CT_JSON"
  else
    t_bad "$1: Content-Type not $CT_JSON: $(printf '%s\n' "$HDRS" | grep -i '^content-type')"
  fi
}

# token [USER] [KEY]: prints a fresh token (empty on failure)
token() {
  post "$T_URL/rest/V1/integration/admin/token" \
    "{\"username\":\"${1:-$REST_USER}\",\"password\":\"${2:-$REST_KEY}\"}"
  [ "$ST" = 200 ] && printf '%s' "$BODY" | sed -n 's/^"\([0-9a-f]*\)"$/\1/p'
}

# sql QUERY: one answer from the test database
sql() { t_sql "$1"; }

# ---- raw SOAP V2 (rpc/encoded) -------------------------------------------------
soap() {
  printf '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento"><SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>' "$1" |
    curl -s -H 'Content-Type: text/xml; charset=utf-8' -H 'SOAPAction: "urn:Action"' --data-binary @- "$T_URL/api/v2_soap/"
}
# xml_field NAME: first <NAME ...>value</NAME> of stdin
xml_field() { sed -n "s:.*<$1[^>]*>\([^<]*\)</$1>.*:\1:p" | head -1; }
SID=
soap_login() {
  SID=$(soap "<ns1:login><username>$REST_USER</username><apiKey>$REST_KEY</apiKey></ns1:login>" | xml_field loginReturn)
}
# soap_inc_of ENTITY_ID: the increment id, through salesOrderInvoiceList filtered on invoice_id
soap_inc_of() {
  soap "<ns1:salesOrderInvoiceList><sessionId>$SID</sessionId><filters><filter><item><key>invoice_id</key><value>$1</value></item></filter></filters></ns1:salesOrderInvoiceList>" |
    xml_field increment_id
}
# soap_info INCREMENT_ID: the whole salesOrderInvoiceInfo answer
soap_info() {
  soap "<ns1:salesOrderInvoiceInfo><sessionId>$SID</sessionId><invoiceIncrementId>$1</invoiceIncrementId></ns1:salesOrderInvoiceInfo>"
}
# soap_create ORDER_INCREMENT_ID: salesOrderInvoiceCreate (all items); prints the answer
soap_create() {
  soap "<ns1:salesOrderInvoiceCreate><sessionId>$SID</sessionId><invoiceIncrementId>$1</invoiceIncrementId></ns1:salesOrderInvoiceCreate>"
}
