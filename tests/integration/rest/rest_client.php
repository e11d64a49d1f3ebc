<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// Magento 2 style REST (issue 4) from PHP as integrators call it: json_encode
// and an http stream context (file_get_contents), SoapClient (V2) for the
// cross-API reads and the SOAP-side create.  Prints PASS:/FAIL: lines.
//
// usage: php rest_client.php BASE_URL USER KEY DB_PATH
ini_set('soap.wsdl_cache_enabled', '0');
error_reporting(E_ALL);

[, $base, $user, $key, $db] = $argv;
$R = "$base/rest/V1";
$failed = false;

function pass(string $what): void
{
    echo "PASS: $what\n";
}

function fail(string $what, string $detail): void
{
    $GLOBALS['failed'] = true;
    echo "FAIL: $what\n    $detail\n";
}

function eq(string $what, $got, $want): void
{
    if ($got === $want) {
        pass($what);
    } else {
        fail($what, 'got ' . var_export($got, true) . ', want ' . var_export($want, true));
    }
}

// POST $body (json_encode'd unless a string) and return [status, raw body, decoded, headers].
function rest(string $url, $body, ?string $token = null, ?string $ctype = 'application/json'): array
{
    $headers = [];
    if ($ctype !== null) {
        $headers[] = "Content-Type: $ctype";
    }
    if ($token !== null) {
        $headers[] = "Authorization: Bearer $token";
    }
    $ctx = stream_context_create(['http' => [
        'method' => 'POST',
        'header' => implode("\r\n", $headers),
        'content' => is_string($body) ? $body : json_encode($body),
        'ignore_errors' => true,
        'timeout' => 30,
    ]]);
    $raw = file_get_contents($url, false, $ctx);
    $status = 0;
    $ct = null;
    foreach ($http_response_header ?? [] as $h) {
        if (preg_match('#^HTTP/\S+ (\d+)#', $h, $m)) {
            $status = (int)$m[1];
        } elseif (stripos($h, 'Content-Type:') === 0) {
            $ct = trim(substr($h, 13));
        }
    }
    return [$status, $raw, json_decode((string)$raw, true), $ct];
}

// Expect an exact status and decoded body.
function expect(string $what, array $r, int $status, $body): void
{
    if ($r[0] === $status && $r[2] === $body) {
        pass("$what ($status)");
    } else {
        fail($what, "got {$r[0]} {$r[1]}, want $status " . json_encode($body));
    }
}

// SQL on the test's database: the SQLite file, or on the PostgreSQL pass
// (lib.sh exports T_PGDB) this test's database through psql.
function sql(string $db, string $q): string
{
    $pgdb = getenv('T_PGDB');
    if ($pgdb !== false && $pgdb !== '') {
        $psql = (getenv('PGBIN') ?: '/usr/lib/postgresql/15/bin') . '/psql';
        return trim((string)shell_exec(escapeshellarg($psql) . ' -X -q -A -t -h '
            . escapeshellarg((string)getenv('MD_PGHOST')) . ' -U postgres -d '
            . escapeshellarg($pgdb) . ' -c ' . escapeshellarg($q)));
    }
    return trim((string)shell_exec('sqlite3 ' . escapeshellarg($db) . ' ' . escapeshellarg($q)));
}

