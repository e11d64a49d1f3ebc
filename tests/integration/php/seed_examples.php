<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// Runs one SOAP V2 or WS-I example of the seed documents (shared/seeds/000,
// 001, 003) as written, against a daemon loaded with `magesoapd demo`, and
// checks what it produced.  Host names are replaced by the daemon's URL; the
// credentials apiUser/apiKey are the demo's.  The only other change: `new
// SoapClient(` becomes `new TracingSoapClient(` (a subclass that records the
// bytes it sends and receives, so that a failure can be quoted).
//
// usage: php seed_examples.php BASE_URL NAME    (NAME from --list)
//        php seed_examples.php --list
require __DIR__ . '/common.php';

// ---- the examples, verbatim ------------------------------------------------

$EX = [];

// seed 000, "Request Example SOAP V2".  The seed text has lost its line
// breaks; a `//` comment would swallow the rest of the line, so the breaks of
// the original page are put back after each comment.  Nothing else changed.
$EX['s000-v2-create-capture'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('http://magentohost/api/v2_soap/?wsdl'); $sessionID = $proxy->login('apiUser', 'apiKey'); $orderIncrementId = '100000016'; //Create invoice for order
$qty = array( array('order_item_id' => '15', 'qty' => '1') ); $invoiceIncrementId = $proxy->salesOrderInvoiceCreate( $sessionID, $orderIncrementId, $qty); //Capture invoice amount
$result = $proxy->salesOrderInvoiceCapture( $sessionID, $invoiceIncrementId );
PHP];

// seed 000, "Request Example SOAP V2 (WS-I Compliance Mode)"
$EX['s000-wsi-capture'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('http://magentohost/api/v2_soap/?wsdl'); $sessionId = $proxy->login((object)array('username' => 'apiUser', 'apiKey' => 'apiKey')); $result = $proxy->salesOrderInvoiceCapture((object)array('sessionId' => $sessionId->result, 'invoiceIncrementId' => '100000016')); var_dump($result->result);
PHP];

// seed 001, List, "Request Example SOAP V2 (List of All Invoices)"
$EX['s001-v2-list-all'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); // TODO: change url
$sessionId = $proxy->login('apiUser', 'apiKey'); // TODO: change login and pwd if necessary

$result = $proxy->salesOrderInvoiceList($sessionId);
var_dump($result);
PHP];

// seed 001, List, "Request Example SOAP V2 (Complex Filter)"
$EX['s001-v2-list-complex'] = ['wsi' => false, 'code' => <<<'PHP'
$client = new SoapClient('https://mahohost/api/v2_soap/?wsdl');
$session = $client->login('apiUser', 'apiKey');

$complexFilter = [
    'complex_filter' => [
        [
            'key' => 'state',
            'value' => ['key' => 'in', 'value' => '2,3']
        ]
    ]
];
$result = $client->salesOrderInvoiceList($session, $complexFilter);
var_dump($result);
PHP];

// seed 001, List, "Request Example SOAP V2 (WS-I Compliance Mode)"
$EX['s001-wsi-list'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); 
$sessionId = $proxy->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey']); 

$result = $proxy->salesOrderInvoiceList((object)['sessionId' => $sessionId->result]);   
var_dump($result->result);
PHP];

// seed 001, Info, "Request Example SOAP V2"
$EX['s001-v2-info'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); // TODO: change url
$sessionId = $proxy->login('apiUser', 'apiKey'); // TODO: change login and pwd if necessary

$result = $proxy->salesOrderInvoiceInfo($sessionId, '200000006');
var_dump($result);
PHP];

// seed 001, Info, "Request Example SOAP V2 (WS-I Compliance Mode)"
$EX['s001-wsi-info'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); 
$sessionId = $proxy->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey']); 

$result = $proxy->salesOrderInvoiceInfo((object)['sessionId' => $sessionId->result, 'invoiceIncrementId' => '200000006']);   
var_dump($result->result);
PHP];

