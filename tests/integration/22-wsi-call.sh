#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Proves the WS-I `call` and `multiCall` operations (docs/wsi-call.md) work: PHP SoapClient in WSDL mode on the daemon's WS-I WSDL (info, sales_order.info, create, faults 100/3/5/104, multiCall with a fault entry and with break) and the literal wire forms a hand-written client sends (plain text, complexObjectArray list, key/value map, xsi:typed values), each answered with <result> typed as V1's callReturn.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# (not `php -m | grep -q`: under pipefail, grep quitting early fails the pipe)
if ! php -r 'exit(extension_loaded("soap") ? 0 : 1);' 2>/dev/null; then
  echo "SKIP: php-cli with the soap extension not installed"; exit 77
fi
t_config
t_cli demo > "$T_TMP/demo.log" 2>&1 || { t_bad "magesoapd demo: $(cat "$T_TMP/demo.log")"; t_summary; exit 1; }
t_start

# ---- PHP SoapClient (WSDL mode)
php -d soap.wsdl_cache_enabled=0 -d display_errors=stderr "$here/php/wsi_call.php" "$T_URL" > "$T_TMP/out" 2>&1
rc=$?
t_tally "$T_TMP/out"
[ $rc = 0 ] || [ "$T_FAIL" -gt 0 ] || t_bad "PHP client exited $rc"

# ---- the literal forms, by hand (curl)
ENV_OPEN='<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body>'
ENV_CLOSE='</SOAP-ENV:Body></SOAP-ENV:Envelope>'
post() { # BODY_INNER -> response on stdout, HTTP status in $T_TMP/status
  curl -s -o "$T_TMP/resp" -w '%{http_code}' -H 'Content-Type: text/xml; charset=utf-8' -H 'SOAPAction: ""' \
    --data-binary "$ENV_OPEN$1$ENV_CLOSE" "$T_URL/api/v2_soap/?wsi=1" > "$T_TMP/status"
  cat "$T_TMP/resp"
}
has() { # WHAT NEEDLE FILE
  if grep -qF -- "$2" "$3"; then t_ok "$1"; else t_bad "$1: no '$2' in: $(head -c 1500 "$3")"; fi
}
sid=$(post '<ns1:loginParam><username>apiUser</username><apiKey>apiKey</apiKey></ns1:loginParam>' |
      sed -n 's|.*<result>\([0-9a-f]\{32\}\)</result>.*|\1|p')
[ -n "$sid" ] && t_ok "raw login" || t_bad "raw login: $(cat "$T_TMP/resp")"

call() { # ARGS_XML
  post "<ns1:callParam><sessionId>$sid</sessionId><apiPath>$1</apiPath>$2</ns1:callParam>" > /dev/null
}
INFO='<item><key xsi:type="xsd:string">increment_id</key><value xsi:type="xsd:string">200000006</value></item>'
call sales_order_invoice.info '<args>200000006</args>'
has "call, <args> with text = one argument" "$INFO" "$T_TMP/resp"
has "call: the answer opens <ns1:callResponseParam><result xsi:type=\"ns2:Map\">" \
    '<ns1:callResponseParam><result xsi:type="ns2:Map"><item>' "$T_TMP/resp"
[ "$(cat "$T_TMP/status")" = 200 ] && t_ok "call: HTTP 200" || t_bad "call: HTTP $(cat "$T_TMP/status")"
call sales_order_invoice.info '<args><complexObjectArray>200000006</complexObjectArray></args>'
has "call, <args> of <complexObjectArray> = a list" "$INFO" "$T_TMP/resp"
call sales_order_invoice.info '<args><complexObjectArray><key>invoiceIncrementId</key><value>200000006</value></complexObjectArray></args>'
has "call, <args> of key/value <complexObjectArray> = a map" "$INFO" "$T_TMP/resp"
call sales_order_invoice.info '<args xsi:type="xsd:string">200000006</args>'
has "call, xsi:typed scalar" "$INFO" "$T_TMP/resp"
call sales_order_invoice.info '<args><item xsi:type="xsd:string">100000099</item></args>'
has "call, unknown invoice: fault 100" '<faultcode>100</faultcode>
<faultstring>Requested invoice does not exist.</faultstring>' "$T_TMP/resp"
[ "$(cat "$T_TMP/status")" = 200 ] && t_ok "call fault: HTTP 200" || t_bad "call fault: HTTP $(cat "$T_TMP/status")"
call sales_order_invoice.info '<args xsi:nil="true"/>'
has "call, nil args (info(NULL)): fault 100" '<faultcode>100</faultcode>' "$T_TMP/resp"
call sales_order_invoice.nope '<args>1</args>'
has "call, unknown method: fault 3" '<faultcode>3</faultcode>
<faultstring>Invalid api path.</faultstring>' "$T_TMP/resp"
# the create example of docs/wsi-call.md (order 200000008: item 16, 5 ordered, 2 invoiced by PHP)
call sales_order_invoice.create '<args><complexObjectArray>200000008</complexObjectArray><complexObjectArray><complexObjectArray><key>16</key><value>1</value></complexObjectArray></complexObjectArray><complexObjectArray>invoiced over WS-I</complexObjectArray></args>'
has "call create, the documented literal form" '<ns1:callResponseParam><result xsi:type="xsd:string">200000008</result>' "$T_TMP/resp"
call sales_order_invoice.info '<args>200000008</args>'
has "call create: qty 1 of item 16" '<item><key xsi:type="xsd:string">qty</key><value xsi:type="xsd:string">1.0000</value></item>' "$T_TMP/resp"
has "call create: the comment" '<value xsi:type="xsd:string">invoiced over WS-I</value>' "$T_TMP/resp"
call sales_order_invoice.list ''
has "call list without args: a SOAP-ENC:Array of the 7 invoices (5 demo + 2 created)" '<ns1:callResponseParam><result SOAP-ENC:arrayType="ns2:Map[7]" xsi:type="SOAP-ENC:Array">' "$T_TMP/resp"

