#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Proves the HTTP/SOAP edges of /api/v2_soap/ with raw HTTP: SOAP 1.2 (raw and PHP SoapClient), V2 itemsQty entries lacking fields skipped, unqualified and urn:OpenMage requests, unknown operations, malformed XML, DOCTYPE, body/depth caps, stalled clients cut off, Expect: 100-continue, keep-alive, WSDL serving (paths, soap:address, wsi, profile, public_url, ETag/304), session expiry and endSession, bad keys and ACL; HTTP framing on libmicrohttpd (NUL/control bytes in headers, signed/duplicate Content-Length, Content-Length with Transfer-Encoding, 4 MB in 1-byte chunks, a header-like body, 2,000 idle connections).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

setup() { # config KEY=VALUE...
  t_fresh "$@"
  "$PY" "$here/py/make_orders.py" "$T_TMP/orders.json" 100000501:checkmo:2 100000502:gw:1 \
    100000503:checkmo:2 100000504:checkmo:2 100000505:checkmo:2 100000506:checkmo:2
  t_cli import "$T_TMP/orders.json" > /dev/null || t_bad "import"
  t_cli role add --name readonly --resources sales/order/invoice/info > /dev/null || t_bad "role add"
  t_cli user add --username edge --api-key edgekey123 > /dev/null || t_bad "user add edge"
  t_cli user add --username ro --api-key rokey123 --role readonly > /dev/null || t_bad "user add ro"
  t_start
}
section() { # NAME
  echo "== $1"
  MD_DAEMON_PID=$T_PID timeout 120 "$PY" "$here/py/http_edges.py" "$T_PORT" "$1" > "$T_TMP/out" 2>&1
  local rc=$?
  t_tally "$T_TMP/out"
  if [ $rc != 0 ] && [ "$(grep -c '^FAIL' "$T_TMP/out")" = 0 ]; then t_bad "$1: the test client exited $rc"; fi
  t_alive && t_ok "$1: daemon still running" || t_bad "$1: daemon died: $(tail -5 "$T_TMP/daemon.log")"
}

setup max_body_bytes=65536 max_xml_depth=32 recv_timeout_ms=1000 request_timeout_ms=3000
section main
echo "== PHP SoapClient in SOAP 1.2"
php -d soap.wsdl_cache_enabled=0 "$here/php/soap12.php" "$T_URL" edge edgekey123 > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
grep -q '^PASS\|^FAIL' "$T_TMP/out" || t_bad "soap12.php printed no result"
echo "== SOAP 1.2 V1 answers against PHP's SoapServer (SOAP_1_2, WSDL-less)"
setup
php -d soap.wsdl_cache_enabled=0 "$here/php/soap12_shape.php" "$T_URL" edge edgekey123 100000501 > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
grep -q 'same envelope as PHP' "$T_TMP/out" || t_bad "soap12_shape.php compared nothing"
setup wsi_compliance=on
section wsi_default
setup profile=openmage
section openmage
setup public_url=https://shop.example.com
section public_url
setup session_timeout=2
section session_expiry
setup max_body_bytes=8388608 recv_timeout_ms=10000
section http
t_stop && t_ok "daemon exits 0 on SIGTERM" || t_bad "daemon exit status on SIGTERM"
t_summary