// seed 001, Create, "Request Example SOAP V2" -- as written: $sessionID is
// never set ($sessionId is), so PHP warns and sends a nil session id.
$EX['s001-v2-create-asis'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); // TODO: change url
$sessionId = $proxy->login('apiUser', 'apiKey'); // TODO: change login and pwd if necessary

// Create invoice for order

// orderItemIdQty Array is Keyed with Order Item ID, with Value of qty to invoice
$qty = ['15' => '1', '16' => '1'];

$invoiceIncrementId = $proxy->salesOrderInvoiceCreate(
    $sessionID,
    '200000008',
    $qty
);
var_dump($invoiceIncrementId);
PHP];

// the same with the typo fixed ($sessionID -> $sessionId)
$EX['s001-v2-create-fixed'] = ['wsi' => false, 'code' => str_replace('    $sessionID,', '    $sessionId,',
    $EX['s001-v2-create-asis']['code'])];

// seed 001, Create, "Request Example SOAP V2 (WS-I Compliance Mode)" -- as
// written it names the order `orderIncrementId`, an element the WS-I WSDL
// (Magento's as ours) does not have: PHP refuses it before sending anything.
$EX['s001-wsi-create-asis'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl');
$sessionId = $proxy->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey']);

$result = $proxy->salesOrderInvoiceCreate((object)['sessionId' => $sessionId->result, 'orderIncrementId' => '200000008', 'itemsQty' => ['15' => '1',  '16' => '1'], 'comment' => null,
    'email' => null,
    'includeComment' => null
]);
var_dump($result->result);
PHP];

// the same with the element named as the WSDL names it
$EX['s001-wsi-create-fixed'] = ['wsi' => true, 'code' => str_replace("'orderIncrementId' =>", "'invoiceIncrementId' =>",
    $EX['s001-wsi-create-asis']['code'])];

// seed 001, AddComment, "Request Example SOAP V2"
$EX['s001-v2-addcomment'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); // TODO: change url
$sessionId = $proxy->login('apiUser', 'apiKey'); // TODO: change login and pwd if necessary

$result = $proxy->salesOrderInvoiceAddComment($sessionId, '200000006');
var_dump($result);
PHP];

// seed 001, AddComment, "Request Example SOAP V2 (WS-I Compliance Mode)"
$EX['s001-wsi-addcomment'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); 
$sessionId = $proxy->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey']); 

$result = $proxy->salesOrderInvoiceAddComment((object)['sessionId' => $sessionId->result, 'invoiceIncrementId' => '200000006', 'comment' => 'invoice comment', 'email' => null, 'includeComment' => null]);   
var_dump($result->result);
PHP];

// seed 001, Capture, "Request Example SOAP V2"
$EX['s001-v2-capture'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl');
$sessionID = $proxy->login('apiUser', 'apiKey');

$orderIncrementId = '100000016';

// Create invoice for order
$qty = [
    ['order_item_id' => '15', 'qty' => '1']
];
$invoiceIncrementId = $proxy->salesOrderInvoiceCreate(
    $sessionID,
    $orderIncrementId,
    $qty
);

// Capture invoice amount
$result = $proxy->salesOrderInvoiceCapture(
     $sessionID,
     $invoiceIncrementId
);
PHP];

// seed 001, Capture, "Request Example SOAP V2 (WS-I Compliance Mode)"
$EX['s001-wsi-capture'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); 
$sessionId = $proxy->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey']); 

$result = $proxy->salesOrderInvoiceCapture((object)['sessionId' => $sessionId->result, 'invoiceIncrementId' => '100000016']);   

var_dump($result->result);
PHP];