post "<ns1:multiCallParam><sessionId>$sid</sessionId><calls><complexObjectArray><complexObjectArray>sales_order_invoice.info</complexObjectArray><complexObjectArray>200000006</complexObjectArray></complexObjectArray><complexObjectArray><complexObjectArray>sales_order_invoice.info</complexObjectArray><complexObjectArray>100000099</complexObjectArray></complexObjectArray><complexObjectArray><complexObjectArray>sales_order.info</complexObjectArray><complexObjectArray>200000002</complexObjectArray></complexObjectArray></calls><options><complexObjectArray><key>break</key><value>0</value></complexObjectArray></options></ns1:multiCallParam>" > /dev/null
has "multiCall, literal lists: three answers" '<ns1:multiCallResponseParam><result SOAP-ENC:arrayType="ns2:Map[3]" xsi:type="SOAP-ENC:Array">' "$T_TMP/resp"
has "multiCall: the fault entry in place" '<item xsi:type="ns2:Map"><item><key xsi:type="xsd:string">isFault</key><value xsi:type="xsd:boolean">true</value></item><item><key xsi:type="xsd:string">faultCode</key><value xsi:type="xsd:string">100</value></item><item><key xsi:type="xsd:string">faultMessage</key><value xsi:type="xsd:string">Requested invoice does not exist.</value></item></item>' "$T_TMP/resp"
post "<ns1:multiCallParam><sessionId>$sid</sessionId><calls><complexObjectArray><complexObjectArray>x</complexObjectArray></complexObjectArray><complexObjectArray><complexObjectArray>sales_order.info</complexObjectArray><complexObjectArray>200000002</complexObjectArray></complexObjectArray></calls><options><complexObjectArray><key>break</key><value>1</value></complexObjectArray></options></ns1:multiCallParam>" > /dev/null
has "multiCall, break=1: only the fault" '<result SOAP-ENC:arrayType="ns2:Map[1]" xsi:type="SOAP-ENC:Array"><item xsi:type="ns2:Map"><item><key xsi:type="xsd:string">isFault</key>' "$T_TMP/resp"

# the multiCall size limit applies as on V1
t_fresh max_multicall_calls=2
t_cli demo > "$T_TMP/demo.log" 2>&1
t_start
sid=$(post '<ns1:loginParam><username>apiUser</username><apiKey>apiKey</apiKey></ns1:loginParam>' |
      sed -n 's|.*<result>\([0-9a-f]\{32\}\)</result>.*|\1|p')
c='<complexObjectArray><complexObjectArray>sales_order.info</complexObjectArray><complexObjectArray>200000002</complexObjectArray></complexObjectArray>'
post "<ns1:multiCallParam><sessionId>$sid</sessionId><calls>$c$c$c</calls><options/></ns1:multiCallParam>" > /dev/null
has "multiCall over max_multicall_calls: refused" 'at most 2 are allowed (max_multicall_calls)' "$T_TMP/resp"
post "<ns1:multiCallParam><sessionId>$sid</sessionId><calls>$c$c</calls><options/></ns1:multiCallParam>" > /dev/null
has "multiCall at max_multicall_calls: runs" 'SOAP-ENC:arrayType="ns2:Map[2]"' "$T_TMP/resp"

t_alive && t_ok "daemon still running" || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_stop && t_ok "daemon exits 0 on SIGTERM" || t_bad "daemon exit status on SIGTERM"
t_summary
