<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// SOAP side of the cross-dialect agreement test (agree.py): runs a program of
// abstract API operations through PHP's SoapClient in one dialect (v1 call,
// v1 multiCall, v2, wsi) and prints one JSON outcome per operation:
// {"ok": value} or {"fault": [code, message]} or {"error": text} (anything
// else: a transport or XML error, which agree.py reports as a disagreement).
// usage: php soap_dialects.php BASE_URL < program.json
//   program: {"dialect": "v1|multicall|v2|wsi", "ops": [[method, args...], ...]}
//   "$sid" in args is the session id of the last login.
ini_set('soap.wsdl_cache_enabled', '0');
ini_set('default_socket_timeout', '20');
error_reporting(E_ALL);

$base = $argv[1];
$prog = json_decode(stream_get_contents(STDIN), true);
$d = $prog['dialect'];
$wsdl = ['v1' => "$base/api/soap/?wsdl", 'multicall' => "$base/api/soap/?wsdl",
         'v2' => "$base/api/v2_soap/?wsdl&wsi=0", 'wsi' => "$base/api/v2_soap/?wsdl&wsi=1"][$d];
$opts = ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1, 'exceptions' => true];
if (isset($prog['soap12']) && $prog['soap12'])
    $opts['soap_version'] = SOAP_1_2;
$c = new SoapClient($wsdl, $opts);
$sid = '';
$inc = $prog['inc'] ?? '';

const PATHS = ['list', 'info', 'create', 'addComment', 'capture', 'void', 'cancel'];

function v2_filters($f)
{
    // {field: {op: value}} -> complex_filter; {field: scalar} -> filter
    if ($f === null)
        return null;
    $simple = [];
    $complex = [];
    foreach ($f as $k => $cond) {
        if (is_array($cond)) {
            foreach ($cond as $op => $v)
                $complex[] = ['key' => $k, 'value' => ['key' => $op, 'value' => is_array($v) ? implode(',', $v) : (string)$v]];
        } else {
            $simple[] = ['key' => $k, 'value' => (string)$cond];
        }
    }
    $out = [];
    if ($simple) $out['filter'] = $simple;
    if ($complex) $out['complex_filter'] = $complex;
    return $out;
}

function v2_qty($q)
{
    $out = [];
    foreach ($q ?? [] as $id => $qty)
        $out[] = ['order_item_id' => (int)$id, 'qty' => (float)$qty];
    return $out;
}

// V2/WS-I operation name and its arguments in WSDL order
function v2_call(string $m, array $a): array
{
    switch ($m) {
    case 'login': return ['login', ['username' => $a[0], 'apiKey' => $a[1]]];
    case 'endSession': return ['endSession', ['sessionId' => $a[0]]];
    case 'startSession': return ['startSession', []];
    case 'resources': return ['resources', ['sessionId' => $a[0]]];
    case 'globalFaults': return ['globalFaults', ['sessionId' => $a[0]]];
    case 'resourceFaults': return ['resourceFaults', ['resourceName' => $a[1], 'sessionId' => $a[0]]];
    case 'list': return ['salesOrderInvoiceList', ['sessionId' => $a[0], 'filters' => v2_filters($a[1] ?? null)]];
    case 'info': case 'capture': case 'void': case 'cancel':
        return ['salesOrderInvoice' . ucfirst($m), ['sessionId' => $a[0], 'invoiceIncrementId' => $a[1]]];
    case 'create':
        return ['salesOrderInvoiceCreate', ['sessionId' => $a[0], 'invoiceIncrementId' => $a[1],
            'itemsQty' => v2_qty($a[2] ?? null), 'comment' => $a[3] ?? null,
            'email' => isset($a[4]) ? ($a[4] ? '1' : '0') : null,
            'includeComment' => isset($a[5]) ? ($a[5] ? '1' : '0') : null]];
    case 'order.list': return ['salesOrderList', ['sessionId' => $a[0], 'filters' => v2_filters($a[1] ?? null)]];
    case 'order.info': case 'order.hold': case 'order.unhold': case 'order.cancel':
        return ['salesOrder' . ucfirst(substr($m, 6)), ['sessionId' => $a[0], 'orderIncrementId' => $a[1]]];
    case 'order.addComment':
        return ['salesOrderAddComment', ['sessionId' => $a[0], 'orderIncrementId' => $a[1],
            'status' => $a[2], 'comment' => $a[3] ?? null,
            'notify' => isset($a[4]) ? ($a[4] ? 1 : 0) : null]];
    case 'addComment':
        return ['salesOrderInvoiceAddComment', ['sessionId' => $a[0], 'invoiceIncrementId' => $a[1],
            'comment' => $a[2], 'email' => isset($a[3]) ? ($a[3] ? '1' : '0') : null,
            'includeComment' => isset($a[4]) ? ($a[4] ? '1' : '0') : null]];
    }
    throw new Exception("unknown method $m");
}

