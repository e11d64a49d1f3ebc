<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// PHP's SoapClient speaking SOAP 1.2 (soap_version => SOAP_1_2) to the V2 and
// WS-I endpoints: ext/soap answers in the version of the request, so must we.
// usage: php soap12.php BASE_URL USER KEY
require __DIR__ . '/common.php';
[$_, $base, $user, $key] = $argv;
foreach (['v2' => 0, 'wsi' => 1] as $mode => $wsi) {
    $c = t_client("$base/api/v2_soap/?wsdl&wsi=$wsi", ['soap_version' => SOAP_1_2]);
    $sid = attempt("SOAP 1.2 ($mode): login", fn() => $wsi ? $c->login((object)['username' => $user, 'apiKey' => $key])->result
                                                          : $c->login($user, $key));
    ok("SOAP 1.2 ($mode): login returns a session id", is_string($sid) && preg_match('/^[0-9a-f]{32}$/', $sid) === 1, t_export($sid));
    $req = $GLOBALS['T_LOG'][count($GLOBALS['T_LOG']) - 1]['request'] ?? '';
    ok("SOAP 1.2 ($mode): the client really sent SOAP 1.2", str_contains($req, 'http://www.w3.org/2003/05/soap-envelope'), $req);
    expect_fault("SOAP 1.2 ($mode): info of an unknown invoice",
        fn() => $wsi ? $c->salesOrderInvoiceInfo((object)['sessionId' => $sid, 'invoiceIncrementId' => '999999999'])
                     : $c->salesOrderInvoiceInfo($sid, '999999999'), '100', 'Requested invoice does not exist.');
    $l = attempt("SOAP 1.2 ($mode): list", fn() => $wsi ? $c->salesOrderInvoiceList((object)['sessionId' => $sid])
                                                       : $c->salesOrderInvoiceList($sid));
    ok("SOAP 1.2 ($mode): list answered", $l !== null, '');
    $e = attempt("SOAP 1.2 ($mode): endSession", fn() => $wsi ? $c->endSession((object)['sessionId' => $sid])->result : $c->endSession($sid));
    eq("SOAP 1.2 ($mode): endSession", $e, true);
}
