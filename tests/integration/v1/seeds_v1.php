<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// Every SOAP V1 example of the seed documents (shared/seeds/000, 001, 003),
// copied verbatim, run with PHP's SoapClient in WSDL mode against
// `magesoapd demo` data -- host and credentials aside: the URL points at the
// test daemon and seed 001's AddComment example logs in with 'apikey' where
// the demo key is 'apiKey'.  Keyed arguments such as
// ['orderIncrementId' => '200000008', ['15' => '1', '16' => '1']] are read
// positionally, as Magento 1.9 on PHP 5/7 did.
//
// Three examples call with `$session` although only `$sessionId` is set:
// PHP warns and sends a nil session id, which Magento (and we) answer with
// fault 5.  They run once as written (expecting exactly that) and once with
// the variable fixed (expecting success).
//
// usage: php seeds_v1.php BASE_URL NAME   |   php seeds_v1.php --list

ini_set('soap.wsdl_cache_enabled', '0');
error_reporting(E_ALL);

$EX = [];

// seed 000: capture (create with a keyed order id and one {order_item_id, qty})
$EX['s000-capture-asis'] = <<<'PHP'
$proxy = new SoapClient('http://magentohost/api/soap/?wsdl'); $sessionId = $proxy->login('apiUser', 'apiKey'); $orderIncrementId = '100000016'; //Create invoice for order
 $invoiceIncrementId = $proxy->call( $session, 'sales_order_invoice.create', array( 'orderIncrementId' => $orderIncrementId, array('order_item_id' => '15', 'qty' => '1') ) ); //Capture invoice amount
 $result = $proxy->call( $session, 'sales_order_invoice.capture', $invoiceIncrementId );
PHP;

// seed 001: "Example -- Working With Invoices"
$EX['s001-working'] = <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/soap/?wsdl');
$sessionId = $proxy->login('apiUser', 'apiKey');

$notInvoicedOrderId  = '100000003';

// Create new invoice
$newInvoiceId = $proxy->call($sessionId, 'sales_order_invoice.create', [$notInvoicedOrderId, [], 'Invoice Created', true, true]);

// View new invoice
$invoice = $proxy->call($sessionId, 'sales_order_invoice.info', $newInvoiceId);

var_dump($invoice);

// Add Comment
$proxy->call($sessionId, 'sales_order_invoice.addComment', [$newInvoiceId, 'Invoice comment, some text', true, false]);

// View invoice with new comment
$invoice = $proxy->call($sessionId, 'sales_order_invoice.info', $newInvoiceId);

var_dump($invoice);

$proxy->call($sessionId, 'sales_order_invoice.capture', $newInvoiceId);

// View captured invoice
$invoice = $proxy->call($sessionId, 'sales_order_invoice.info', $newInvoiceId);
var_dump($invoice);
PHP;

// seed 001: List
$EX['s001-list'] = <<<'PHP'
$client = new SoapClient('https://mahohost/api/soap/?wsdl');
$session = $client->login('apiUser', 'apiKey');

$result = $client->call($session, 'sales_order_invoice.list');
var_dump($result);

// When the session can be closed
$client->endSession($session);
PHP;

// seed 001: Info
$EX['s001-info'] = <<<'PHP'
$client = new SoapClient('https://mahohost/api/soap/?wsdl');
$session = $client->login('apiUser', 'apiKey');

$result = $client->call($session, 'sales_order_invoice.info', '200000006');
var_dump($result);

// When the session can be closed
$client->endSession($session);
PHP;

// seed 001: Create (keyed order id, map of order item id => qty)
$EX['s001-create'] = <<<'PHP'
$client = new SoapClient('https://mahohost/api/soap/?wsdl');
$session = $client->login('apiUser', 'apiKey');

$result = $client->call(
    $session,
    'sales_order_invoice.create',
    ['orderIncrementId' => '200000008', ['15' => '1', '16' => '1']] 
    // orderItemIdQty Array is Keyed with Order Item ID, with Value of qty to invoice
);
var_dump($result);

// When the session can be closed
$client->endSession($session);
PHP;