// seed 001, Cancel: only a V1 example (invoice '100000013'); its V2 and WS-I
// translations, written in the style of the other examples.
$EX['s001-v2-cancel'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl');
$sessionId = $proxy->login('apiUser', 'apiKey');

$invoiceIncrementId = '100000013';

$result = $proxy->salesOrderInvoiceCancel($sessionId, $invoiceIncrementId);
var_dump($result);
PHP];
$EX['s001-wsi-cancel'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('https://mahohost/api/v2_soap/?wsdl'); 
$sessionId = $proxy->login((object)['username' => 'apiUser', 'apiKey' => 'apiKey']); 

$result = $proxy->salesOrderInvoiceCancel((object)['sessionId' => $sessionId->result, 'invoiceIncrementId' => '100000013']);   
var_dump($result->result);
PHP];

// seed 003, "Request Example SOAP V2"
$EX['s003-v2-info'] = ['wsi' => false, 'code' => <<<'PHP'
$proxy = new SoapClient('http://magentohost/api/v2_soap/?wsdl'); // TODO : change url
$sessionId = $proxy->login('apiUser', 'apiKey'); // TODO : change login and pwd if necessary

$result = $proxy->salesOrderInvoiceInfo($sessionId, '200000006');
var_dump($result);
PHP];

// seed 003, "Request Example SOAP V2 (WS-I Compliance Mode)"
$EX['s003-wsi-info'] = ['wsi' => true, 'code' => <<<'PHP'
$proxy = new SoapClient('http://magentohost/api/v2_soap/?wsdl'); 

$sessionId = $proxy->login((object)array('username' => 'apiUser', 'apiKey' => 'apiKey')); 
 
$result = $proxy->salesOrderInvoiceInfo((object)array('sessionId' => $sessionId->result, 'invoiceIncrementId' => '200000006'));   
var_dump($result->result);
PHP];

if (($argv[1] ?? '') === '--list') {
    foreach ($EX as $name => $e) {
        echo $name, ' ', $e['wsi'] ? 'wsi' : 'v2', "\n";
    }
    exit(0);
}

[$_, $BASE, $NAME] = $argv;
// optional third argument "wsi1": WS-I examples fetch `?wsdl&wsi=1` instead of
// relying on wsi_compliance = on
$WSI1 = ($argv[3] ?? '') === 'wsi1';
if (!isset($EX[$NAME])) {
    fwrite(STDERR, "unknown example $NAME\n");
    exit(2);
}

// ---- run it -------------------------------------------------------------

$WARNINGS = [];
set_error_handler(function ($no, $str) use (&$WARNINGS) {
    $WARNINGS[] = $str;
    return true;
});

function run_example(string $__code, string $__base): array
{
    $__code = str_replace(['https://mahohost', 'http://magentohost'], $__base, $__code);
    if ($GLOBALS['WSI1']) {
        $__code = str_replace("/api/v2_soap/?wsdl'", "/api/v2_soap/?wsdl&wsi=1'", $__code);
    }
    $__code = str_replace('new SoapClient(', 'new TracingSoapClient(', $__code);
    ob_start();
    $__exc = null;
    try {
        eval($__code);
    } catch (Throwable $__e) {
        $__exc = $__e;
    }
    $__out = ob_get_clean();
    $__vars = get_defined_vars();
    unset($__vars['__code'], $__vars['__base'], $__vars['__exc'], $__vars['__out'], $__vars['__e']);
    return [$__vars, $__exc, $__out];
}

[$V, $EXC, $OUT] = run_example($EX[$NAME]['code'], $BASE);
$EXAMPLE_LOG = $GLOBALS['T_LOG'];
restore_error_handler();

function no_exception(string $name): bool
{
    global $EXC;
    if ($EXC === null) {
        return pass("$name: ran without an exception");
    }
    $d = get_class($EXC) . ': ' . ($EXC instanceof SoapFault ? "faultcode {$EXC->faultcode} " : '') . $EXC->getMessage();
    return fail("$name: ran without an exception", $d);
}

function is_sid($s): bool
{
    return is_string($s) && preg_match('/^[0-9a-f]{32}$/', $s) === 1;
}

