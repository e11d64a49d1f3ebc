<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// Runs the recorded cases of tests/captures/README.md section 4 with PHP's
// SoapClient in WSDL mode (the reference client), in V2 (rpc/encoded) or WS-I
// (document/literal) mode, and prints {"<mode>-<case>": {"result": ...} or
// {"fault": {...}}} as JSON: the same form as captures/<mode>-SUMMARY.json.
//
// usage: php captures_cases.php BASE_URL v2|wsi ORDERS_JSON
// ORDERS_JSON: {"A": {"increment_id", "entity_id", "item_id"}, "B": ..., ...}

ini_set('soap.wsdl_cache_enabled', '0');
[$_, $base, $mode, $ordersFile] = $argv;
$o = json_decode(file_get_contents($ordersFile), true);
$wsi = $mode === 'wsi';
$client = new SoapClient("$base/api/v2_soap/?wsdl&wsi=" . ($wsi ? 1 : 0),
    ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1, 'exceptions' => true]);
$out = [];
$sid = null;

function run($name, callable $fn) {
    global $out, $mode;
    try {
        $out["$mode-$name"] = ['result' => $fn()];
    } catch (SoapFault $f) {
        $out["$mode-$name"] = ['fault' => ['faultcode' => $f->faultcode,
            'faultstring' => $f->faultstring, 'detail' => $f->detail ?? null]];
    }
}

// One call in either style: V2 passes positional arguments, WS-I one object
// with the named children.
function call($op, array $named) {
    global $client, $wsi;
    if ($wsi) {
        $named = array_filter($named, fn($v) => $v !== null);
        return $client->$op((object)$named);
    }
    return $client->__soapCall($op, array_values($named));
}

function qty($item, $n) {
    global $wsi;
    $e = ['order_item_id' => $item, 'qty' => $n];
    return $wsi ? ['complexObjectArray' => [$e]] : [$e];
}

function filters($simple, $complex) {
    global $wsi;
    $f = [];
    if ($simple !== null) $f['filter'] = $wsi ? ['complexObjectArray' => $simple] : $simple;
    if ($complex !== null) $f['complex_filter'] = $wsi ? ['complexObjectArray' => $complex] : $complex;
    return $f;
}

$inv = [];
$rid = fn($r) => $GLOBALS['wsi'] ? $r->result : $r;

run('login-badkey', fn() => call('login', ['username' => 'oracle', 'apiKey' => 'wrong']));
run('login-ok', function () use (&$sid) {
    $r = call('login', ['username' => 'oracle', 'apiKey' => 'oracle123']);
    $sid = $GLOBALS['wsi'] ? $r->result : $r;
    return $r;
});
$create = function ($order, $items = null, $comment = null, $email = null, $incl = null) use (&$sid) {
    global $wsi;
    $args = ['sessionId' => $sid, 'invoiceIncrementId' => $order,
             'itemsQty' => $items, 'comment' => $comment, 'email' => $email,
             'includeComment' => $incl];
    if ($wsi && $items === null) $args['itemsQty'] = [];
    return call('salesOrderInvoiceCreate', $args);
};
run('create-ok', function () use ($create, $o, &$inv, $rid) {
    $r = $create($o['A']['increment_id']); $inv['A'] = $rid($r); return $r; });
run('create-again-fullyinvoiced', fn() => $create($o['A']['increment_id']));
run('create-partial', function () use ($create, $o, &$inv, $rid) {
    $r = $create($o['B']['increment_id'], qty((int)$o['B']['item_id'], 2),
        'partial invoice comment', '1', '1');
    $inv['B'] = $rid($r); return $r; });
run('create-overqty', fn() => $create($o['B']['increment_id'], qty((int)$o['B']['item_id'], 10)));
run('create-unknown-order', fn() => $create('999999999'));
$info = fn($id) => call('salesOrderInvoiceInfo', ['sessionId' => $sid, 'invoiceIncrementId' => $id]);
run('info-ok', fn() => $info($inv['A']));
run('info-partial', fn() => $info($inv['B']));
run('info-unknown', fn() => $info('999999999'));
$list = fn($filters) => call('salesOrderInvoiceList', ['sessionId' => $sid, 'filters' => $filters]);
run('list-all', fn() => $list(null));
run('list-filter', fn() => $list(filters([['key' => 'order_id', 'value' => $o['B']['entity_id']]], null)));
run('list-filter-complex', fn() => $list(filters(null, [
    ['key' => 'invoice_id', 'value' => ['key' => 'in', 'value' => '1,2']],
    ['key' => 'state', 'value' => ['key' => 'eq', 'value' => '2']]])));
run('list-filter-invalid', fn() => $list(filters([['key' => 'nosuchfield', 'value' => '1']], null)));
$comment = fn($id, $text, $email = null, $incl = null) => call('salesOrderInvoiceAddComment',
    ['sessionId' => $sid, 'invoiceIncrementId' => $id, 'comment' => $text, 'email' => $email,
     'includeComment' => $incl]);
run('addComment-ok', fn() => $comment($inv['A'], 'hello from oracle', '0', '0'));
run('addComment-unknown', fn() => $comment('999999999', 'x'));
run('info-aftercomment', fn() => $info($inv['A']));
$act = fn($op, $id) => call("salesOrderInvoice$op", ['sessionId' => $sid, 'invoiceIncrementId' => $id]);
run('capture-paid', fn() => $act('Capture', $inv['A']));
run('void-notvoidable', fn() => $act('Void', $inv['A']));
run('cancel-paid', fn() => $act('Cancel', $inv['A']));
run('capture-unknown', fn() => $act('Capture', '999999999'));
run('create-open', function () use ($create, $o, &$inv, $rid) {
    $r = $create($o['C']['increment_id'], qty((int)$o['C']['item_id'], 2)); $inv['C'] = $rid($r); return $r; });
run('info-open', fn() => $info($inv['C']));
run('capture-ok', fn() => $act('Capture', $inv['C']));
run('capture-again', fn() => $act('Capture', $inv['C']));
run('void-ok', fn() => $act('Void', $inv['C']));
run('info-voided', fn() => $info($inv['C']));
run('create-open2', function () use ($create, $o, &$inv, $rid) {
    $r = $create($o['D']['increment_id']); $inv['D'] = $rid($r); return $r; });
run('cancel-ok', fn() => $act('Cancel', $inv['D']));
run('cancel-again', fn() => $act('Cancel', $inv['D']));
run('info-canceled', fn() => $info($inv['D']));
run('badsession', fn() => call('salesOrderInvoiceInfo',
    ['sessionId' => 'deadbeefdeadbeefdeadbeefdeadbeef', 'invoiceIncrementId' => $inv['A']]));
run('endSession', fn() => call('endSession', ['sessionId' => $sid]));
run('after-endSession', fn() => $info($inv['A']));

echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
