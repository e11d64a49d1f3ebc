<?php
/*
 * Replay recorded OpenMage traffic through PHP ext/soap driven by OUR WSDL.
 *
 *   php tests/wsdl/php_replay.php v1|v2|wsi RENDERED.wsdl CAPTURES_DIR
 *
 * RENDERED.wsdl must be rendered in the OpenMage profile (--ns urn:OpenMage
 * --name OpenMage), the namespace the captures were recorded with.
 *
 * For every <mode>-<case>.req.xml in CAPTURES_DIR (no network is used):
 *  1. request: a SoapServer built from our WSDL decodes the captured request
 *     into PHP arguments; a SoapClient built from our WSDL encodes the same
 *     call again; the bytes must equal the captured request (the recording
 *     client used the real store's WSDL) and the SOAPAction must equal the
 *     captured SOAPAction header;
 *  2. response: the SoapClient decodes the captured response; the result (or
 *     fault code/string) must equal what <mode>-SUMMARY.json recorded.
 * Exit status: 0 all cases identical, 1 otherwise.
 */
ini_set('soap.wsdl_cache_enabled', '0');
ini_set('default_socket_timeout', '1');

if ($argc !== 4) {
    fwrite(STDERR, "usage: php php_replay.php v1|v2|wsi RENDERED.wsdl CAPTURES_DIR\n");
    exit(2);
}
[$_, $mode, $wsdl, $dir] = $argv;
$wsdl = 'file://' . realpath($wsdl);
$summary = json_decode(file_get_contents("$dir/$mode-SUMMARY.json"), true);
$opts = ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1, 'exceptions' => true];

class Recorder {
    public $fn = null;
    public $args = null;
    public function __call($fn, $args) { $this->fn = $fn; $this->args = $args; return null; }
}

class ReplayClient extends SoapClient {
    public $response = '';
    public $lastAction = null;
    public $sent = null;
    public function __doRequest($request, $location, $action, $version, $oneWay = false): ?string {
        $this->sent = $request;
        $this->lastAction = $action;
        return $this->response;
    }
}

function body_after_decl($s) { return preg_replace('/^<\?xml[^>]*\?>\s*/', '', $s); }

$cases = glob("$dir/$mode-*.req.xml");
sort($cases);
$fail = 0;
$n = 0;
$report = '';   // printed at the end: SoapServer::handle() sends headers, so no output before it
foreach ($cases as $reqf) {
    $case = substr(basename($reqf), 0, -strlen('.req.xml'));
    $req = file_get_contents($reqf);
    $resp = file_get_contents(substr($reqf, 0, -strlen('.req.xml')) . '.resp.xml');
    $hdr = file_get_contents(substr($reqf, 0, -strlen('.req.xml')) . '.headers.txt');
    $problems = [];

    // 1a. decode the captured request with our WSDL
    $rec = new Recorder();
    $srv = new SoapServer($wsdl, $opts);
    $srv->setObject($rec);
    ob_start();
    try { $srv->handle($req); } catch (Throwable $e) { $problems[] = 'server: ' . $e->getMessage(); }
    $srvout = ob_get_clean();
    if ($rec->fn === null) {
        $problems[] = 'our WSDL did not let SoapServer dispatch the request: ' . substr(strip_tags($srvout), 0, 200);
    }

    // 1b. encode it again, 2. decode the captured response
    $cli = new ReplayClient($wsdl, $opts);
    $cli->response = $resp;
    $got = null;
    try {
        $res = $cli->__soapCall($rec->fn ?? 'login', $rec->args ?? []);
        $got = ['result' => json_decode(json_encode($res), true)];
    } catch (SoapFault $f) {
        $got = ['fault' => ['faultcode' => $f->faultcode, 'faultstring' => $f->faultstring,
                            'detail' => isset($f->detail) ? $f->detail : null]];
    } catch (Throwable $e) {
        $problems[] = 'client: ' . $e->getMessage();
    }
    if ($rec->fn !== null && $cli->sent !== null && body_after_decl($cli->sent) !== body_after_decl($req)) {
        $problems[] = "request bytes differ\n      captured: " . body_after_decl($req) . "\n      ours:     " . body_after_decl($cli->sent);
    }
    if (preg_match('/^SOAPAction:\s*"?([^"\r\n]*)"?/mi', $hdr, $m) && $cli->lastAction !== null && $cli->lastAction !== $m[1]) {
        $problems[] = "SOAPAction differs: captured \"{$m[1]}\", ours \"{$cli->lastAction}\"";
    }
    $want = $summary[$case] ?? null;
    if ($want === null) {
        $problems[] = 'no SUMMARY entry';
    } elseif ($got !== null && json_encode($got) !== json_encode($want)) {
        $problems[] = "decoded response differs\n      recorded: " . json_encode($want) . "\n      ours:     " . json_encode($got);
    }
    $n++;
    if ($problems) {
        $fail++;
        $report .= "FAIL $case\n    - " . implode("\n    - ", $problems) . "\n";
    }
}
echo $report;
echo "php_replay $mode: " . ($n - $fail) . "/$n captured cases identical (request bytes, SOAPAction, decoded response)\n";
exit($fail || !$n ? 1 : 0);