// The checking client: V2, independent of the daemon's wsi_compliance.
function checker(): array
{
    global $BASE;
    static $c = null;
    if ($c === null) {
        $cl = t_client("$BASE/api/v2_soap/?wsdl&wsi=0");
        $c = [$cl, $cl->login('apiUser', 'apiKey')];
    }
    return $c;
}

function check_info(string $inv)
{
    [$c, $s] = checker();
    return attempt("info($inv) by the checking client", fn() => $c->salesOrderInvoiceInfo($s, $inv));
}

// ---- the documented response of seed 001/003 for info('200000006') --------

const INV_FIELDS = ['increment_id', 'parent_id', 'store_id', 'created_at', 'updated_at', 'is_active',
    'global_currency_code', 'base_currency_code', 'store_currency_code', 'order_currency_code',
    'store_to_base_rate', 'store_to_order_rate', 'base_to_global_rate', 'base_to_order_rate', 'subtotal',
    'base_subtotal', 'base_grand_total', 'discount_amount', 'base_discount_amount', 'shipping_amount',
    'base_shipping_amount', 'tax_amount', 'base_tax_amount', 'billing_address_id', 'billing_firstname',
    'billing_lastname', 'order_id', 'order_increment_id', 'order_created_at', 'state', 'grand_total',
    'invoice_id', 'items', 'comments'];
const ITEM_FIELDS = ['increment_id', 'parent_id', 'created_at', 'updated_at', 'is_active', 'weee_tax_applied',
    'qty', 'cost', 'price', 'tax_amount', 'row_total', 'base_price', 'base_tax_amount', 'base_row_total',
    'base_weee_tax_applied_amount', 'base_weee_tax_applied_row_amount', 'weee_tax_applied_amount',
    'weee_tax_applied_row_amount', 'weee_tax_disposition', 'weee_tax_row_disposition',
    'base_weee_tax_disposition', 'base_weee_tax_row_disposition', 'sku', 'name', 'order_item_id',
    'product_id', 'item_id'];
const LIST_FIELDS = ['increment_id', 'created_at', 'order_currency_code', 'order_id', 'state', 'grand_total',
    'invoice_id'];

// The seed's "Response Example" (V1 keys), restricted to the keys the V2/WS-I
// salesOrderInvoiceEntity declares, NULLs left out (V2/WS-I omit them).
const DOC_INVOICE = [
    'increment_id' => '200000006', 'store_id' => '2', 'created_at' => '2012-03-30 12:02:19',
    'updated_at' => '2012-03-30 12:02:19', 'global_currency_code' => 'USD', 'base_currency_code' => 'USD',
    'store_currency_code' => 'USD', 'order_currency_code' => 'USD', 'store_to_base_rate' => '1.0000',
    'store_to_order_rate' => '1.0000', 'base_to_global_rate' => '1.0000', 'base_to_order_rate' => '1.0000',
    'subtotal' => '379.9800', 'base_subtotal' => '379.9800', 'base_grand_total' => '384.9800',
    'discount_amount' => '0.0000', 'base_discount_amount' => '0.0000', 'shipping_amount' => '5.0000',
    'base_shipping_amount' => '5.0000', 'tax_amount' => '0.0000', 'base_tax_amount' => '0.0000',
    'billing_address_id' => '3', 'order_id' => '2', 'order_increment_id' => '200000002', 'state' => '2',
    'grand_total' => '384.9800', 'invoice_id' => '1',
];
const DOC_ITEM = [
    'parent_id' => '1', 'weee_tax_applied' => 'a:0:{}', 'qty' => '1.0000', 'price' => '379.9800',
    'tax_amount' => '0.0000', 'row_total' => '379.9800', 'base_price' => '379.9800',
    'base_tax_amount' => '0.0000', 'base_row_total' => '379.9800', 'base_weee_tax_applied_amount' => '0.0000',
    'base_weee_tax_applied_row_amount' => '0.0000', 'weee_tax_applied_amount' => '0.0000',
    'weee_tax_applied_row_amount' => '0.0000', 'weee_tax_disposition' => '0.0000',
    'weee_tax_row_disposition' => '0.0000', 'base_weee_tax_disposition' => '0.0000',
    'base_weee_tax_row_disposition' => '0.0000', 'sku' => 'n2610-slider', 'name' => 'Nokia 2610 Phone',
    'order_item_id' => '3', 'product_id' => '1', 'item_id' => '1',
];
// Declared fields the documented (Magento CE) response lacks but OpenMage and
// this project fill (fact base: "info returns order_created_at and
// billing_firstname/lastname in both profiles").
const EXTRA_OK = ['billing_firstname', 'billing_lastname', 'order_created_at'];

