<?php
// SPDX-License-Identifier: GPL-2.0-or-later
// Magento 2 REST reads from PHP as integrators write them: a token, an
// invoice through InvoiceOrder, then GET /V1/orders/{id}, GET /V1/invoices
// with searchCriteria built by http_build_query, GET /V1/invoices/{id}.
// usage: php rest_m2_client.php BASE USER KEY ORDER_ID ITEM_ID
[, $base, $user, $key, $orderId, $itemId] = $argv;
$R = "$base/rest/V1";
function check($what, $ok, $detail = '') {
    echo ($ok ? 'PASS: ' : 'FAIL: '), $what, $ok ? '' : ' -- ' . var_export($detail, true), "\n";
}
function call($method, $url, $token = null, $body = null) {
    $h = ['Content-Type: application/json'];
    if ($token) $h[] = "Authorization: Bearer $token";
    $ctx = stream_context_create(['http' => ['method' => $method, 'header' => implode("\r\n", $h),
        'content' => $body === null ? '' : json_encode($body), 'ignore_errors' => true]]);
    $raw = file_get_contents($url, false, $ctx);
    preg_match('#^HTTP/\S+ (\d+)#', $http_response_header[0], $m);
    return [(int)$m[1], json_decode($raw, true)];
}
[$st, $token] = call('POST', "$R/integration/admin/token", null, ['username' => $user, 'password' => $key]);
check('token', $st === 200 && is_string($token), $st);
[$st, $order] = call('GET', "$R/orders/$orderId", $token);
check('GET order', $st === 200 && $order['entity_id'] === (int)$orderId, [$st, $order]);
$item = $order['items'][0];
check('order item id from the order read', $item['item_id'] === (int)$itemId, $item);
[$st, $id] = call('POST', "$R/order/$orderId/invoice", $token, ['items' => [['order_item_id' => $item['item_id'], 'qty' => 1]]]);
check('invoice the item the read gave', $st === 200 && is_int($id), [$st, $id]);
$q = http_build_query(['searchCriteria' => [
    'filter_groups' => [['filters' => [['field' => 'order_id', 'value' => $orderId, 'condition_type' => 'eq']]]],
    'sortOrders' => [['field' => 'created_at', 'direction' => 'DESC']],
    'pageSize' => 10, 'currentPage' => 1]]);
[$st, $list] = call('GET', "$R/invoices?$q", $token);
check('search by order_id finds it', $st === 200 && $list['total_count'] === 1 && $list['items'][0]['entity_id'] === $id, [$st, $list]);
check('search_criteria echoed', ($list['search_criteria']['page_size'] ?? null) === 10 && ($list['search_criteria']['filter_groups'][0]['filters'][0]['field'] ?? null) === 'order_id', $list['search_criteria'] ?? null);
[$st, $inv] = call('GET', "$R/invoices/$id", $token);
check('GET invoice', $st === 200 && $inv['order_id'] === (int)$orderId && $inv['items'][0]['order_item_id'] === (int)$itemId, [$st, $inv]);
[$st, $o2] = call('GET', "$R/orders/$orderId", $token);
check('the order shows the invoiced qty', $st === 200 && $o2['items'][0]['qty_invoiced'] == 1, $o2['items'][0] ?? null);
[$st, $err] = call('GET', "$R/invoices?" . http_build_query(['searchCriteria' => ['filter_groups' => [['filters' => [['field' => 'bogus', 'value' => 1]]]]]]), $token);
check('bad field is 400 with Magento\'s message', $st === 400 && $err['message'] === 'Invalid value of "%value" provided for the %fieldName field.', [$st, $err]);
$q = http_build_query(['searchCriteria' => [
    'filter_groups' => [['filters' => [['field' => 'entity_id', 'value' => $orderId, 'condition_type' => 'eq'],
                                       ['field' => 'increment_id', 'value' => 'nothing', 'condition_type' => 'eq']]],
                        ['filters' => [['field' => 'state', 'value' => 'canceled', 'condition_type' => 'neq']]]],
    'sortOrders' => [['field' => 'created_at', 'direction' => 'DESC']],
    'pageSize' => 5, 'currentPage' => 1]]);
[$st, $ol] = call('GET', "$R/orders?$q", $token);
check('orders search finds the order as OrderInterface', $st === 200 && $ol['total_count'] === 1 && $ol['items'][0]['entity_id'] === (int)$orderId
      && isset($ol['items'][0]['billing_address']['street'][0], $ol['items'][0]['payment']['method'])
      && is_array($ol['items'][0]['status_histories'])
      && $ol['items'][0]['items'][0]['qty_invoiced'] == 1, [$st, $ol]);
[$st, $err] = call('GET', "$R/orders?" . http_build_query(['searchCriteria' => ['filter_groups' => [['filters' => [['field' => 'bogus', 'value' => 1]]]]]]), $token);
check('orders: bad field is 400 with Magento\'s message', $st === 400 && $err['message'] === 'Invalid value of "%value" provided for the %fieldName field.' && $err['parameters']['value'] === 'bogus', [$st, $err]);
[$st, $err] = call('GET', "$R/orders?searchCriteria[pageSize]=1");
check('orders without a token: 401', $st === 401, [$st, $err]);
