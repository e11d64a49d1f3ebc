#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# No silent ignores (issue 10 item 8): a request part the daemon cannot read
# is answered with a clear fault or, where Magento ignores it too, logged as
# a warning naming the request -- never dropped without a trace.
#  * SOAP V2 list with node-soap's plain-array filter shape (one entry, and
#    repeated complex_filter elements): fault 101 saying what was not read,
#    after the session check; the declared shape still filters.
#  * WS-I list with an element gSOAP does not know inside filters: fault 101.
#  * A V2 call other than list with an unknown element: answered, warning.
#  * REST invoice with unknown body fields: answered as Magento 2 does
#    (ignored), warning naming the field.
#  * XML-RPC list with a filters argument that is no array, or a condition
#    with a second operator: answered as Magento does, warning.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect() { # WHAT GOT WANT
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1: got '$2', want '$3'"; fi
}
logged() { # WHAT PATTERN
  if grep -Eq "$2" "$T_TMP/daemon.log"; then t_ok "$1"; else t_bad "$1: no log line /$2/"; fi
}

# the access log on stderr (daemon.log): each request's line carries a note of
# what was not read, the same note its journal entry has
t_fresh access_log=stderr
t_cli demo > /dev/null || exit 1
t_start
V2="$T_URL/api/v2_soap/"
env_v2() { printf '%s' "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:Magento\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body>$1</SOAP-ENV:Body></SOAP-ENV:Envelope>"; }
soap() { env_v2 "$1" | curl -s -H 'Content-Type: text/xml; charset=utf-8' --data-binary @- "$V2"; }
fault() { tr -d '\n' | sed -n 's:.*<faultcode>\([^<]*\)</faultcode>.*<faultstring>\([^<]*\)</faultstring>.*:\1 \2:p'; }
incs() { grep -o '<increment_id[^>]*>[0-9]*' | sed 's/.*>//' | sort | tr '\n' ' '; }

sid=$(soap '<ns1:login><username>apiUser</username><apiKey>apiKey</apiKey></ns1:login>' \
  | sed -n 's:.*<loginReturn xsi\:type="xsd\:string">\([0-9a-f]*\)<.*:\1:p')
[ -n "$sid" ] && t_ok "V2 login" || t_bad "V2 login"

# node-soap: {filters: {complex_filter: [{key: 'state', value: {key: 'in', value: '3'}}]}}
one="<complex_filter><key>state</key><value><key>in</key><value>3</value></value></complex_filter>"
two="$one<complex_filter><key>order_id</key><value><key>eq</key><value>2</value></value></complex_filter>"
out=$(soap "<ns1:salesOrderInvoiceList><sessionId>$sid</sessionId><filters>$one</filters></ns1:salesOrderInvoiceList>" | fault)
case "$out" in "101 Invalid filter given. Details in error message. The filters could not be read in full: complex_filter entry 1 has no key."*"docs/clients.md"*)
  t_ok "node-soap shape, one entry: fault 101 saying what";; *) t_bad "node-soap one: $out";; esac
out=$(soap "<ns1:salesOrderInvoiceList><sessionId>$sid</sessionId><filters>$two</filters></ns1:salesOrderInvoiceList>" | fault)
case "$out" in "101 Invalid filter given."*"could not be read in full"*) t_ok "node-soap shape, two entries: fault 101";;
  *) t_bad "node-soap two: $out";; esac
logged "the refusal is logged with peer and what" \
  'warn: 127\.0\.0\.1:[0-9]+ /api/v2_soap/: list filters not read \(complex_filter entry 1 has no key; [0-9]+ parts?\): fault 101'
expect "a bad session still answers fault 5 first" \
  "$(soap "<ns1:salesOrderInvoiceList><sessionId>nope</sessionId><filters>$one</filters></ns1:salesOrderInvoiceList>" | fault)" \
  "5 Session expired. Try to relogin."
out=$(soap "<ns1:salesOrderInvoiceList><sessionId>$sid</sessionId><filters><complex_filter SOAP-ENC:arrayType=\"ns1:complexFilter[1]\"><item><key>state</key><value><key>in</key><value>3</value></value></item></complex_filter></filters></ns1:salesOrderInvoiceList>" | incs)
expect "the declared shape filters" "$out" "100000002 "
out=$(soap "<ns1:salesOrderInvoiceList><sessionId>$sid</sessionId><filters><filter SOAP-ENC:arrayType=\"ns1:associativeEntity[1]\"><item><key>state</key><value>2</value></item></filter></filters></ns1:salesOrderInvoiceList>" | incs)
expect "a simple filter in the declared shape" "$out" "200000006 "
out=$(soap "<ns1:salesOrderInvoiceList><sessionId>$sid</sessionId><filters><filter><key>state</key><value>2</value></filter></filters></ns1:salesOrderInvoiceList>" | fault)
case "$out" in "101 Invalid filter given."*"filter entry 1 has no key"*) t_ok "simple filter, plain shape: fault 101";;
  *) t_bad "simple plain: $out";; esac
