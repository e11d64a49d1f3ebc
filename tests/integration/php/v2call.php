<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// One V2 call with PHP's SoapClient (WSDL mode) for shell tests; prints the
// result as JSON ({"result": ...} or {"fault": [code, message]}).
//
// usage: php v2call.php BASE_URL USER KEY OP [ARGS...]
//   info INVOICE | list | list-order ORDER_ID | list-state STATE,...
//   create ORDER [ITEM:QTY,...] | capture|void|cancel INVOICE
//   addComment INVOICE TEXT
// Set SID=<session id> in the environment to skip the login.
ini_set('soap.wsdl_cache_enabled', '0');
$args = $argv;
array_shift($args);
[$base, $user, $key, $op] = array_splice($args, 0, 4);

function plain($v)
{
    if (is_object($v)) {
        $v = get_object_vars($v);
    }
    return is_array($v) ? array_map('plain', $v) : $v;
}

try {
    $c = new SoapClient("$base/api/v2_soap/?wsdl&wsi=0", ['cache_wsdl' => WSDL_CACHE_NONE]);
    $sid = getenv('SID') ?: $c->login($user, $key);
    switch ($op) {
        case 'login':
            $r = $sid;
            break;
        case 'info':
            $r = $c->salesOrderInvoiceInfo($sid, $args[0]);
            break;
        case 'list':
            $r = $c->salesOrderInvoiceList($sid);
            break;
        case 'list-order':
            $r = $c->salesOrderInvoiceList($sid, ['filter' => [['key' => 'order_id', 'value' => $args[0]]]]);
            break;
        case 'list-state':
            $r = $c->salesOrderInvoiceList($sid, ['complex_filter' => [['key' => 'state',
                'value' => ['key' => 'in', 'value' => $args[0]]]]]);
            break;
        case 'create':
            $q = [];
            if (($args[1] ?? '') !== '') {
                foreach (explode(',', $args[1]) as $p) {
                    [$i, $n] = explode(':', $p);
                    $q[] = ['order_item_id' => (int)$i, 'qty' => (float)$n];
                }
            }
            $r = $c->salesOrderInvoiceCreate($sid, $args[0], $q, null, null, null);
            break;
        case 'capture':
        case 'void':
        case 'cancel':
            $m = 'salesOrderInvoice' . ucfirst($op);
            $r = $c->$m($sid, $args[0]);
            break;
        case 'addComment':
            $r = $c->salesOrderInvoiceAddComment($sid, $args[0], $args[1], '0', '0');
            break;
        case 'endSession':
            $r = $c->endSession($sid);
            break;
        default:
            fwrite(STDERR, "unknown op $op\n");
            exit(2);
    }
    echo json_encode(['result' => plain($r)]), "\n";
} catch (SoapFault $f) {
    echo json_encode(['fault' => [$f->faultcode, $f->faultstring]]), "\n";
}
