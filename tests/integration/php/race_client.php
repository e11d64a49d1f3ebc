<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// One contender of a race: builds its SoapClient (V2 or WS-I) and logs in,
// then waits for the shared start instant and makes ONE call.  Prints one
// JSON line: {"ok": result, "late": bool} or {"fault": [code, message], ...}.
//
// usage: php race_client.php BASE_URL v2|wsi OP ARG START_MS USER KEY
//   OP = create-full (ARG = order increment id), create-one (ARG = order
//        increment id:order item id, qty 1), capture / cancel / void (ARG =
//        invoice increment id)
ini_set('soap.wsdl_cache_enabled', '0');
[$_, $base, $mode, $op, $arg, $startMs, $user, $key] = $argv;
$wsi = $mode === 'wsi';
$out = ['mode' => $mode, 'op' => $op];
try {
    $c = new SoapClient("$base/api/v2_soap/?wsdl&wsi=" . ($wsi ? 1 : 0), ['cache_wsdl' => WSDL_CACHE_NONE]);
    $sid = $wsi ? $c->login((object)['username' => $user, 'apiKey' => $key])->result : $c->login($user, $key);
} catch (Throwable $e) {
    echo json_encode(['setup_error' => get_class($e) . ': ' . $e->getMessage()] + $out) . "\n";
    exit(1);
}
$now = microtime(true);
$out['late'] = $now * 1000 > (float)$startMs;
if (!$out['late']) {
    time_sleep_until((float)$startMs / 1000);
}
try {
    switch ($op) {
        case 'create-full':
            $r = $wsi ? $c->salesOrderInvoiceCreate((object)['sessionId' => $sid, 'invoiceIncrementId' => $arg, 'itemsQty' => []])->result
                      : $c->salesOrderInvoiceCreate($sid, $arg, [], null, null, null);
            break;
        case 'create-one':
            [$order, $item] = explode(':', $arg);
            $q = ['order_item_id' => (int)$item, 'qty' => 1];
            $r = $wsi ? $c->salesOrderInvoiceCreate((object)['sessionId' => $sid, 'invoiceIncrementId' => $order,
                        'itemsQty' => ['complexObjectArray' => [$q]]])->result
                      : $c->salesOrderInvoiceCreate($sid, $order, [$q], null, null, null);
            break;
        case 'capture':
        case 'cancel':
        case 'void':
            $m = 'salesOrderInvoice' . ucfirst($op);
            $r = $wsi ? $c->$m((object)['sessionId' => $sid, 'invoiceIncrementId' => $arg])->result : $c->$m($sid, $arg);
            break;
        default:
            throw new InvalidArgumentException("unknown op $op");
    }
    $out['ok'] = $r;
} catch (SoapFault $f) {
    $out['fault'] = [$f->faultcode, $f->faultstring];
} catch (Throwable $e) {
    $out['error'] = get_class($e) . ': ' . $e->getMessage();
}
$out['t_ms'] = round(microtime(true) * 1000 - (float)$startMs, 1);
echo json_encode($out) . "\n";
