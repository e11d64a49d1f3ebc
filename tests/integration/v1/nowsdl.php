<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// SOAP V1 with PHP's SoapClient in non-WSDL mode (parts named param0,
// param1...: bound by position), in SOAP 1.1 and SOAP 1.2.  Prints PASS:/FAIL:.
// usage: php nowsdl.php BASE_URL
[$_, $base] = $argv;
$failed = false;
function ok(string $what, bool $cond, string $detail = ''): void
{
    global $failed;
    echo ($cond ? 'PASS' : 'FAIL') . ": $what\n";
    if (!$cond) {
        $failed = true;
        if ($detail !== '') {
            echo "    $detail\n";
        }
    }
}

foreach ([SOAP_1_1 => '1.1', SOAP_1_2 => '1.2'] as $ver => $vn) {
    $c = new SoapClient(null, ['location' => "$base/api/soap/", 'uri' => 'urn:Magento',
        'soap_version' => $ver, 'trace' => 1]);
    try {
        $sid = $c->login('apiUser', 'apiKey');
        ok("SOAP $vn: login", is_string($sid) && strlen($sid) === 32, var_export($sid, true));
        $env = $ver === SOAP_1_2 ? 'http://www.w3.org/2003/05/soap-envelope' : 'http://schemas.xmlsoap.org/soap/envelope/';
        ok("SOAP $vn: answered in the request's SOAP version",
            str_contains($c->__getLastResponse(), "=\"$env\""), $c->__getLastResponse());
        $inv = $c->call($sid, 'sales_order_invoice.info', '200000006');
        ok("SOAP $vn: info decodes to an array",
            is_array($inv) && $inv['increment_id'] === '200000006' && $inv['comments'] === []
            && $inv['items'][0]['sku'] === 'n2610-slider', var_export($inv, true));
        $l = $c->call($sid, 'sales_order_invoice.list', [['state' => ['in' => ['2', '3']]]]);
        ok("SOAP $vn: list with a filter", is_array($l) && count($l) === 2, var_export($l, true));
        $m = $c->multiCall($sid, [['sales_order_invoice.info', '200000006'], ['nosuch.x']], ['break' => 1]);
        ok("SOAP $vn: multiCall with break", is_array($m) && count($m) === 2
            && $m[1] === ['isFault' => true, 'faultCode' => '3', 'faultMessage' => 'Invalid api path.'],
            var_export($m, true));
        $r = $c->resourceFaults($sid, 'sales_order_invoice');
        ok("SOAP $vn: resourceFaults(sessionId, resourceName) positionally",
            is_array($r) && count($r) === 5 && $r[0]['code'] === '100', var_export($r, true));
        try {
            $c->call($sid, 'sales_order_invoice.capture', '999999999');
            ok("SOAP $vn: fault 100", false, 'no fault');
        } catch (SoapFault $f) {
            ok("SOAP $vn: fault 100 read as code \"100\"", $f->faultcode === '100'
                && $f->faultstring === 'Requested invoice does not exist.', "$f->faultcode $f->faultstring");
        }
        ok("SOAP $vn: endSession", $c->endSession($sid) === true);
        $fresh = $c->startSession();
        ok("SOAP $vn: startSession gives an id that is not a session", is_string($fresh) && strlen($fresh) === 32);
        try {
            $c->call($fresh, 'sales_order_invoice.list');
            ok("SOAP $vn: startSession's id is refused", false, 'no fault');
        } catch (SoapFault $f) {
            ok("SOAP $vn: startSession's id is refused with fault 5", $f->faultcode === '5');
        }
    } catch (Throwable $e) {
        ok("SOAP $vn: no unexpected error", false, get_class($e) . ': ' . $e->getMessage() . "\n" . $c->__getLastResponse());
    }
}
exit($failed ? 1 : 0);