out=$(soap "<ns1:salesOrderInvoiceList><sessionId>$sid</sessionId><filters><bogus>1</bogus></filters></ns1:salesOrderInvoiceList>" | fault)
case "$out" in "101 Invalid filter given."*"element &lt;bogus&gt; not read"*) t_ok "an unknown element in filters: fault 101 naming it";;
  *) t_bad "unknown element: $out";; esac
out=$(soap "<ns1:salesOrderInvoiceList><sessionId>$sid</sessionId></ns1:salesOrderInvoiceList>" | incs)
expect "no filters: every invoice" "$out" "100000001 100000002 100000013 100000016 200000006 "

# WS-I, document/literal
wsi() { printf '%s' "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:Magento\"><SOAP-ENV:Body>$1</SOAP-ENV:Body></SOAP-ENV:Envelope>" \
  | curl -s -H 'Content-Type: text/xml; charset=utf-8' --data-binary @- "$V2"; }
out=$(wsi "<ns1:salesOrderInvoiceListRequestParam><sessionId>$sid</sessionId><filters><complex_filter><key>state</key><value><key>in</key><value>3</value></value></complex_filter></filters></ns1:salesOrderInvoiceListRequestParam>" | fault)
case "$out" in "101 Invalid filter given."*"could not be read in full"*) t_ok "WS-I: node-soap's plain shape: fault 101";;
  *) t_bad "WS-I plain: $out";; esac
out=$(wsi "<ns1:salesOrderInvoiceListRequestParam><sessionId>$sid</sessionId><filters><complex_filter><complexObjectArray><key>state</key><value><key>in</key><value>3</value></value></complexObjectArray></complex_filter></filters></ns1:salesOrderInvoiceListRequestParam>" | incs)
expect "WS-I: the declared shape filters" "$out" "100000002 "

# another V2 call with an element it does not know: answered, logged
out=$(soap "<ns1:salesOrderInvoiceInfo><sessionId>$sid</sessionId><invoiceIncrementId>200000006</invoiceIncrementId><extra>1</extra></ns1:salesOrderInvoiceInfo>" | incs)
expect "info with an unknown element is answered" "$out" "200000006 "
logged "and the element is logged as not read" \
  'warn: 127\.0\.0\.1:[0-9]+ /api/v2_soap/: info request: 1 part not read, the first: element <extra> not read'

# REST: unknown body fields are ignored as Magento 2 does, and logged
tok=$(curl -s -H 'Content-Type: application/json' -d '{"username":"apiUser","password":"apiKey"}' \
  "$T_URL/rest/V1/integration/admin/token" | tr -d '"')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
  -d '{"capture": false, "notifyy": true, "items": [{"order_item_id": 16, "qty": 1, "qtty": 2}]}' \
  "$T_URL/rest/V1/order/6/invoice")
expect "REST with unknown fields is answered" "$code" 200
logged "and the unknown fields are logged" \
  'warn: 127\.0\.0\.1:[0-9]+ /rest/V1/order/6/invoice: REST invoice: 2 body fields not read \(ignored\), the first: "notifyy"'

# XML-RPC / V1 filters Magento ignores: answered as Magento does, logged
"$PY" - "$T_URL/api/xmlrpc/" > "$T_TMP/xr.out" <<'PY'
import sys, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
sid = s.login("apiUser", "apiKey")
print(len(s.call(sid, "sales_order_invoice.list", ["state=3"])))
print(len(s.call(sid, "sales_order_invoice.list", [{"state": {"eq": "3", "neq": "3"}}])))
PY
expect "XML-RPC: a filters string is ignored (all 6), a second operator too (1)" "$(tr '\n' ' ' < "$T_TMP/xr.out")" "6 1 "
logged "the ignored filters string is logged" \
  'warn: list from 127\.0\.0\.1:[0-9]+ \(user apiUser\): 1 filter part ignored, as Magento ignores them; the first: a filters argument that is no array'
logged "the ignored second operator is logged" \
  'warn: list from 127\.0\.0\.1:[0-9]+ \(user apiUser\): 1 filter part ignored, as Magento ignores them; the first: condition after the first "neq" of field "state"'
logged "the request's access log line carries the note (REST)" \
  'dialect=rest http=POST /rest/V1/order/6/invoice .* id=[0-9]+ note="2_body_fields_not_read_\(ignored\),_the_first:__notifyy_"'
logged "the request's access log line carries the note (XML-RPC filters)" \
  'dialect=xmlrpc .* id=[0-9]+ note="1_filter_part_ignored,_the_first:_a_filters_argument_that_is_no_array"'
logged "the request's access log line carries the note (V2 unknown element)" \
  'dialect=soap_v2 .*id=[0-9]+ note="1_part_not_read,_the_first:_element_<extra>_not_read"'
t_stop

t_summary
