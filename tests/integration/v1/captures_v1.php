<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// Runs every V1 case of tests/captures/README.md section 4 with PHP's
// SoapClient in WSDL mode against BASE/api/soap/?wsdl, as the recording
// client did, and prints {"v1-<case>": {"result": ...} | {"fault": {...}}}
// as JSON: the form of captures/v1-SUMMARY.json.
//
// usage: php captures_v1.php BASE_URL ORDERS_JSON
// ORDERS_JSON: the SUMMARY's "_orders" ({"A": {"increment_id", "item_id"}, ...})

ini_set('soap.wsdl_cache_enabled', '0');
[$_, $base, $ordersFile] = $argv;
$o = json_decode(file_get_contents($ordersFile), true);
$client = new SoapClient("$base/api/soap/?wsdl", ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1]);
$out = [];
$sid = null;

function run($name, callable $fn)
{
    global $out;
    try {
        $out["v1-$name"] = ['result' => $fn()];
    } catch (SoapFault $f) {
        $out["v1-$name"] = ['fault' => ['faultcode' => $f->faultcode,
            'faultstring' => $f->faultstring, 'detail' => $f->detail ?? null]];
    }
}

function c($path, $args)
{
    global $client, $sid;
    return $client->call($sid, $path, $args);
}

$A = $o['A']['increment_id'];
$B = $o['B']['increment_id'];
$C = $o['C']['increment_id'];
$D = $o['D']['increment_id'];
$inv = [];
$bad = 'deadbeefdeadbeefdeadbeefdeadbeef';

run('login-badkey', fn() => $client->login('oracle', 'wrong'));
run('login-ok', function () use (&$sid, $client) {
    return $sid = $client->login('oracle', 'oracle123');
});
run('create-ok', function () use (&$inv, $A) {
    return $inv['A'] = c('sales_order_invoice.create', [$A]);
});
run('create-again-fullyinvoiced', fn() => c('sales_order_invoice.create', [$A]));
run('create-partial', function () use (&$inv, $B, $o) {
    return $inv['B'] = c('sales_order_invoice.create',
        [$B, [(int)$o['B']['item_id'] => 2], 'partial invoice comment', true, true]);
});
run('create-overqty', fn() => c('sales_order_invoice.create', [$B, [(int)$o['B']['item_id'] => 10]]));
run('create-unknown-order', fn() => c('sales_order_invoice.create', ['999999999']));
run('info-ok', fn() => c('sales_order_invoice.info', [$inv['A']]));
run('info-partial', fn() => c('sales_order_invoice.info', [$inv['B']]));
run('info-unknown', fn() => c('sales_order_invoice.info', ['999999999']));
run('info-noargs', fn() => c('sales_order_invoice.info', []));
run('list-all', fn() => c('sales_order_invoice.list', []));
run('list-filter', fn() => c('sales_order_invoice.list', [['order_id' => (string)$o['B']['entity_id']]]));
run('list-filter-complex', fn() => c('sales_order_invoice.list',
    [['invoice_id' => ['in' => [1, 2]], 'state' => ['eq' => 2]]]));
run('list-filter-invalid', fn() => c('sales_order_invoice.list', [['nosuchfield' => 1]]));
run('addComment-ok', fn() => c('sales_order_invoice.addComment', [$inv['A'], 'hello from oracle', false, false]));
run('addComment-unknown', fn() => c('sales_order_invoice.addComment', ['999999999', 'x']));
run('info-aftercomment', fn() => c('sales_order_invoice.info', [$inv['A']]));
run('capture-paid', fn() => c('sales_order_invoice.capture', [$inv['A']]));
run('void-notvoidable', fn() => c('sales_order_invoice.void', [$inv['A']]));
run('cancel-paid', fn() => c('sales_order_invoice.cancel', [$inv['A']]));
run('capture-unknown', fn() => c('sales_order_invoice.capture', ['999999999']));
run('create-open', function () use (&$inv, $C, $o) {
    return $inv['C'] = c('sales_order_invoice.create', [$C, [(int)$o['C']['item_id'] => 2]]);
});
run('info-open', fn() => c('sales_order_invoice.info', [$inv['C']]));
run('capture-ok', fn() => c('sales_order_invoice.capture', [$inv['C']]));
run('capture-again', fn() => c('sales_order_invoice.capture', [$inv['C']]));
run('void-ok', fn() => c('sales_order_invoice.void', [$inv['C']]));
run('info-voided', fn() => c('sales_order_invoice.info', [$inv['C']]));
run('create-open2', function () use (&$inv, $D) {
    return $inv['D'] = c('sales_order_invoice.create', [$D]);
});
run('cancel-ok', fn() => c('sales_order_invoice.cancel', [$inv['D']]));
run('cancel-again', fn() => c('sales_order_invoice.cancel', [$inv['D']]));
run('info-canceled', fn() => c('sales_order_invoice.info', [$inv['D']]));
run('badpath', fn() => c('sales_order_invoice.nosuch', [$inv['A']]));
run('multiCall-ok', fn() => $client->multiCall($sid, [
    ['sales_order_invoice.info', [$inv['A']]],
    ['sales_order_invoice.list', [['order_id' => (string)$o['A']['entity_id']]]],
]));
run('multiCall-witherrors', fn() => $client->multiCall($sid, [
    ['sales_order_invoice.info', $inv['A']],
    ['sales_order_invoice.info', ['999999999']],
    ['sales_order_invoice.capture', [$inv['A']]],
    ['sales_order_invoice.nosuch', []],
    ['sales_order_invoice.info', [$inv['B']]],
]));
run('multiCall-break', fn() => $client->multiCall($sid, [
    ['sales_order_invoice.info', [$inv['A']]],
    ['sales_order_invoice.nosuch', []],
    ['sales_order_invoice.info', [$inv['B']]],
], ['break' => 1]));
run('badsession', fn() => $client->call($bad, 'sales_order_invoice.info', [$inv['A']]));
run('multiCall-badsession', fn() => $client->multiCall($bad, [['sales_order_invoice.info', [$inv['A']]]]));
run('endSession', fn() => $client->endSession($sid));
run('after-endSession', fn() => c('sales_order_invoice.info', [$inv['A']]));

echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
