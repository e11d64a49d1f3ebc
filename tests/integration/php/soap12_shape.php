<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// The SOAP 1.2 V1 answer shape against PHP's own SoapServer (soap_version
// SOAP_1_2, WSDL-less): the daemon's answer to a raw SOAP 1.2 request and
// the answer of a local SoapServer returning the same values (read back
// from the daemon) must be the same document, but for the return part's
// name (PHP's WSDL-less "return" vs the WSDL's "callReturn") and the order
// of the namespace declarations.  Covers a scalar (login), a list of maps
// (call sales_order_invoice.list/info) and faults (Code/Value, Reason/Text).
// usage: php soap12_shape.php BASE_URL USER KEY ORDER_ID (an order to invoice)
require __DIR__ . '/common.php';
[$_, $base, $user, $key, $order] = $argv;
$url = "$base/api/soap/";

function env12(string $op, string $parts): string {
    return '<?xml version="1.0" encoding="UTF-8"?>' . "\n"
        . '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ns1="urn:Magento" '
        . 'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        . "<env:Body><ns1:$op env:encodingStyle=\"http://www.w3.org/2003/05/soap-encoding\">$parts</ns1:$op>"
        . '</env:Body></env:Envelope>';
}
function s(string $name, string $v): string { return "<$name xsi:type=\"xsd:string\">" . htmlspecialchars($v) . "</$name>"; }
function post(string $url, string $body): array {
    $ctx = stream_context_create(['http' => ['method' => 'POST', 'ignore_errors' => true,
        'header' => "Content-Type: application/soap+xml; charset=utf-8\r\n", 'content' => $body]]);
    $r = file_get_contents($url, false, $ctx);
    $ct = '';
    foreach ($http_response_header ?? [] as $h)
        if (stripos($h, 'Content-Type:') === 0) $ct = trim(substr($h, 13));
    return [$r === false ? '' : $r, $ct];
}
// PHP's answer: a SoapServer whose methods return what the daemon returned
// (decoded by a WSDL-less SOAP 1.2 SoapClient) or throw its fault again.
class Mirror {
    public function __construct(private SoapClient $c) {}
    public function __call($m, $a) {
        try { return $this->c->__soapCall($m, $a); }
        catch (SoapFault $f) { throw new SoapFault($f->faultcode, $f->faultstring); }
    }
}
function php_answer(string $url, string $req): string {
    $c = new SoapClient(null, ['location' => $url, 'uri' => 'urn:Magento', 'soap_version' => SOAP_1_2]);
    $srv = new SoapServer(null, ['uri' => 'urn:Magento', 'soap_version' => SOAP_1_2]);
    $srv->setObject(new Mirror($c));
    $lvl = error_reporting(E_ALL & ~E_WARNING); // "headers already sent": we are on the CLI
    ob_start();
    $srv->handle($req);
    error_reporting($lvl);
    return ob_get_clean();
}
// the same document up to the namespace declaration order on the Envelope
function norm(string $xml, string $op): string {
    $xml = preg_replace('~>[0-9a-f]{32}<~', '>SESSION<', $xml); // each login its own
    $xml = preg_replace("~<(/?)${op}Return([ >/])~", '<$1return$2', $xml);
    $xml = str_replace("<rpc:result>${op}Return</rpc:result>", '<rpc:result>return</rpc:result>', $xml);
    return preg_replace_callback('~<env:Envelope((?: xmlns:\w+="[^"]*")*)>~', function ($m) {
        preg_match_all('~ xmlns:\w+="[^"]*"~', $m[1], $d);
        sort($d[0]);
        return '<env:Envelope' . implode('', $d[0]) . '>';
    }, trim($xml));
}
function compare(string $what, string $url, string $op, string $req): string {
    [$ours, $ct] = post($url, $req);
    ok("$what: Content-Type application/soap+xml", str_starts_with($ct, 'application/soap+xml'), $ct);
    $php = php_answer($url, $req);
    [$a, $b] = [norm($ours, $op), norm($php, $op)];
    for ($i = 0; $i < min(strlen($a), strlen($b)) && $a[$i] === $b[$i]; $i++);
    ok("$what: same envelope as PHP's SoapServer (SOAP 1.2)", $a === $b,
       "first difference at byte $i:\n      ours: " . substr($a, max(0, $i - 120), 300) . "\n      PHP's: " . substr($b, max(0, $i - 120), 300));
    return $ours;
}

$r = compare('login', $url, 'login', env12('login', s('username', $user) . s('apiKey', $key)));
preg_match('~>([0-9a-f]{32})<~', $r, $m);
$sid = $m[1] ?? '';
ok('login gave a session id', $sid !== '', $r);
$inv = attempt('create an invoice (SOAP 1.1 V1 client)', fn() => t_client("$base/api/soap/?wsdl")
    ->call($sid, 'sales_order_invoice.create', [$order, []]));
if (!is_string($inv))
    exit(1);
$info = env12('call', s('sessionId', $sid) . s('resourcePath', 'sales_order_invoice.info')
    . '<args enc:itemType="xsd:string" enc:arraySize="1" xsi:type="enc:Array" '
    . 'xmlns:enc="http://www.w3.org/2003/05/soap-encoding">' . s('item', $inv) . '</args>');
$r = compare('call info', $url, 'call', $info);
ok('call info answered the invoice', str_contains($r, ">$inv<") && str_contains($r, 'ns2:Map'), $r);
compare('call list', $url, 'call', env12('call', s('sessionId', $sid) . s('resourcePath', 'sales_order_invoice.list')));
$r = compare('fault 100', $url, 'call', str_replace(">$inv<", '>999999999<', $info));
ok('fault 100 is an env:Fault', str_contains($r, '<env:Value>100</env:Value>'), $r);
$r = compare('fault bad session', $url, 'call', env12('call', s('sessionId', 'nope') . s('resourcePath', 'sales_order_invoice.info')));
ok('bad session is an env:Fault', str_contains($r, '<env:Fault>'), $r);
$r = compare('fault unknown operation', $url, 'nosuch', env12('nosuch', s('sessionId', $sid)));
ok('unknown operation is an env:Fault', str_contains($r, '<env:Fault>'), $r);
