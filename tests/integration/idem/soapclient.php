<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// PHP SoapClient sending an Idempotency-Key header through stream_context
// (V2, WS-I, V1 call): a retried partial create answers the same invoice,
// the same key with other arguments is a SOAP-ENV:Client fault, a retried
// capture answers true again instead of fault 104.
// argv: BASE USER KEY ORDER_V2 ITEM_V2 ORDER_WSI ITEM_WSI ORDER_V1 ITEM_V1 GATEWAY_ORDER GATEWAY_ITEM
[$_, $base, $user, $key, $o2, $i2, $ow, $iw, $o1, $i1, $og, $ig] = $argv;
function check($what, $ok, $detail = '') {
    echo ($ok ? 'PASS: ' : 'FAIL: '), $what, $ok ? '' : ' -- ' . var_export($detail, true), "\n";
}
function client($wsdl, $idem) {
    $opts = ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1, 'exceptions' => true];
    if ($idem !== null)
        $opts['stream_context'] = stream_context_create(['http' => ['header' => "Idempotency-Key: $idem"]]);
    return new SoapClient($wsdl, $opts);
}
$v2 = "$base/api/v2_soap/?wsdl&wsi=0";
$wsi = "$base/api/v2_soap/?wsdl&wsi=1";
$v1 = "$base/api/soap/?wsdl";

// V2
$sid = client($v2, null)->login($user, $key);
$items = [['order_item_id' => $i2, 'qty' => 1]];
$a = client($v2, 'php-v2-1')->salesOrderInvoiceCreate($sid, $o2, $items);
$b = client($v2, 'php-v2-1')->salesOrderInvoiceCreate($sid, $o2, $items);
check("V2: retry with the same key answers the same invoice $a", $a === $b, [$a, $b]);
try {
    client($v2, 'php-v2-1')->salesOrderInvoiceCreate($sid, $o2, [['order_item_id' => $i2, 'qty' => 3]]);
    check('V2: same key, other itemsQty refused', false, 'no fault');
} catch (SoapFault $e) {
    check('V2: same key, other itemsQty is a SOAP-ENV:Client fault',
          $e->faultcode === 'SOAP-ENV:Client' && strpos($e->getMessage(), 'php-v2-1') !== false,
          [$e->faultcode, $e->getMessage()]);
}
echo "V2_INVOICE=$a\n";

// WS-I
$c = client($wsi, null);
$wsid = $c->login((object)['username' => $user, 'apiKey' => $key])->result;
$req = (object)['sessionId' => $wsid, 'invoiceIncrementId' => $ow,
                'itemsQty' => (object)['complexObjectArray' => [(object)['order_item_id' => $iw, 'qty' => 1]]]];
$a = client($wsi, 'php-wsi-1')->salesOrderInvoiceCreate($req)->result;
$b = client($wsi, 'php-wsi-1')->salesOrderInvoiceCreate($req)->result;
check("WS-I: retry with the same key answers the same invoice $a", $a === $b, [$a, $b]);
echo "WSI_INVOICE=$a\n";

// V1 call
$sid1 = client($v1, null)->login($user, $key);
$a = client($v1, 'php-v1-1')->call($sid1, 'sales_order_invoice.create', [$o1, [$i1 => 1]]);
$b = client($v1, 'php-v1-1')->call($sid1, 'sales_order_invoice.create', [$o1, [$i1 => 1]]);
check("V1 call: retry with the same key answers the same invoice $a", $a === $b, [$a, $b]);
echo "V1_INVOICE=$a\n";

// capture retried: the first answer (true), not fault 104 "Invoice status not changed"
$g = client($v2, null)->salesOrderInvoiceCreate($sid, $og, [['order_item_id' => $ig, 'qty' => 1]]);
$r1 = client($v2, 'php-cap-1')->salesOrderInvoiceCapture($sid, $g);
$r2 = client($v2, 'php-cap-1')->salesOrderInvoiceCapture($sid, $g);
check('V2 capture retried with its key answers true again', $r1 === true && $r2 === true, [$r1, $r2]);
try {
    client($v2, null)->salesOrderInvoiceCapture($sid, $g);
    check('V2 capture without a key on a paid invoice is refused', false, 'no fault');
} catch (SoapFault $e) {
    check('V2 capture without a key on a paid invoice is fault 104', $e->faultcode === '104', $e->faultcode);
}
echo "CAPTURED=$g\n";
