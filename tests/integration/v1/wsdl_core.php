<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// The V1 core operations other than call/multiCall through PHP's SoapClient
// in WSDL mode (/api/soap/?wsdl): resources, globalFaults, resourceFaults
// (WSDL parts resourceName, sessionId; PHP calls it ($sid, $resource) and
// both sides bind by position), startSession, endSession.  Prints PASS:/FAIL:.
// usage: php wsdl_core.php BASE_URL
ini_set('soap.wsdl_cache_enabled', '0');
[$_, $base] = $argv;
$failed = false;
function ok(string $what, bool $cond, $detail = null): void
{
    global $failed;
    echo ($cond ? 'PASS' : 'FAIL') . ": WSDL mode: $what\n";
    if (!$cond) {
        $failed = true;
        echo '    ' . str_replace("\n", ' ', var_export($detail, true)) . "\n";
    }
}
$c = new SoapClient("$base/api/soap/?wsdl", ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1]);
$sid = $c->login('apiUser', 'apiKey');
$r = $c->resources($sid);
// Mage/Sales/etc/api.xml order: sales_order (6 methods), then sales_order_invoice
$m = $r[1]['methods'] ?? [];
ok('resources: the order resource first, its 6 methods',
    count($r) === 2 && $r[0]['title'] === 'Order API' && $r[0]['name'] === 'sales_order'
    && $r[0]['aliases'] === ['order'] && count($r[0]['methods']) === 6
    && $r[0]['methods'][3]['path'] === 'sales_order.hold'
    && $r[0]['methods'][3]['aliases'] === ['order.hold'], $r);
ok('resources: the invoice resource with title, null description, name, aliases',
    count($r) === 2 && $r[1]['title'] === 'Invoice API' && $r[1]['description'] === null
    && $r[1]['name'] === 'sales_order_invoice' && $r[1]['aliases'] === ['order_invoice'], $r);
ok('resources: its 7 methods with titles, paths and aliases', count($m) === 7
    && $m[3] === ['title' => 'Add new comment to shipment', 'description' => null,
        'path' => 'sales_order_invoice.addComment', 'name' => 'addComment',
        'aliases' => ['order_invoice.addComment']], $m);
$g = $c->globalFaults('anything');
ok('globalFaults needs no session and lists codes 0-6 as strings',
    array_column($g, 'code') === ['0', '1', '2', '3', '4', '5', '6']
    && $g[3]['message'] === 'Invalid api path.', $g);
$f = $c->resourceFaults($sid, 'sales_order_invoice');
ok('resourceFaults($sid, resource) lists 100-104',
    array_column($f, 'code') === ['100', '101', '102', '103', '104']
    && $f[4]['message'] === 'Invoice status not changed', $f);
try {
    $c->resourceFaults($sid, 'catalog_product');
    ok('resourceFaults of an unknown resource: fault 3', false, 'no fault');
} catch (SoapFault $e) {
    ok('resourceFaults of an unknown resource: fault 3', $e->faultcode === '3', $e->faultcode);
}
$fresh = $c->startSession();
ok('startSession returns a 32-hex id', is_string($fresh) && preg_match('/^[0-9a-f]{32}$/', $fresh) === 1, $fresh);
ok('endSession returns true', $c->endSession($sid) === true);
try {
    $c->resources($sid);
    ok('resources after endSession: fault 5', false, 'no fault');
} catch (SoapFault $e) {
    ok('resources after endSession: fault 5', $e->faultcode === '5', $e->faultcode);
}
exit($failed ? 1 : 0);