function in_wsdl_order(array $keys, array $order): bool
{
    $pos = array_map(fn($k) => array_search($k, $order, true), $keys);
    $sorted = $pos;
    sort($sorted);
    return !in_array(false, $pos, true) && $pos === $sorted;
}

function check_doc_info(string $name, $r, bool $wsi): void
{
    if (!ok("$name: result is a salesOrderInvoiceEntity object", is_object($r), 'got ' . t_export($r))) {
        return;
    }
    $a = get_object_vars($r);
    ok("$name: fields in WSDL order", in_wsdl_order(array_keys($a), INV_FIELDS), 'order: ' . implode(',', array_keys($a)));
    $scalars = array_diff_key($a, ['items' => 1, 'comments' => 1]);
    $extra = array_diff_key($scalars, DOC_INVOICE);
    $got = array_intersect_key($scalars, DOC_INVOICE);
    $want = DOC_INVOICE;
    ksort($got);
    ksort($want);
    eq("$name: every documented invoice field, value for value", $got, $want);
    ok("$name: no field beyond the documented ones (except " . implode('/', EXTRA_OK) . ')',
        array_diff(array_keys($extra), EXTRA_OK) === [], 'extra: ' . t_export($extra));
    if (isset($a['billing_firstname']) || isset($a['billing_lastname'])) {
        ok("$name: billing names, when given, are non-empty strings",
            is_string($a['billing_firstname'] ?? null) && $a['billing_firstname'] !== ''
            && is_string($a['billing_lastname'] ?? null) && $a['billing_lastname'] !== '',
            t_export([$a['billing_firstname'] ?? null, $a['billing_lastname'] ?? null]));
    }
    if (isset($a['order_created_at'])) {
        ok("$name: order_created_at, when given, is a Y-m-d H:i:s date",
            preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $a['order_created_at']) === 1, t_export($a['order_created_at']));
    }
    $items = $wsi ? wsi_list($a['items'] ?? null) : ($a['items'] ?? null);
    if (ok("$name: items is a list of one item", is_array($items) && count($items) === 1, 'items: ' . t_export($a['items'] ?? null))) {
        $it = get_object_vars($items[0]);
        ok("$name: item fields in WSDL order", in_wsdl_order(array_keys($it), ITEM_FIELDS), 'order: ' . implode(',', array_keys($it)));
        ksort($it);
        $w = DOC_ITEM;
        ksort($w);
        eq("$name: the documented item, field for field (no other field)", $it, $w);
    }
    if ($wsi) {
        ok("$name: comments present and empty (<comments/>)",
            array_key_exists('comments', $a) && is_object($a['comments']) && get_object_vars($a['comments']) === [],
            'comments: ' . t_export($a['comments'] ?? '(absent)'));
    } else {
        ok("$name: comments present as an empty array",
            array_key_exists('comments', $a) && $a['comments'] === [],
            'comments: ' . t_export($a['comments'] ?? '(absent)'));
    }
}