// seed 001: AddComment (keyed arguments; logs in with 'apikey')
$EX['s001-addcomment'] = <<<'PHP'
$client = new SoapClient('https://mahohost/api/soap/?wsdl');
$session = $client->login('apiUser', 'apikey');

$result = $client->call($session, 'sales_order_invoice.addComment', ['invoiceIncrementId' => '200000006', 'comment' => 'invoice comment']);
var_dump($result);

// When the session can be closed
$client->endSession($session);
PHP;

// seed 001: Capture
$EX['s001-capture-asis'] = <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/soap/?wsdl');
$sessionId = $proxy->login('apiUser', 'apiKey');

$orderIncrementId = '100000016';

// Create invoice for order
$invoiceIncrementId = $proxy->call(
    $session,
    'sales_order_invoice.create',
    [
        'orderIncrementId' => $orderIncrementId,
        ['order_item_id' => '15', 'qty' => '1']
    ]
);

// Capture invoice amount
$result = $proxy->call(
    $session,
    'sales_order_invoice.capture',
    $invoiceIncrementId
);
PHP;

// seed 001: Cancel
$EX['s001-cancel-asis'] = <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/soap/?wsdl');
$sessionId = $proxy->login('apiUser', 'apiKey');

$invoiceIncrementId = '100000013';

$result = $proxy->call(
    $session,
    'sales_order_invoice.cancel',
    $invoiceIncrementId
);
PHP;

// seed 003: Info
$EX['s003-info'] = <<<'PHP'
$client = new SoapClient('http://magentohost/api/soap/?wsdl');

// If somestuff requires API authentication,
// then get a session token
$session = $client->login('apiUser', 'apiKey');

$result = $client->call($session, 'sales_order_invoice.info', '200000006');
var_dump($result);

// If you don't need the session anymore
//$client->endSession($session);
PHP;

foreach (['s000-capture', 's001-capture', 's001-cancel'] as $n) {
    $EX["$n-fixed"] = str_replace('$session,', '$sessionId,', $EX["$n-asis"]);
}

// The info answer the documentation shows (seeds 001 and 003), as PHP 5/7
// Magento printed it; cybersource_token is a column of that store's
// extension and not part of Magento's schema.
$DOC_INFO = [
    'store_id' => '2', 'base_grand_total' => '384.9800', 'shipping_tax_amount' => '0.0000',
    'tax_amount' => '0.0000', 'base_tax_amount' => '0.0000', 'store_to_order_rate' => '1.0000',
    'base_shipping_tax_amount' => '0.0000', 'base_discount_amount' => '0.0000',
    'base_to_order_rate' => '1.0000', 'grand_total' => '384.9800', 'shipping_amount' => '5.0000',
    'subtotal_incl_tax' => '379.9800', 'base_subtotal_incl_tax' => '379.9800',
    'store_to_base_rate' => '1.0000', 'base_shipping_amount' => '5.0000', 'total_qty' => '1.0000',
    'base_to_global_rate' => '1.0000', 'subtotal' => '379.9800', 'base_subtotal' => '379.9800',
    'discount_amount' => '0.0000', 'billing_address_id' => '3', 'is_used_for_refund' => null,
    'order_id' => '2', 'email_sent' => null, 'can_void_flag' => '0', 'state' => '2',
    'shipping_address_id' => '4', 'store_currency_code' => 'USD', 'transaction_id' => null,
    'order_currency_code' => 'USD', 'base_currency_code' => 'USD', 'global_currency_code' => 'USD',
    'increment_id' => '200000006', 'created_at' => '2012-03-30 12:02:19',
    'updated_at' => '2012-03-30 12:02:19', 'hidden_tax_amount' => '0.0000',
    'base_hidden_tax_amount' => '0.0000', 'shipping_hidden_tax_amount' => '0.0000',
    'base_shipping_hidden_tax_amnt' => null, 'shipping_incl_tax' => '5.0000',
    'base_shipping_incl_tax' => '5.0000', 'base_total_refunded' => null, 'invoice_id' => '1',
    'order_increment_id' => '200000002',
];
$DOC_ITEM = [
    'parent_id' => '1', 'base_price' => '379.9800', 'tax_amount' => '0.0000',
    'base_row_total' => '379.9800', 'discount_amount' => null, 'row_total' => '379.9800',
    'base_discount_amount' => null, 'price_incl_tax' => '379.9800', 'base_tax_amount' => '0.0000',
    'base_price_incl_tax' => '379.9800', 'qty' => '1.0000', 'base_cost' => null,
    'price' => '379.9800', 'base_row_total_incl_tax' => '379.9800',
    'row_total_incl_tax' => '379.9800', 'product_id' => '1', 'order_item_id' => '3',
    'additional_data' => null, 'description' => null, 'sku' => 'n2610-slider',
    'name' => 'Nokia 2610 Phone', 'hidden_tax_amount' => '0.0000',
    'base_hidden_tax_amount' => '0.0000', 'base_weee_tax_applied_amount' => '0.0000',
    'base_weee_tax_applied_row_amnt' => '0.0000', 'base_weee_tax_applied_row_amount' => '0.0000',
    'weee_tax_applied_amount' => '0.0000', 'weee_tax_applied_row_amount' => '0.0000',
    'weee_tax_applied' => 'a:0:{}', 'weee_tax_disposition' => '0.0000',
    'weee_tax_row_disposition' => '0.0000', 'base_weee_tax_disposition' => '0.0000',
    'base_weee_tax_row_disposition' => '0.0000', 'item_id' => '1',
];