// ---- token -------------------------------------------------------------------------
$r = rest("$R/integration/admin/token", ['username' => $user, 'password' => $key]);
eq('token: status', $r[0], 200);
eq('token: Content-Type', $r[3], 'application/json; charset=utf-8');
$token = $r[2];
eq('token: a JSON string of 32 hex', is_string($token) && preg_match('/^[0-9a-f]{32,}$/', $token) === 1, true);
$signin = ['message' => 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.'];
expect('token: bad key', rest("$R/integration/admin/token", ['username' => $user, 'password' => 'nope']), 401, $signin);
expect('token: missing password', rest("$R/integration/admin/token", ['username' => $user]), 400,
    ['message' => '"%fieldName" is required. Enter and try again.', 'parameters' => ['fieldName' => 'password']]);

// ---- SOAP V2 -----------------------------------------------------------------------
$soap = new SoapClient("$base/api/v2_soap/?wsdl&wsi=0", ['cache_wsdl' => WSDL_CACHE_NONE, 'trace' => 1]);
$sid = $soap->login($user, $key);
eq('SOAP V2 login', is_string($sid) && strlen($sid) === 32, true);

// The invoice with this entity id through SOAP: list filtered on invoice_id, then info.
function soap_invoice(SoapClient $soap, string $sid, int $id)
{
    $list = $soap->salesOrderInvoiceList($sid, ['filter' => [['key' => 'invoice_id', 'value' => (string)$id]]]);
    if (!is_array($list) || count($list) !== 1) {
        return null;
    }
    return $soap->salesOrderInvoiceInfo($sid, $list[0]->increment_id);
}

$noauth = ['message' => "The consumer isn't authorized to access %resources.",
    'parameters' => ['resources' => 'Magento_Sales::invoice']];

// ---- errors ------------------------------------------------------------------------
expect('no token', rest("$R/order/401/invoice", (object)[]), 401, $noauth);
expect('bad token', rest("$R/order/401/invoice", (object)[], str_repeat('ab', 16)), 401, $noauth);
expect('unknown order', rest("$R/order/9999/invoice", (object)[], $token), 404,
    ['message' => "The entity that was requested doesn't exist. Verify the entity and try again."]);
expect('orderId not an integer', rest("$R/order/x1/invoice", (object)[], $token), 400,
    ['message' => 'The "x1" value\'s type is invalid. The "int" type was expected. Verify and try again.']);
expect('complete order', rest("$R/order/409/invoice", ['capture' => true], $token), 400,
    ['message' => "Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of complete"]);
expect('invalid qty', rest("$R/order/401/invoice", ['items' => [['order_item_id' => 4012, 'qty' => 4]]], $token), 400,
    ['message' => "Invoice Document Validation Error(s):\nThe quantity to invoice must not be greater than the uninvoiced quantity for product SKU \"R-B\"."]);
expect('item not part of the order', rest("$R/order/401/invoice", ['items' => [['order_item_id' => 4051, 'qty' => 1]]], $token), 400,
    ['message' => "Invoice Document Validation Error(s):\nThe invoice contains one or more items that are not part of the original order."]);
expect('no products', rest("$R/order/401/invoice", ['items' => [['order_item_id' => 4011, 'qty' => 0]]], $token), 400,
    ['message' => "Invoice Document Validation Error(s):\nThe invoice can't be created without products. Add products and try again."]);
expect('body not JSON', rest("$R/order/401/invoice", 'capture=1', $token), 400, ['message' => 'Decoding error.']);
expect('Content-Type not JSON', rest("$R/order/401/invoice", 'capture=1', $token, 'application/x-www-form-urlencoded'), 415,
    ['message' => 'Server cannot understand Content-Type HTTP header media type application/x-www-form-urlencoded']);
eq('errors created no invoice', sql($db, 'SELECT count(*) FROM sales_flat_invoice'), '0');

// ---- seed 004 example body -----------------------------------------------------------
$r = rest("$R/order/408/invoice", [
    'capture' => true,
    'items' => [['order_item_id' => 1, 'qty' => 2], ['order_item_id' => 2, 'qty' => 0.5]],
    'notify' => true,
    'appendComment' => true,
    'comment' => ['comment' => 'test_invoice', 'is_visible_on_front' => true],
    'arguments' => ['extension_attributes' => new stdClass()],
], $token);
eq('seed 004 example: status', $r[0], 200);
eq('seed 004 example: a bare JSON number', is_int($r[2]) && $r[1] === (string)$r[2], true);
$id = (int)$r[2];
$info = soap_invoice($soap, $sid, $id);
eq('seed 004 example: SOAP info order_increment_id', $info->order_increment_id ?? null, '400000008');
eq('seed 004 example: SOAP info state', $info->state ?? null, '2');
eq('seed 004 example: SOAP info grand_total', $info->grand_total ?? null, '22.0000');
$qtys = array_map(fn($i) => $i->qty, $info->items ?? []);
sort($qtys);
eq('seed 004 example: item qtys', $qtys, ['0.5000', '2.0000']);
eq('seed 004 example: comment', $info->comments[0]->comment ?? null, 'test_invoice');
eq('seed 004 example: comment notified', $info->comments[0]->is_customer_notified ?? null, '1');
eq('seed 004 example: outbox row', sql($db, "SELECT count(*) FROM email_outbox WHERE invoice_id = $id AND body LIKE '%test_invoice%'"), '1');

// ---- full and partial --------------------------------------------------------------
$r = rest("$R/order/401/invoice", (object)[], $token);
eq('full invoice: status', $r[0], 200);
$info = soap_invoice($soap, $sid, (int)$r[2]);
eq('full invoice: SOAP info grand_total', $info->grand_total ?? null, '40.0000');
eq('full invoice: SOAP info state', $info->state ?? null, '2');
$r = rest("$base/rest/default/V1/order/402/invoice", ['items' => [['order_item_id' => 4021, 'qty' => 3]]], $token);
eq('partial invoice: status', $r[0], 200);
$info = soap_invoice($soap, $sid, (int)$r[2]);
eq('partial invoice: SOAP info grand_total', $info->grand_total ?? null, '7.5000');
eq('partial invoice: one item line', count($info->items ?? []), 1);
$r = rest("$base/rest/all/V1/order/402/invoice", ['items' => []], $token);
eq('partial invoice: the rest', $r[0], 200);
$info = soap_invoice($soap, $sid, (int)$r[2]);
eq('partial invoice: the rest grand_total', $info->grand_total ?? null, '12.5000');
expect('partial invoice: nothing left', rest("$R/order/402/invoice", (object)[], $token), 400,
    ['message' => "Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.\nThe invoice can't be created without products. Add products and try again."]);

// ---- capture true/false, offline and gateway ------------------------------------------
foreach ([[403, true, 'checkmo'], [404, false, 'checkmo'], [405, true, 'authorizenet'], [406, false, 'authorizenet']] as [$oid, $cap, $method]) {
    $what = "$method capture=" . ($cap ? 'true' : 'false');
    $r = rest("$R/order/$oid/invoice", ['capture' => $cap], $token);
    eq("$what: status", $r[0], 200);
    $info = soap_invoice($soap, $sid, (int)$r[2]);
    eq("$what: SOAP info state", $info->state ?? null, '2');
    eq("$what: SOAP info order_id", $info->order_id ?? null, (string)$oid);
    eq("$what: online transaction", sql($db, "SELECT CASE WHEN transaction_id IS NOT NULL THEN 1 ELSE 0 END FROM sales_flat_invoice WHERE entity_id = {$r[2]}"),
        $cap && $method === 'authorizenet' ? '1' : '0');
}

// ---- notify with a comment -----------------------------------------------------------
$r = rest("$R/order/407/invoice", ['notify' => true, 'appendComment' => true,
    'comment' => ['comment' => 'Paid in full - thank you', 'is_visible_on_front' => 1]], $token);
eq('notify with comment: status', $r[0], 200);
$id = (int)$r[2];
$info = soap_invoice($soap, $sid, $id);
eq('notify with comment: SOAP info comment', $info->comments[0]->comment ?? null, 'Paid in full - thank you');
eq('notify with comment: SOAP info is_customer_notified', $info->comments[0]->is_customer_notified ?? null, '1');
// not in the V2 WSDL's types: read from the database
eq('notify with comment: visible on front', sql($db, "SELECT is_visible_on_front FROM sales_flat_invoice_comment WHERE parent_id = $id"), '1');
eq('notify with comment: email_sent', sql($db, "SELECT email_sent FROM sales_flat_invoice WHERE entity_id = $id"), '1');
eq('notify with comment: outbox row', sql($db, "SELECT recipient || '|' || CASE WHEN body LIKE '%Paid in full - thank you%' THEN 1 ELSE 0 END FROM email_outbox WHERE invoice_id = $id"),
    'jane7@example.com|1');

// ---- cross-API --------------------------------------------------------------------------
$r = rest("$R/order/413/invoice", ['capture' => false], $token);
eq('REST create for SOAP: status', $r[0], 200);
$info = soap_invoice($soap, $sid, (int)$r[2]);
eq('REST create, SOAP V2 info: invoice_id', $info->invoice_id ?? null, (string)$r[2]);
eq('REST create, SOAP V2 info: order_increment_id', $info->order_increment_id ?? null, '400000013');
try {
    $inc = $soap->salesOrderInvoiceCreate($sid, '400000012', [], null, null, null);
    eq('SOAP V2 create on 400000012', is_string($inc) && $inc !== '', true);
} catch (SoapFault $f) {
    fail('SOAP V2 create on 400000012', "fault {$f->faultcode} {$f->faultstring}");
}
expect('REST create after the SOAP create invoiced everything', rest("$R/order/412/invoice", ['capture' => true], $token), 400,
    ['message' => "Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.\nThe invoice can't be created without products. Add products and try again."]);
try {
    $soap->salesOrderInvoiceCreate($sid, '400000013', [], null, null, null);
    fail('SOAP create after the REST create', 'no fault');
} catch (SoapFault $f) {
    eq('SOAP create after the REST create: fault', [$f->faultcode, $f->faultstring], ['102', 'Cannot do invoice for order.']);
}

exit($failed ? 1 : 0);
