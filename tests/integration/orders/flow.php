<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// The connector flow through PHP's SoapClient in one dialect (v1, v2, wsi):
// list orders updated since a date -> info -> partial invoice of the item ids
// info gave -> capture -> addComment with a new status -> info shows it.
// usage: php flow.php BASE_URL v1|v2|wsi ORDER_INC   (prints PASS:/FAIL: lines)
ini_set('soap.wsdl_cache_enabled', '0');
[$_, $base, $d, $inc] = $argv;
function ok($what, $cond, $detail = '') { global $d; echo ($cond ? 'PASS: ' : 'FAIL: ') . "$d: $what" . ($cond ? '' : "  [$detail]") . "\n"; }
// WS-I arrays come as {complexObjectArray: one-or-list}
function arr($v) { if ($v === null) return []; if (is_object($v) && isset($v->complexObjectArray)) $v = $v->complexObjectArray; return is_array($v) ? $v : [$v]; }
function g($o, $k) { return is_array($o) ? ($o[$k] ?? null) : ($o->$k ?? null); }
try {
    $since = '2000-01-01 00:00:00';
    if ($d === 'v1') {
        $c = new SoapClient("$base/api/soap/?wsdl", ['cache_wsdl' => WSDL_CACHE_NONE]);
        $s = $c->login('apiUser', 'apiKey');
        $list = $c->call($s, 'sales_order.list', [['updated_at' => ['from' => $since], 'increment_id' => $inc]]);
        $info = fn() => $c->call($s, 'sales_order.info', $inc);
    } elseif ($d === 'v2') {
        $c = new SoapClient("$base/api/v2_soap/?wsdl&wsi=0", ['cache_wsdl' => WSDL_CACHE_NONE]);
        $s = $c->login('apiUser', 'apiKey');
        $list = $c->salesOrderList($s, ['complex_filter' => [
            ['key' => 'updated_at', 'value' => ['key' => 'from', 'value' => $since]],
            ['key' => 'increment_id', 'value' => ['key' => 'eq', 'value' => $inc]]]]);
        $info = fn() => $c->salesOrderInfo($s, $inc);
    } else {
        $c = new SoapClient("$base/api/v2_soap/?wsdl&wsi=1", ['cache_wsdl' => WSDL_CACHE_NONE]);
        $s = $c->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey'])->result;
        $list = arr($c->salesOrderList((object)['sessionId' => $s, 'filters' => (object)['complex_filter' => (object)['complexObjectArray' => [
            (object)['key' => 'updated_at', 'value' => (object)['key' => 'from', 'value' => $since]],
            (object)['key' => 'increment_id', 'value' => (object)['key' => 'eq', 'value' => $inc]]]]]])->result);
        $info = fn() => $c->salesOrderInfo((object)['sessionId' => $s, 'orderIncrementId' => $inc])->result;
    }
    ok('list finds the order updated since a date', count($list) === 1 && g($list[0], 'increment_id') === $inc, json_encode($list));
    $o = $info();
    $items = arr(g($o, 'items'));
    ok('info: two items with ids', count($items) === 2 && (int)g($items[0], 'item_id') > 0, json_encode($items));
    ok('info: billing address with company, payment card fields',
       g(g($o, 'billing_address'), 'company') === 'Acme GmbH' && g(g($o, 'payment'), 'cc_last4') === '1111'
       && g(g($o, 'payment'), 'method') === 'authorizenet', json_encode([g($o, 'billing_address'), g($o, 'payment')]));
    ok('info: customer fields', g($o, 'customer_email') === "erp" . (7000 + (int)substr($inc, -2)) . "@example.com"
       && (string)g($o, 'customer_is_guest') === '0' && (string)g($o, 'customer_group_id') === '1', json_encode($o));
    ok('info: imported status history, newest first', count(arr(g($o, 'status_history'))) === 2
       && g(arr(g($o, 'status_history'))[0], 'comment') === 'Authorized', json_encode(g($o, 'status_history')));
    $item = (int)g($items[0], 'item_id');
    if ($d === 'v1') $inv = $c->call($s, 'sales_order_invoice.create', [$inc, [$item => 2]]);
    elseif ($d === 'v2') $inv = $c->salesOrderInvoiceCreate($s, $inc, [['order_item_id' => $item, 'qty' => 2]]);
    else $inv = $c->salesOrderInvoiceCreate((object)['sessionId' => $s, 'invoiceIncrementId' => $inc,
            'itemsQty' => (object)['complexObjectArray' => [(object)['order_item_id' => $item, 'qty' => 2]]]])->result;
    ok('partial invoice of an item id info gave', is_string($inv) && $inv !== '', var_export($inv, true));
    if ($d === 'v1') $cap = $c->call($s, 'sales_order_invoice.capture', $inv);
    elseif ($d === 'v2') $cap = $c->salesOrderInvoiceCapture($s, $inv);
    else $cap = $c->salesOrderInvoiceCapture((object)['sessionId' => $s, 'invoiceIncrementId' => $inv])->result;
    ok('capture', $cap == true, var_export($cap, true));
    if ($d === 'v1') $r = $c->call($s, 'sales_order.addComment', [$inc, 'erp_partial', 'ERP: 2 widgets invoiced', true]);
    elseif ($d === 'v2') $r = $c->salesOrderAddComment($s, $inc, 'erp_partial', 'ERP: 2 widgets invoiced', '1');
    else $r = $c->salesOrderAddComment((object)['sessionId' => $s, 'orderIncrementId' => $inc, 'status' => 'erp_partial',
            'comment' => 'ERP: 2 widgets invoiced', 'notify' => 1])->result;
    ok('addComment with a new status', $r == true, var_export($r, true));
    $o = $info();
    $h = arr(g($o, 'status_history'));
    ok('info shows the new status and the comment first in the history', g($o, 'status') === 'erp_partial'
       && g($h[0], 'status') === 'erp_partial' && g($h[0], 'comment') === 'ERP: 2 widgets invoiced'
       && (string)g($h[0], 'is_customer_notified') === '1', json_encode([g($o, 'status'), $h[0] ?? null]));
    $items = arr(g($o, 'items'));
    ok('info shows qty_invoiced and the invoiced/paid totals', g($items[0], 'qty_invoiced') === '2.0000'
       && g($items[1], 'qty_invoiced') === '0.0000' && g($o, 'total_paid') === g($o, 'total_invoiced')
       && (float)g($o, 'total_invoiced') > 40, json_encode([$items, g($o, 'total_invoiced'), g($o, 'total_paid')]));
} catch (Throwable $e) {
    echo "FAIL: $d: " . get_class($e) . ' ' . $e->getMessage() . "\n";
}