if (($argv[1] ?? '') === '--list') {
    echo implode("\n", array_keys($EX)), "\n";
    exit(0);
}
[$_, $base, $name] = $argv;
$base = rtrim($base, '/');

$failed = false;
function ok(string $what, bool $cond, string $detail = ''): void
{
    global $failed, $name;
    if ($cond) {
        echo "PASS: $name: $what\n";
        return;
    }
    $failed = true;
    echo "FAIL: $name: $what" . ($detail !== '' ? "\n    $detail" : '') . "\n";
}
function show($v): string
{
    return str_replace("\n", ' ', var_export($v, true));
}
function is_inc($v): bool
{
    return is_string($v) && preg_match('/^[12]\d{8}$/', $v) === 1;
}

// The example itself, with the host and the credentials put right.
$code = str_replace(['https://mahohost/', 'http://magentohost/'], "$base/", $EX[$name]);
$code = str_replace("login('apiUser', 'apikey')", "login('apiUser', 'apiKey')", $code);
$V = [];
$err = null;
ob_start();
try {
    eval('try { ' . $code . "\n } finally { \$GLOBALS['V'] = get_defined_vars(); }");
} catch (Throwable $e) {
    $err = $e;
}
$printed = ob_get_clean();

// A second client to look at what the example did.
$check = new SoapClient("$base/api/soap/?wsdl", ['cache_wsdl' => WSDL_CACHE_NONE]);
$csid = $check->login('apiUser', 'apiKey');
$info = fn($inc) => $check->call($csid, 'sales_order_invoice.info', $inc);

$asis = str_ends_with($name, '-asis');
if ($asis) {
    ok('as written it sends a nil session id and gets fault 5',
        $err instanceof SoapFault && $err->faultcode === '5'
        && $err->faultstring === 'Session expired. Try to relogin.', show($err ? [get_class($err), $err->getMessage()] : null));
    ok('the example logged in first', is_string($V['sessionId'] ?? null) && strlen($V['sessionId']) === 32);
    exit($failed ? 1 : 0);
}
ok('ran without an exception', $err === null, $err ? get_class($err) . ': ' . $err->getMessage() : '');
if ($err) {
    exit(1);
}

