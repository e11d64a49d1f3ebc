#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# OpenMage's insta-login (Handler_Abstract::_instaLogin): with profile
# openmage a NULL session id plus HTTP Basic credentials logs in on the fly
# (JSON-RPC null, SOAP V1 and V2 xsi:nil through PHP's SoapClient with
# login/password); wrong credentials answer login's fault 2, no credentials
# fault 5; an empty session id is not NULL; profile magento1 ignores Basic.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

jr() { curl -s "$@" -H 'Content-Type: application/json' \
  --data '{"jsonrpc":"2.0","id":1,"method":"call","params":[null,"sales_order.info",["100000003"]]}' \
  "$T_URL/api/jsonrpc/"; }
expect() { case $2 in *"$3"*) t_ok "$1" ;; *) t_bad "$1: ${2:0:300}" ;; esac; }

t_fresh profile=openmage
t_start --demo
expect "openmage: JSON-RPC null session + Basic logs in" "$(jr -u apiUser:apiKey)" '"increment_id":"100000003"'
expect "openmage: wrong Basic password: fault 2" "$(jr -u apiUser:wrong)" '"code":2,"message":"Access denied."'
expect "openmage: no credentials: fault 5" "$(jr)" '"code":5,"message":"Session expired. Try to relogin."'
cat > "$T_TMP/insta.php" <<'PHP'
<?php
$base = $argv[1];
$o = ['login' => 'apiUser', 'password' => 'apiKey', 'cache_wsdl' => WSDL_CACHE_NONE];
$c = new SoapClient("$base/api/soap/?wsdl", $o);
$r = $c->call(null, 'sales_order.info', '100000003');
echo ($r['increment_id'] === '100000003' ? 'PASS' : 'FAIL') . ": V1 call with a NULL session id\n";
$r = $c->resources(null);
echo (count($r) === 2 ? 'PASS' : 'FAIL') . ": V1 resources with a NULL session id\n";
$v2 = new SoapClient("$base/api/v2_soap/?wsdl&wsi=0", $o);
$r = $v2->salesOrderInfo(null, '100000003');
echo ($r->increment_id === '100000003' ? 'PASS' : 'FAIL') . ": V2 salesOrderInfo with a NULL session id\n";
try {
    $c->call('', 'sales_order.info', '100000003');
    echo "FAIL: an empty session id is not NULL\n";
} catch (SoapFault $e) {
    echo ($e->faultcode === '5' ? 'PASS' : 'FAIL') . ": an empty session id is not NULL (fault {$e->faultcode})\n";
}
PHP
php "$T_TMP/insta.php" "$T_URL" > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"

t_fresh profile=magento1
t_start --demo
expect "magento1: Basic credentials are ignored (fault 5)" "$(jr -u apiUser:apiKey)" '"code":5,"message":"Session expired. Try to relogin."'
t_summary
