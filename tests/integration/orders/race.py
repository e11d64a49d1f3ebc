#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""hold racing create and cancel racing create, 32-way, over JSON-RPC: 31
threads invoice one widget at a time in a loop while one thread holds (or
cancels) the order.  Never an invoice on a held or canceled order: no create
that started after the hold/cancel was answered succeeds; a canceled order
has no invoice; every item ends with qty_invoiced + qty_canceled <= ordered
(= ordered after a cancel) and qty_invoiced = the creates that succeeded.
usage: race.py BASE_URL ORDER_INC... (half hold, half cancel)"""
import json
import random
import sys
import threading
import time
import urllib.request

BASE, ORDERS = sys.argv[1], sys.argv[2:]
N = 32


def ok(what, cond, detail=''):
    print(('PASS: ' if cond else 'FAIL: ') + what + ('' if cond else '  [%s]' % detail))


def rpc(method, params):
    body = json.dumps({'jsonrpc': '2.0', 'method': method, 'params': params, 'id': 1}).encode()
    req = urllib.request.Request(BASE + '/api/jsonrpc/', body, {'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def one_round(inc, action):
    sid = rpc('login', ['apiUser', 'apiKey'])['result']
    info = rpc('call', [sid, 'sales_order.info', [inc]])['result']
    item = info['items'][0]['item_id']
    start = threading.Barrier(N)
    done = {'t': None, 'ans': None}
    creates = []  # (started, ok)
    lock = threading.Lock()

    def creator():
        start.wait()
        for _ in range(6):  # 31 x 6 < 200: the widget is never exhausted
            t0 = time.monotonic()
            a = rpc('call', [sid, 'sales_order_invoice.create', [inc, {str(item): 1}]])
            with lock:
                creates.append((t0, 'result' in a))
            if 'error' in a:
                break

    def actor():
        start.wait()
        time.sleep(random.uniform(0.01, 0.15))
        a = rpc('call', [sid, 'sales_order.' + action, [inc]])
        done['t'], done['ans'] = time.monotonic(), a

    ts = [threading.Thread(target=creator) for _ in range(N - 1)] + [threading.Thread(target=actor)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    good = sum(1 for _, s in creates if s)
    late = [t0 for t0, s in creates if s and t0 > done['t']]
    ok('%s %s racing %d creates: no create started after the %s answer succeeded (%d invoices)'
       % (action, inc, len(creates), action, good), not late, late[:3])
    o = rpc('call', [sid, 'sales_order.info', [inc]])['result']
    it = o['items'][0]
    inv = float(it['qty_invoiced'])
    invoices = rpc('call', [sid, 'sales_order_invoice.list',
                            [{'order_id': o['order_id']}]])['result']
    ok('%s: qty_invoiced (%g) = successful creates (%d) = invoices (%d)'
       % (inc, inv, good, len(invoices)), inv == good == len(invoices))
    ans = done['ans']
    if action == 'hold':
        ok('%s: hold answered true and the order is held' % inc,
           ans.get('result') is True and o['state'] == 'holded', (ans, o['state']))
        after = rpc('call', [sid, 'sales_order_invoice.create', [inc, {str(item): 1}]])
        ok('%s: create on the held order is refused' % inc,
           after.get('error', {}).get('code') == 102, after)
    else:
        can = float(it['qty_canceled'])
        if ans.get('result') is True:
            ok('%s: canceled before any invoice: no invoice, all canceled' % inc,
               o['state'] == 'canceled' and good == 0 and can == float(it['qty_ordered']),
               (o['state'], good, can))
        else:
            ok('%s: cancel after invoices: fault 103, the rest canceled, state processing' % inc,
               ans.get('error', {}).get('code') == 103 and o['state'] == 'processing'
               and inv + can == float(it['qty_ordered']), (ans, o['state'], inv, can))
        after = rpc('call', [sid, 'sales_order_invoice.create', [inc, {}]])
        ok('%s: create after the cancel is refused' % inc, 'error' in after, after)


half = len(ORDERS) // 2
for inc in ORDERS[:half]:
    one_round(inc, 'hold')
for inc in ORDERS[half:]:
    one_round(inc, 'cancel')