switch ($name) {
case 's000-capture-fixed':
case 's001-capture-fixed':
    ok('create returned an invoice increment id', is_inc($V['invoiceIncrementId'] ?? null), show($V['invoiceIncrementId'] ?? null));
    ok('capture returned true', ($V['result'] ?? null) === true, show($V['result'] ?? null));
    $i = $info($V['invoiceIncrementId']);
    ok('the invoice holds one unit of order item 15 only', count($i['items']) === 1
        && $i['items'][0]['order_item_id'] === '15' && $i['items'][0]['qty'] === '1.0000', show($i['items']));
    ok('the invoice is paid (state 2)', $i['state'] === '2', show($i['state']));
    break;
case 's001-cancel-fixed':
    ok('cancel returned true', ($V['result'] ?? null) === true, show($V['result'] ?? null));
    ok('invoice 100000013 is canceled (state 3)', $info('100000013')['state'] === '3');
    break;
case 's001-working':
    ok('create returned an invoice increment id', is_inc($V['newInvoiceId'] ?? null), show($V['newInvoiceId'] ?? null));
    $inv = $V['invoice'] ?? [];
    ok('the last info shows it captured (state 2)', ($inv['state'] ?? null) === '2', show($inv['state'] ?? null));
    ok('the info shows both comments, newest first', count($inv['comments'] ?? []) === 2
        && $inv['comments'][0]['comment'] === 'Invoice comment, some text'
        && $inv['comments'][1]['comment'] === 'Invoice Created', show($inv['comments'] ?? null));
    ok('the create comment notified the customer', ($inv['comments'][1]['is_customer_notified'] ?? null) === '1');
    ok('email_sent is set', ($inv['email_sent'] ?? null) === '1', show($inv['email_sent'] ?? null));
    ok('var_dump printed three invoices', substr_count($printed, "'increment_id'") + substr_count($printed, '["increment_id"]') === 3);
    break;
case 's001-list':
    $r = $V['result'] ?? null;
    ok('list returned every invoice', is_array($r) && count($r) === 5, show($r));
    $keys = ['order_id', 'increment_id', 'created_at', 'state', 'grand_total', 'order_currency_code', 'invoice_id'];
    $good = is_array($r);
    foreach ((array)$r as $row) {
        $good = $good && is_array($row) && array_keys($row) === $keys
            && count(array_filter($row, fn($x) => !is_string($x))) === 0;
    }
    ok('each row has the documented keys in order, every value a string', $good, show($r[0] ?? null));
    break;
case 's001-info':
case 's003-info':
    $r = $V['result'] ?? [];
    $diff = [];
    foreach ($DOC_INFO as $k => $v) {
        if (!array_key_exists($k, $r) || $r[$k] !== $v) {
            $diff[$k] = [$r[$k] ?? '(missing)', $v];
        }
    }
    ok('every documented field has the documented value', $diff === [], show($diff));
    $order = array_values(array_intersect(array_keys($r), array_keys($DOC_INFO)));
    ok('the documented fields come in the documented order', $order === array_keys($DOC_INFO));
    ok('items and comments come last', array_slice(array_keys($r), -2) === ['items', 'comments']);
    $item = $r['items'][0] ?? [];
    ok('the one item is as documented, field for field and in order',
        count($r['items'] ?? []) === 1 && $item === $DOC_ITEM, show($item));
    ok('comments is an empty array', ($r['comments'] ?? null) === []);
    break;
case 's001-create':
    ok('create returned an invoice increment id of store 2', is_string($V['result'] ?? null)
        && preg_match('/^2\d{8}$/', $V['result']) === 1, show($V['result'] ?? null));
    $i = $info($V['result']);
    ok('item 15 (not in this order) is ignored, item 16 invoiced once, item 17 not at all',
        count($i['items']) === 1 && $i['items'][0]['order_item_id'] === '16'
        && $i['items'][0]['qty'] === '1.0000', show($i['items']));
    ok('order 200000008 is the invoice\'s order', $i['order_increment_id'] === '200000008');
    break;
case 's001-addcomment':
    ok('addComment returned true', ($V['result'] ?? null) === true, show($V['result'] ?? null));
    $c = $info('200000006')['comments'];
    ok('invoice 200000006 has the comment, not notified', count($c) === 1
        && $c[0]['comment'] === 'invoice comment' && $c[0]['is_customer_notified'] === '0', show($c));
    break;
}
exit($failed ? 1 : 0);
