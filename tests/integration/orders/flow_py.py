#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The connector flow from python: xmlrpc.client the way the Odoo connector
(magentoerpconnect) calls Magento 1 -- call(session, 'sales_order.list',
[{'updated_at': {'from': date}}]), then sales_order.info, invoice create with
itemsQty as a struct keyed by item id, capture, sales_order.addComment --
or zeep on the WS-I WSDL.
usage: flow_py.py BASE_URL xmlrpc|zeep ORDER_INC   (PASS:/FAIL: lines)"""
import sys
import xmlrpc.client

BASE, MODE, INC = sys.argv[1:4]


def ok(what, cond, detail=''):
    print(('PASS: ' if cond else 'FAIL: ') + MODE + ': ' + what + ('' if cond else '  [%s]' % detail))


def xmlrpc_flow():
    p = xmlrpc.client.ServerProxy(BASE + '/api/xmlrpc/', allow_none=True)
    s = p.login('apiUser', 'apiKey')
    since = '2000-01-01 00:00:00'
    orders = p.call(s, 'sales_order.list', [{'updated_at': {'from': since}}])
    mine = [o for o in orders if o['increment_id'] == INC]
    ok('list of orders updated since a date holds the order', len(mine) == 1, len(orders))
    o = p.call(s, 'sales_order.info', [INC])
    items = o['items']
    ok('info gives the item ids', len(items) == 2 and int(items[0]['item_id']) > 0, items)
    inv = p.call(s, 'sales_order_invoice.create',
                 [INC, {str(items[0]['item_id']): 2.0}, 'from odoo', False, False])
    ok('partial invoice (itemsQty struct keyed by item id)', isinstance(inv, str) and inv, inv)
    ok('capture', p.call(s, 'sales_order_invoice.capture', [inv]) is True)
    ok('addComment with a new status',
       p.call(s, 'sales_order.addComment', [INC, 'erp_partial', 'ERP: invoiced', False]) is True)
    o = p.call(s, 'sales_order.info', [INC])
    h = o['status_history']
    ok('info shows the status and history', o['status'] == 'erp_partial' and
       h[0]['status'] == 'erp_partial' and h[0]['comment'] == 'ERP: invoiced' and
       str(h[0]['is_customer_notified']) == '0', (o['status'], h[:1]))
    ok('info shows qty_invoiced', o['items'][0]['qty_invoiced'] == '2.0000', o['items'][0])
    try:
        p.call(s, 'sales_order.cancel', ['999999999'])
        ok('unknown order: fault 100', False, 'no fault')
    except xmlrpc.client.Fault as f:
        ok('unknown order: fault 100', f.faultCode == 100 and
           f.faultString == 'Requested order not exists.', (f.faultCode, f.faultString))


def arr(v):
    """zeep hands a WS-I array as a list or as {complexObjectArray: [...]}."""
    if v is None:
        return []
    if isinstance(v, list):
        return v
    return list(v.complexObjectArray or [])


def zeep_flow():
    import zeep
    c = zeep.Client(BASE + '/api/v2_soap/?wsdl&wsi=1')
    s = c.service.login(username='apiUser', apiKey='apiKey')
    flt = {'complex_filter': {'complexObjectArray': [
        {'key': 'updated_at', 'value': {'key': 'from', 'value': '2000-01-01 00:00:00'}},
        {'key': 'increment_id', 'value': {'key': 'eq', 'value': INC}}]}}
    lst = c.service.salesOrderList(sessionId=s, filters=flt)
    rows = arr(lst)
    ok('list by updated_at and increment_id', len(rows) == 1 and rows[0].increment_id == INC, lst)
    o = c.service.salesOrderInfo(sessionId=s, orderIncrementId=INC)
    items = arr(o.items)
    ok('info: items, addresses, payment', len(items) == 2 and o.billing_address.company == 'Acme GmbH'
       and o.payment.cc_type == 'VI' and o.shipping_address.city == 'Hamburg', o)
    inv = c.service.salesOrderInvoiceCreate(sessionId=s, invoiceIncrementId=INC, itemsQty={
        'complexObjectArray': [{'order_item_id': int(items[0].item_id), 'qty': 2.0}]})
    ok('partial invoice', bool(inv), inv)
    ok('capture', str(c.service.salesOrderInvoiceCapture(sessionId=s, invoiceIncrementId=inv)) == '1')
    r = c.service.salesOrderAddComment(sessionId=s, orderIncrementId=INC, status='erp_partial',
                                       comment='ERP: zeep', notify=0)
    ok('addComment answers xsd:int 1', r == 1, r)
    ok('hold answers 1', c.service.salesOrderHold(sessionId=s, orderIncrementId=INC) == 1)
    ok('unhold answers 1', c.service.salesOrderUnhold(sessionId=s, orderIncrementId=INC) == 1)
    o = c.service.salesOrderInfo(sessionId=s, orderIncrementId=INC)
    h = arr(o.status_history)
    ok('info shows the status restored by unhold and the comment in the history',
       o.status == 'erp_partial' and any(x.comment == 'ERP: zeep' for x in h) and
       arr(o.items)[0].qty_invoiced == '2.0000', (o.status, h))


try:
    {'xmlrpc': xmlrpc_flow, 'zeep': zeep_flow}[MODE]()
except Exception as e:  # noqa: BLE001 -- any failure is reported as one
    print('FAIL: %s: %s: %s' % (MODE, type(e).__name__, e))
