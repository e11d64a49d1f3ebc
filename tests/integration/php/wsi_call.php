<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// PHP SoapClient in WSDL mode, built from the daemon's own WS-I WSDL
// (?wsdl&wsi=1), calling the WS-I `call` and `multiCall` operations
// (docs/wsi-call.md) on `magesoapd demo` data: values sent as PHP encodes an
// xsd:anyType (xsi:type, SOAP-ENC:Array, ns2:Map), the result read back as
// anyType, faults with Magento's codes and messages.
//
//   php wsi_call.php BASE_URL
require __DIR__ . '/common.php';

$base = $argv[1];
$c = t_client("$base/api/v2_soap/?wsdl&wsi=1");

$fns = implode("\n", $c->__getFunctions());
ok('the WS-I WSDL declares call(callParam)', str_contains($fns, 'callResponseParam call(callParam $parameters)'), $fns);
ok('the WS-I WSDL declares multiCall(multiCallParam)',
   str_contains($fns, 'multiCallResponseParam multiCall(multiCallParam $parameters)'), $fns);

$sid = attempt('login', fn() => $c->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey']))->result ?? '';
ok('login', strlen($sid) === 32, t_export($sid));

function wcall(SoapClient $c, string $sid, string $path, $args)
{
    return $c->__soapCall('call', [(object)['sessionId' => $sid, 'apiPath' => $path, 'args' => $args]]);
}

// ---- call: sales_order_invoice.info with a scalar argument
$r = attempt('call sales_order_invoice.info', fn() => wcall($c, $sid, 'sales_order_invoice.info', '200000006'));
$inv = $r->result ?? null;
ok('call info: the result is an associative array (ns2:Map)', is_array($inv), t_export($inv));
if (is_array($inv)) {
    eq('call info: invoice fields', [$inv['increment_id'] ?? null, $inv['order_increment_id'] ?? null,
        $inv['grand_total'] ?? null, $inv['state'] ?? null],
       ['200000006', '200000002', '384.9800', '2']);
    eq('call info: one item, Nokia 2610 Phone', array_map(fn($i) => $i['name'], $inv['items'] ?? []),
       ['Nokia 2610 Phone']);
}
$resp = (string)$c->__getLastResponse();
// (php-xml is not installed here: the tree is checked with lxml in zeep_wsi.py)
ok('call info: callResponseParam holds one unqualified <result xsi:type="ns2:Map"> (as V1 callReturn)',
   str_contains($resp, "<ns1:callResponseParam><result xsi:type=\"ns2:Map\"><item>")
   && str_ends_with($resp, "</item></result>\n</ns1:callResponseParam>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n")
   && substr_count($resp, '<result') === 1, substr($resp, 0, 600) . ' ... ' . substr($resp, -200));
ok('call info: the Envelope declares xsi, xsd, ns2', str_contains($resp, 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
   && str_contains($resp, 'xmlns:xsd="http://www.w3.org/2001/XMLSchema"') && str_contains($resp, 'xmlns:ns2="http://xml.apache.org/xml-soap"'),
   $resp);
ok('call info: the values are xsi:typed',
   str_contains((string)$resp, '<key xsi:type="xsd:string">increment_id</key><value xsi:type="xsd:string">200000006</value>'),
   (string)$resp);

// ---- call: sales_order.info with a list argument (SOAP-ENC:Array)
$r = attempt('call sales_order.info', fn() => wcall($c, $sid, 'sales_order.info', ['200000002']));
$ord = $r->result ?? null;
eq('call sales_order.info: order fields', is_array($ord) ? [$ord['increment_id'] ?? null, $ord['status'] ?? null] : $ord,
   ['200000002', 'processing']);

// ---- call: sales_order_invoice.create (order, itemsQty map, comment, email, includeComment)
$r = attempt('call create', fn() => wcall($c, $sid, 'sales_order_invoice.create',
    ['200000008', ['16' => '2'], 'made by WS-I call']));
eq('call create: the new invoice id', $r->result ?? null, '200000007');
$r = attempt('call info of the new invoice', fn() => wcall($c, $sid, 'sales_order_invoice.info', ['200000007']));
$ni = $r->result ?? [];
eq('call create: the invoice has item 16 x 2 and the comment',
   [array_map(fn($i) => [$i['order_item_id'], $i['qty']], $ni['items'] ?? []),
    array_map(fn($x) => $x['comment'], $ni['comments'] ?? [])],
   [[['16', '2.0000']], ['made by WS-I call']]);

// ---- faults: the V1 call path's codes and messages, as WS-I SOAP faults
expect_fault('call info of an unknown invoice',
    fn() => wcall($c, $sid, 'sales_order_invoice.info', '100000099'), '100', 'Requested invoice does not exist.');
expect_fault('call with an invalid api path',
    fn() => wcall($c, $sid, 'sales_order_invoice', ['200000006']), '3', 'Invalid api path.');
expect_fault('call with an unknown resource',
    fn() => wcall($c, $sid, 'catalog_product.info', ['1']), '3', 'Invalid api path.');
expect_fault('call with a made-up session',
    fn() => wcall($c, 'deadbeefdeadbeefdeadbeefdeadbeef', 'sales_order_invoice.info', '200000006'),
    '5', 'Session expired. Try to relogin.');
expect_fault('call capture of a paid invoice',
    fn() => wcall($c, $sid, 'sales_order_invoice.capture', ['200000006']), '104', 'Invoice cannot be captured.');

// ---- multiCall: two info calls and one failing call
$r = attempt('multiCall', fn() => $c->__soapCall('multiCall', [(object)['sessionId' => $sid, 'calls' => [
    ['sales_order_invoice.info', '200000006'],
    ['sales_order.info', ['200000002']],
    ['sales_order_invoice.info', ['100000099']],
], 'options' => []]]));
$l = $r->result ?? null;
ok('multiCall: a list of three answers', is_array($l) && count($l) === 3, t_export($l));
if (is_array($l) && count($l) === 3) {
    eq('multiCall: answer 1 is the invoice', $l[0]['increment_id'] ?? null, '200000006');
    eq('multiCall: answer 2 is the order', $l[1]['increment_id'] ?? null, '200000002');
    eq('multiCall: answer 3 is the fault entry', $l[2],
       ['isFault' => true, 'faultCode' => '100', 'faultMessage' => 'Requested invoice does not exist.']);
}
$resp = (string)$c->__getLastResponse();
ok('multiCall: <ns1:multiCallResponseParam><result ... xsi:type="SOAP-ENC:Array">',
   (bool)preg_match('#<ns1:multiCallResponseParam><result SOAP-ENC:arrayType="[^"]+\[3\]" xsi:type="SOAP-ENC:Array">#', $resp),
   $resp);

// options break = 1: stops after the first faulting entry
$r = attempt('multiCall break', fn() => $c->__soapCall('multiCall', [(object)['sessionId' => $sid, 'calls' => [
    ['sales_order_invoice.info', '200000006'],
    ['nope.nope'],
    ['sales_order.info', '200000002'],
], 'options' => ['break' => 1]]]));
$l = $r->result ?? null;
eq('multiCall break: the info, then the fault, nothing after',
   is_array($l) ? [count($l), $l[0]['increment_id'] ?? null, $l[1] ?? null] : $l,
   [2, '200000006', ['isFault' => true, 'faultCode' => '3', 'faultMessage' => 'Invalid api path.']]);
expect_fault('multiCall with a made-up session',
    fn() => $c->__soapCall('multiCall', [(object)['sessionId' => 'deadbeefdeadbeefdeadbeefdeadbeef',
        'calls' => [['sales_order_invoice.info', '200000006']], 'options' => []]]),
    '5', 'Session expired. Try to relogin.');

exit(empty($GLOBALS['T_FAILED']) ? 0 : 1);