function run_one($c, string $d, string $m, array $a)
{
    if (strncmp($m, 'order.', 6) === 0 && ($d === 'v1' || $d === 'multicall')) {
        $sid = array_shift($a);
        $path = 'sales_order.' . substr($m, 6);
        if ($d === 'v1')
            return $c->call($sid, $path, $a);
        $r = $c->multiCall($sid, [[$path, $a]]);
        $e = $r[0];
        if (is_array($e) && isset($e['isFault']) && $e['isFault'])
            throw new SoapFault((string)$e['faultCode'], (string)$e['faultMessage']);
        return $e;
    }
    if (in_array($m, PATHS, true)) {
        $sid = array_shift($a);
        if ($m === 'create' && isset($a[1]) && $a[1] === null)
            $a[1] = [];
        if ($d === 'v1')
            return $c->call($sid, "sales_order_invoice.$m", $a);
        if ($d === 'multicall') {
            $r = $c->multiCall($sid, [["sales_order_invoice.$m", $a]]);
            $e = $r[0];
            if (is_array($e) && isset($e['isFault']) && $e['isFault'])
                throw new SoapFault((string)$e['faultCode'], (string)$e['faultMessage']);
            return $e;
        }
        array_unshift($a, $sid);
    }
    if ($d === 'v1' || $d === 'multicall')
        return $c->__soapCall($m, $a);
    [$op, $named] = v2_call($m, $a);
    if ($d === 'v2')
        return $c->__soapCall($op, array_values($named));
    $r = $c->__soapCall($op, $named ? [(object)$named] : []);
    return $r->result ?? null;
}

// WS-I arrays arrive as {complexObjectArray: item-or-list}; V2/V1 as lists
function unwrap($v)
{
    if (is_object($v)) {
        $a = get_object_vars($v);
        if (array_keys($a) === ['complexObjectArray']) {
            $x = $a['complexObjectArray'];
            return array_map('unwrap', is_array($x) ? $x : [$x]);
        }
        return array_map('unwrap', $a);
    }
    if (is_array($v))
        return array_map('unwrap', $v);
    return $v;
}

$out = [];
foreach ($prog['ops'] as $op) {
    $m = array_shift($op);
    $args = array_map(fn($x) => $x === '$sid' ? $sid : ($x === '$inc' ? $inc : $x), $op);
    try {
        $r = run_one($c, $d, $m, $args);
        if ($m === 'login')
            $sid = is_string($r) ? $r : '';
        if ($m === 'create' && is_string($r))
            $inc = $r;
        $out[] = ['ok' => unwrap($r)];
    } catch (SoapFault $f) {
        $out[] = ['fault' => [(string)$f->faultcode, $f->getMessage()]];
    } catch (Throwable $e) {
        $out[] = ['error' => get_class($e) . ': ' . $e->getMessage() . ' | ' . substr((string)$c->__getLastResponse(), 0, 600)];
    }
}
echo json_encode($out, JSON_INVALID_UTF8_SUBSTITUTE | JSON_PRESERVE_ZERO_FRACTION), "\n";
