<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// Shared helpers of the PHP client tests: a SoapClient that records every
// exchange (same bytes on the wire as a plain SoapClient), PASS/FAIL output
// that the shell scripts count, and value checks.  A failure prints the last
// request and response so the report can quote them.

ini_set('soap.wsdl_cache_enabled', '0');
error_reporting(E_ALL);

$GLOBALS['T_LOG'] = [];

class TracingSoapClient extends SoapClient
{
    public function __doRequest(string $request, string $location, string $action, int $version, bool $oneWay = false): ?string
    {
        $resp = parent::__doRequest($request, $location, $action, $version, $oneWay);
        $GLOBALS['T_LOG'][] = ['location' => $location, 'action' => $action,
            'request' => $request, 'response' => $resp];
        return $resp;
    }
}

function t_client(string $url, array $opts = []): SoapClient
{
    return new TracingSoapClient($url, $opts + ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1]);
}

function t_last_exchange(int $n = 1): string
{
    $out = '';
    foreach (array_slice($GLOBALS['T_LOG'], -$n) as $x) {
        $req = $x['request'];
        $resp = (string)$x['response'];
        $out .= "    request to {$x['location']} (SOAPAction {$x['action']}):\n      "
            . (strlen($req) > 4000 ? substr($req, 0, 4000) . '...' : $req) . "\n"
            . "    response:\n      "
            . (strlen($resp) > 4000 ? substr($resp, 0, 4000) . '...' : $resp) . "\n";
    }
    return $out === '' ? "    (no request was sent)\n" : $out;
}

function t_export($v): string
{
    return str_replace("\n", ' ', var_export($v, true));
}

function pass(string $what): bool
{
    echo "PASS: $what\n";
    return true;
}

function fail(string $what, string $detail = ''): bool
{
    $GLOBALS['T_FAILED'] = true;
    echo "FAIL: $what\n";
    if ($detail !== '') {
        echo "    $detail\n";
    }
    echo t_last_exchange();
    return false;
}

function eq(string $what, $got, $want): bool
{
    if ($got === $want) {
        return pass($what);
    }
    return fail($what, 'got ' . t_export($got) . ', want ' . t_export($want));
}

function ok(string $what, bool $cond, string $detail = ''): bool
{
    return $cond ? pass($what) : fail($what, $detail);
}

// Runs $fn, expecting a SoapFault with this code and message.
function expect_fault(string $what, callable $fn, string $code, string $msg): bool
{
    try {
        $r = $fn();
        return fail($what, "no fault; result " . t_export($r) . ", want fault $code \"$msg\"");
    } catch (SoapFault $f) {
        if ($f->faultcode === $code && $f->faultstring === $msg) {
            return pass("$what (fault $code $msg)");
        }
        return fail($what, 'got fault ' . t_export($f->faultcode) . ' ' . t_export($f->faultstring)
            . ", want $code " . t_export($msg));
    }
}

// Runs $fn; a SoapFault becomes a FAIL line and null.
function attempt(string $what, callable $fn)
{
    try {
        return $fn();
    } catch (SoapFault $f) {
        fail($what, 'unexpected fault ' . t_export($f->faultcode) . ' ' . t_export($f->faultstring));
        return null;
    }
}

// A WS-I array wrapper ({complexObjectArray: x|[x...]} or {}) as a PHP list.
function wsi_list($v): array
{
    if ($v === null) {
        return [];
    }
    if (is_object($v) && !property_exists($v, 'complexObjectArray')) {
        return [];
    }
    $c = is_object($v) ? $v->complexObjectArray : $v;
    return is_array($c) ? $c : [$c];
}

// An object (or array) as a plain array with string values, recursively.
function plain($v)
{
    if (is_object($v)) {
        $v = get_object_vars($v);
    }
    if (is_array($v)) {
        return array_map('plain', $v);
    }
    return $v;
}
