#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Bounded work (issue 8 item 6) against a daemon started with
max_jsonrpc_batch = 4, max_multicall_calls = 3, max_logins_per_request = 2
and, with `deadline`, request_deadline_ms = 40 and slow logins: past a
limit a clear fault and nothing executed beyond it.
usage: limits.py BASE_URL limits|deadline USER KEY ORDER_INC"""
import json
import re
import sys
import urllib.request

BASE, MODE, USER, KEY, ORDER = sys.argv[1:6]
fails = 0


def ok(what):
    print('PASS: ' + what)


def bad(what, detail=''):
    global fails
    fails += 1
    print('FAIL: %s\n    %s' % (what, detail[:2000]))


def check(what, cond, detail=''):
    (ok if cond else lambda w: bad(w, detail))(what)


def post(path, body, ctype):
    req = urllib.request.Request(BASE + path, body.encode(), {'Content-Type': ctype})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def jr(body):
    st, text = post('/api/jsonrpc/', json.dumps(body), 'application/json')
    return json.loads(text) if text else None


def rq(i, method, params):
    return {'jsonrpc': '2.0', 'id': i, 'method': method, 'params': params}


def v1(inner):
    env = ('<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
           'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
           'xmlns:ns1="urn:Magento" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">'
           '<SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>' % inner)
    return post('/api/soap/', env, 'text/xml; charset=utf-8')


def multicall(sid, n):
    calls = ''.join(
        '<item SOAP-ENC:arrayType="xsd:anyType[2]" xsi:type="SOAP-ENC:Array">'
        '<item xsi:type="xsd:string">sales_order_invoice.create</item>'
        '<item SOAP-ENC:arrayType="xsd:string[1]" xsi:type="SOAP-ENC:Array">'
        '<item xsi:type="xsd:string">%s</item></item></item>' % ORDER for _ in range(n))
    return v1('<ns1:multiCall><sessionId xsi:type="xsd:string">%s</sessionId>'
              '<calls SOAP-ENC:arrayType="xsd:anyType[%d]" xsi:type="SOAP-ENC:Array">%s</calls>'
              '</ns1:multiCall>' % (sid, n, calls))


def invoices_of_order(sid):
    a = jr(rq(1, 'call', [sid, 'sales_order_invoice.list', []]))
    return sum(1 for r in a['result'] if r['increment_id'] and r['order_id'])


def limits():
    sid = jr(rq(1, 'login', [USER, KEY]))['result']
    # JSON-RPC batch: 4 pass, 5 are refused whole (nothing runs)
    a = jr([rq(i, 'startSession', []) for i in range(4)])
    check('a batch of 4 (the limit) is answered', isinstance(a, list) and len(a) == 4, json.dumps(a))
    before = invoices_of_order(sid)
    a = jr([rq(i, 'call', [sid, 'sales_order_invoice.create', [ORDER]]) for i in range(5)])
    check('a batch of 5 is refused as one -32600 error naming the limit',
          isinstance(a, dict) and a.get('error', {}).get('code') == -32600 and
          'max_jsonrpc_batch' in a['error']['message'], json.dumps(a))
    check('... and none of its calls ran', invoices_of_order(sid) == before)
    # logins per request: 2 run, the third is refused without running
    a = jr([rq(i, 'login', [USER, KEY]) for i in range(3)])
    res = [x.get('result') for x in a]
    errs = [x.get('error') for x in a]
    check('2 logins in a batch succeed', all(isinstance(r, str) and len(r) == 32 for r in res[:2]),
          json.dumps(a))
    check('the 3rd login in one batch is refused (max_logins_per_request)',
          errs[2] and errs[2]['code'] == -32600 and 'max_logins_per_request' in errs[2]['message'],
          json.dumps(a))
    a = jr(rq(1, 'login', [USER, KEY]))
    check('the next request may log in again', isinstance(a.get('result'), str), json.dumps(a))
    # multiCall: 3 pass, 4 are refused whole
    st, body = multicall(sid, 3)
    check('a multiCall of 3 (the limit) runs', st == 200 and 'multiCallResponse' in body, body)
    before = invoices_of_order(sid)
    st, body = multicall(sid, 4)
    check('a multiCall of 4 is a SOAP-ENV:Client fault naming the limit',
          st == 500 and 'SOAP-ENV:Client' in body and 'max_multicall_calls' in body,
          '%d %s' % (st, body))
    check('... and none of its calls ran', invoices_of_order(sid) == before)


def deadline():
    # each login costs more than the 40 ms deadline: the first runs, the rest
    # of the batch is refused with the deadline fault, nothing run after it
    a = jr([rq(i, 'login', [USER, KEY]) for i in range(2)])
    check('the first login of a batch runs', isinstance(a[0].get('result'), str), json.dumps(a))
    e = a[1].get('error') or {}
    check('the next one is past the request deadline: -32603 "Request deadline exceeded."',
          e.get('code') == -32603 and e.get('message') == 'Request deadline exceeded.',
          json.dumps(a))
    a = jr(rq(1, 'login', [USER, KEY]))
    check('a new request has a new deadline', isinstance(a.get('result'), str), json.dumps(a))


limits() if MODE == 'limits' else deadline()
print('%d failed' % fails)