function check_list_entry_fields(string $name, array $list): void
{
    $bad = [];
    foreach ($list as $e) {
        $k = array_keys(get_object_vars($e));
        if ($k !== LIST_FIELDS) {
            $bad[] = implode(',', $k);
        }
    }
    ok("$name: every entry has exactly the 7 list fields in WSDL order", $bad === [], 'entries with: ' . implode(' | ', $bad));
}

function full_list(): array
{
    [$c, $s] = checker();
    return attempt('list by the checking client', fn() => $c->salesOrderInvoiceList($s)) ?? [];
}

// checks a newly created invoice of 200000008 covers items 16 and 17 and the
// order is fully invoiced (PHP sends the keyed itemsQty of the example as two
// empty orderItemIdQty entries (V2) / an empty <itemsQty/> (WS-I); Magento
// skips entries without order_item_id/qty and invoices the whole order).
function check_full_200000008(string $name, $inv): void
{
    if (!ok("$name: returns a new store-2 invoice increment id", is_string($inv) && preg_match('/^2\d{8}$/', $inv) === 1
        && $inv !== '200000006', 'got ' . t_export($inv))) {
        return;
    }
    $i = check_info($inv);
    if ($i === null) {
        return;
    }
    eq("$name: invoice belongs to order 200000008", $i->order_increment_id ?? null, '200000008');
    $ids = array_map(fn($x) => $x->order_item_id ?? null, is_array($i->items ?? null) ? $i->items : []);
    sort($ids);
    eq("$name: invoice covers order items 16 and 17", $ids, ['16', '17']);
    [$c, $s] = checker();
    expect_fault("$name: order 200000008 is now fully invoiced (create again)",
        fn() => $c->salesOrderInvoiceCreate($s, '200000008', [], null, null, null), '102', 'Cannot do invoice for order.');
}

// ---- checks per example ---------------------------------------------------

$n = $NAME;
$sid = $V['sessionId'] ?? $V['sessionID'] ?? $V['session'] ?? null;
switch ($NAME) {
    case 's000-v2-create-capture':
    case 's001-v2-capture':
        no_exception($n);
        ok("$n: login returned a 32-hex session id", is_sid($V['sessionID'] ?? null), t_export($V['sessionID'] ?? null));
        $inv = $V['invoiceIncrementId'] ?? null;
        ok("$n: create returned a new store-1 invoice increment id", is_string($inv) && preg_match('/^1\d{8}$/', $inv) === 1
            && $inv !== '100000016' && $inv !== '100000013', t_export($inv));
        eq("$n: capture returned true", $V['result'] ?? null, true);
        if (is_string($inv) && ($i = check_info($inv)) !== null) {
            eq("$n: new invoice is of order 100000016", $i->order_increment_id ?? null, '100000016');
            eq("$n: new invoice is PAID after the capture", $i->state ?? null, '2');
            $items = is_array($i->items ?? null) ? $i->items : [];
            eq("$n: new invoice has one item, order item 15, qty 1",
                array_map(fn($x) => [$x->order_item_id ?? null, $x->qty ?? null], $items), [['15', '1.0000']]);
        }
        break;

    case 's000-wsi-capture':
    case 's001-wsi-capture':
        no_exception($n);
        ok("$n: login returned {result: 32-hex session id}", is_object($sid) && is_sid($sid->result ?? null), t_export($sid));
        eq("$n: capture returned result \"1\"", $V['result']->result ?? null, '1');
        eq("$n: var_dump printed string(1) \"1\"", trim($OUT), 'string(1) "1"');
        if (($i = check_info('100000016')) !== null) {
            eq("$n: invoice 100000016 is PAID after the capture", $i->state ?? null, '2');
        }
        break;

    case 's001-v2-list-all':
        no_exception($n);
        ok("$n: login returned a 32-hex session id", is_sid($sid), t_export($sid));
        $l = $V['result'] ?? null;
        if (!ok("$n: result is a non-empty array of entities", is_array($l) && count($l) > 0 && is_object($l[0]), t_export($l))) {
            break;
        }
        check_list_entry_fields($n, $l);
        $inc = array_map(fn($e) => $e->increment_id ?? null, $l);
        foreach (['200000006', '100000016', '100000013'] as $want) {
            ok("$n: lists invoice $want", in_array($want, $inc, true), 'listed: ' . implode(',', $inc));
        }
        $ids = array_map(fn($e) => (int)($e->invoice_id ?? 0), $l);
        $s = $ids;
        sort($s);
        ok("$n: in invoice_id order without duplicates", $ids === $s && count(array_unique($ids)) === count($ids), implode(',', $ids));
        $states = array_unique(array_map(fn($e) => $e->state ?? null, $l));
        sort($states);
        eq("$n: demo has invoices in states 1, 2 and 3", array_values($states), ['1', '2', '3']);
        foreach ($l as $e) {
            if (($e->increment_id ?? '') === '200000006') {
                eq("$n: entry of 200000006 as documented", get_object_vars($e), [
                    'increment_id' => '200000006', 'created_at' => '2012-03-30 12:02:19',
                    'order_currency_code' => 'USD', 'order_id' => '2', 'state' => '2',
                    'grand_total' => '384.9800', 'invoice_id' => '1']);
            }
        }
        break;

    case 's001-v2-list-complex':
        no_exception($n);
        $l = $V['result'] ?? null;
        if (!ok("$n: result is a non-empty array", is_array($l) && count($l) > 0, t_export($l))) {
            break;
        }
        check_list_entry_fields($n, $l);
        $states = array_map(fn($e) => $e->state ?? null, $l);
        ok("$n: only states 2 and 3", array_diff($states, ['2', '3']) === [], 'states: ' . implode(',', $states));
        ok("$n: both states 2 and 3 present", in_array('2', $states, true) && in_array('3', $states, true), 'states: ' . implode(',', $states));
        $all = full_list();
        $want = array_values(array_filter(array_map(fn($e) => in_array($e->state ?? null, ['2', '3'], true) ? $e->increment_id : null, $all)));
        eq("$n: exactly the invoices of state 2/3 of the full list, same order",
            array_map(fn($e) => $e->increment_id ?? null, $l), $want);
        break;

    case 's001-wsi-list':
        no_exception($n);
        ok("$n: login returned {result: session id}", is_object($sid) && is_sid($sid->result ?? null), t_export($sid));
        $r = $V['result']->result ?? null;
        $l = wsi_list($r);
        ok("$n: result is {complexObjectArray: [...]}", is_object($r) && count($l) > 0, t_export($r));
        check_list_entry_fields($n, $l);
        eq("$n: same entries as the V2 list", plain($l), plain(full_list()));
        break;

    case 's001-v2-info':
    case 's003-v2-info':
        no_exception($n);
        ok("$n: login returned a 32-hex session id", is_sid($sid), t_export($sid));
        check_doc_info($n, $V['result'] ?? null, false);
        break;

    case 's001-wsi-info':
    case 's003-wsi-info':
        no_exception($n);
        ok("$n: login returned {result: session id}", is_object($sid) && is_sid($sid->result ?? null), t_export($sid));
        check_doc_info($n, $V['result']->result ?? null, true);
        break;

    case 's001-v2-create-asis':
        ok("$n: PHP warned about the undefined \$sessionID",
            (bool)array_filter($WARNINGS, fn($w) => str_contains($w, 'Undefined variable $sessionID')), t_export($WARNINGS));
        $req = $EXAMPLE_LOG[count($EXAMPLE_LOG) - 1]['request'] ?? '';
        ok("$n: the request carried a nil sessionId", str_contains($req, '<sessionId xsi:nil="true"/>'), $req);
        if ($EXC instanceof SoapFault) {
            eq("$n: answered with fault 5 (a nil session is no session)",
                [$EXC->faultcode, $EXC->faultstring], ['5', 'Session expired. Try to relogin.']);
        } else {
            fail("$n: answered with fault 5", 'got ' . ($EXC ? get_class($EXC) . ' ' . $EXC->getMessage() : 'result ' . t_export($V['invoiceIncrementId'] ?? null)));
        }
        // nothing was invoiced: the fixed example still invoices the whole order
        [$c, $s] = checker();
        $inv = attempt("$n: a full create on 200000008 afterwards", fn() => $c->salesOrderInvoiceCreate($s, '200000008', [], null, null, null));
        check_full_200000008("$n (then a full create)", $inv);
        break;

    case 's001-v2-create-fixed':
        no_exception($n);
        $req = $EXAMPLE_LOG[count($EXAMPLE_LOG) - 1]['request'] ?? '';
        ok("$n: PHP sent the keyed qty array as two empty orderItemIdQty items",
            substr_count($req, '<item xsi:type="ns1:orderItemIdQty"/>') === 2, $req);
        check_full_200000008($n, $V['invoiceIncrementId'] ?? null);
        break;

    case 's001-wsi-create-asis':
        ok("$n: PHP refused the object before sending (as against a real store)",
            $EXC instanceof SoapFault && $EXC->getMessage() === "SOAP-ERROR: Encoding: object has no 'invoiceIncrementId' property",
            'got ' . ($EXC ? get_class($EXC) . ': ' . $EXC->getMessage() : 'no exception, result ' . t_export($V['result'] ?? null)));
        eq("$n: only the login went on the wire", count($EXAMPLE_LOG), 1);
        break;

    case 's001-wsi-create-fixed':
        no_exception($n);
        $req = $EXAMPLE_LOG[count($EXAMPLE_LOG) - 1]['request'] ?? '';
        ok("$n: PHP sent an empty <itemsQty/>", str_contains($req, '<itemsQty/>'), $req);
        check_full_200000008($n, $V['result']->result ?? null);
        break;

    case 's001-v2-addcomment':
        no_exception($n);
        eq("$n: addComment returned true", $V['result'] ?? null, true);
        eq("$n: var_dump printed bool(true)", trim($OUT), 'bool(true)');
        if (($i = check_info('200000006')) !== null) {
            ok("$n: invoice 200000006 now has one comment", is_array($i->comments ?? null) && count($i->comments) === 1,
                t_export($i->comments ?? null));
        }
        break;

    case 's001-wsi-addcomment':
        no_exception($n);
        eq("$n: addComment returned result \"1\"", $V['result']->result ?? null, '1');
        if (($i = check_info('200000006')) !== null) {
            $c = is_array($i->comments ?? null) ? $i->comments : [];
            eq("$n: invoice 200000006 has the comment, customer not notified",
                array_map(fn($x) => [$x->comment ?? null, $x->is_customer_notified ?? null], $c), [['invoice comment', '0']]);
        }
        break;

    case 's001-v2-cancel':
    case 's001-wsi-cancel':
        no_exception($n);
        eq("$n: cancel returned " . ($EX[$NAME]['wsi'] ? 'result "1"' : 'true'),
            $EX[$NAME]['wsi'] ? ($V['result']->result ?? null) : ($V['result'] ?? null), $EX[$NAME]['wsi'] ? '1' : true);
        if (($i = check_info('100000013')) !== null) {
            eq("$n: invoice 100000013 is CANCELED", $i->state ?? null, '3');
        }
        [$c, $s] = checker();
        expect_fault("$n: cancel again", fn() => $c->salesOrderInvoiceCancel($s, '100000013'), '104', 'Invoice cannot be canceled.');
        break;
}

if (($GLOBALS['T_FAILED'] ?? false) && count($EXAMPLE_LOG) > 0) {
    echo "  -- what the example itself sent and received:\n";
    foreach ($EXAMPLE_LOG as $x) {
        echo "    > ", $x['request'], "\n    < ", (string)$x['response'], "\n";
    }
}
