#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed inputs for the libFuzzer targets (tests/fuzz/README.md).

    seed.py OUTDIR

writes OUTDIR/<target>/NNN files: the recorded OpenMage requests of
tests/captures (V1, V2, WS-I; session ids replaced by @SID@, which the
harness turns into a live session), the hostile catalogue's bodies that are
small enough, one request per API method in XML-RPC, JSON-RPC and REST,
filters, regexps, the example configuration and the import fixtures.
scripts/fuzz.sh --seed minimises these into tests/fuzz/corpus/ with
libFuzzer's -merge=1; the tree keeps only that minimised corpus.
"""
import glob
import json
import os
import re
import sys
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SID_RE = re.compile(rb'(<sessionId[^>]*>)[0-9a-f]{32}(</sessionId>)')
OUT = {}


def add(target, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    OUT.setdefault(target, []).append(data)


def captures():
    for dialect in ('v1', 'v2', 'wsi'):
        for path in sorted(glob.glob(f'{ROOT}/tests/captures/{dialect}-*.req.xml')):
            body = open(path, 'rb').read()
            add(dialect, SID_RE.sub(rb'\1@SID@\2', body))


def expand(parts, limit=65536):
    if isinstance(parts, str):
        return parts
    out = ''
    for p in parts:
        if isinstance(p, str):
            out += p
        else:
            if len(p['repeat']) * p['times'] > limit:
                return None
            out += p['repeat'] * p['times']
    return out if len(out) <= limit else None


def hostile():
    for path in sorted(glob.glob(f'{ROOT}/tests/hostile/*.json')):
        case = json.load(open(path))
        ep = expand(case.get('endpoint', ''))
        body = expand(case.get('body', ''))
        if body is None or ep is None or case.get('method', 'POST') != 'POST':
            continue
        enc = case.get('body_encoding', 'utf-8')
        try:
            data = body.encode('latin-1') if enc == 'bytes' else body.encode(enc)
        except (UnicodeEncodeError, LookupError):
            continue
        if ep.startswith('/api/v2_soap'):
            add('wsi' if 'RequestParam' in body else 'v2', data)
        elif ep.startswith('/api/xmlrpc'):
            add('xmlrpc', data)
        elif ep.startswith('/api/jsonrpc'):
            add('jsonrpc', data)
        elif ep.startswith('/rest/'):
            add('rest', b'POST ' + ep[len('/rest/V1'):].encode() + b'\n' + data)
        elif ep.startswith('/api/soap') or ep == '/api/':
            add('v1', data)


# One call per method, as the tests make them (demo data ids).
FILTERS = [
    {},
    {'state': 1},
    {'order_id': {'in': ['1', '3']}},
    {'created_at': {'from': '2012-03-01 00:00:00', 'to': '2012-05-01 00:00:00'}},
    {'grand_total': {'gteq': '10.5'}, 'order_currency_code': {'neq': 'EUR'}},
    {'increment_id': {'like': '10000%'}},
    {'increment_id': {'regexp': '^1000+1[0-9]$'}},
    {'invoice_id': {'null': True}},
    {'state': {'nin': [2, 3]}, 'store_id': {'eq': 1}},
    {'complex_filter': [{'key': 'state', 'value': {'key': 'in', 'value': '1,2'}}]},
    {'filter': [{'key': 'order_id', 'value': '1'}]},
]
CALLS = [
    ('sales_order_invoice.list', []),
    ('sales_order_invoice.list', [FILTERS[4]]),
    ('sales_order_invoice.info', ['100000001']),
    ('sales_order_invoice.create', ['100000003', {'4': 1}, 'comment', True, True]),
    ('sales_order_invoice.create', ['200000008', [{'order_item_id': 16, 'qty': 2}], '', False, False]),
    ('sales_order_invoice.addComment', ['100000001', 'hello', True, False]),
    ('sales_order_invoice.capture', ['100000016']),
    ('sales_order_invoice.void', ['100000016']),
    ('sales_order_invoice.cancel', ['100000013']),
    ('order_invoice.info', ['200000006']),
]


def rpc():
    for method, args in CALLS:
        add('xmlrpc', xmlrpc.client.dumps(('@SID@', method, args), 'call', allow_none=True))
        add('jsonrpc', json.dumps({'jsonrpc': '2.0', 'id': 1, 'method': 'call',
                                   'params': ['@SID@', method, args]}))
    add('xmlrpc', xmlrpc.client.dumps(('apiUser', 'apiKey'), 'login'))
    add('xmlrpc', xmlrpc.client.dumps(('@SID@', [['sales_order_invoice.info', ['100000001']],
                                                ['sales_order_invoice.list', []]]), 'multiCall'))
    add('xmlrpc', xmlrpc.client.dumps(('@SID@',), 'endSession'))
    add('xmlrpc', xmlrpc.client.dumps(('@SID@',), 'resources'))
    add('jsonrpc', json.dumps({'jsonrpc': '2.0', 'id': 'a', 'method': 'login', 'params': ['apiUser', 'apiKey']}))
    add('jsonrpc', json.dumps([{'jsonrpc': '2.0', 'id': 1, 'method': 'sales_order_invoice.info',
                                'params': ['@SID@', '100000001']},
                               {'jsonrpc': '2.0', 'method': 'call', 'params': ['@SID@', 'sales_order_invoice.list']}]))
    add('jsonrpc', json.dumps({'jsonrpc': '2.0', 'id': 2, 'method': 'multiCall',
                               'params': ['@SID@', [['sales_order_invoice.info', ['100000001']]]]}))
    add('jsonrpc', json.dumps({'jsonrpc': '2.0', 'id': 3, 'method': 'resources', 'params': ['@SID@']}))


WSI_ENV = ('<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope '
           'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento" '
           'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="http://xml.apache.org/xml-soap">'
           '<SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>\n')


def wsi_call():
    """WS-I call / multiCall (docs/wsi-call.md): the literal and typed forms."""
    call = '<ns1:callParam><sessionId>@SID@</sessionId><apiPath>%s</apiPath>%s</ns1:callParam>'
    for path, args in (
            ('sales_order_invoice.info', '<args>100000001</args>'),
            ('sales_order_invoice.info', '<args xsi:type="xsd:string">100000001</args>'),
            ('sales_order_invoice.info', '<args><complexObjectArray>100000001</complexObjectArray></args>'),
            ('sales_order_invoice.info', '<args><complexObjectArray><key>invoiceIncrementId</key>'
                                         '<value>100000001</value></complexObjectArray></args>'),
            ('sales_order_invoice.list', '<args/>'),
            ('sales_order_invoice.create', '<args><xsd:anyType>200000008</xsd:anyType><xsd:anyType><item>'
                                           '<key>16</key><value>1</value></item></xsd:anyType>'
                                           '<xsd:string>seed</xsd:string></args>'),
            ('sales_order_invoice.create', '<args SOAP-ENC:arrayType="xsd:ur-type[2]" xsi:type="SOAP-ENC:Array">'
                                           '<item xsi:type="xsd:string">100000003</item><item xsi:type="ns2:Map">'
                                           '<item><key xsi:type="xsd:int">4</key><value xsi:type="xsd:int">1</value>'
                                           '</item></item></args>'),
            ('sales_order.info', '<args><xsd:string>200000002</xsd:string></args>'),
            ('nope', '<args xsi:nil="true"/>')):
        add('wsi', WSI_ENV % (call % (path, args)))
    coa = '<complexObjectArray><complexObjectArray>%s</complexObjectArray><complexObjectArray>%s' \
          '</complexObjectArray></complexObjectArray>'
    add('wsi', WSI_ENV % ('<ns1:multiCallParam><sessionId>@SID@</sessionId><calls>%s%s</calls><options>'
                          '<complexObjectArray><key>break</key><value>1</value></complexObjectArray></options>'
                          '</ns1:multiCallParam>' % (coa % ('sales_order_invoice.info', '100000001'),
                                                     coa % ('x.y', '1'))))
    add('wsi', WSI_ENV % ('<ns1:multiCallParam><sessionId>@SID@</sessionId><calls><SOAP-ENC:Array>'
                          '<xsd:string>sales_order.info</xsd:string><xsd:string>200000002</xsd:string>'
                          '</SOAP-ENC:Array></calls><options><item><key>break</key><value>0</value></item>'
                          '</options></ns1:multiCallParam>'))


def rest():
    add('rest', 'POST /integration/admin/token\n' + json.dumps({'username': 'apiUser', 'password': 'apiKey'}))
    for body in ({}, {'capture': True}, {'capture': False, 'notify': True,
                                         'items': [{'order_item_id': 4, 'qty': 1}]},
                 {'appendComment': True, 'comment': {'comment': 'hi', 'is_visible_on_front': 0}},
                 {'arguments': {'extension_attributes': {}}}):
        add('rest', 'POST /order/3/invoice\n' + json.dumps(body))
    add('rest', 'GET /order/3/invoice\n')


def filters():
    for f in FILTERS:
        add('filter', json.dumps(f))
    for p, s in (('^1000+1$', '100001'), ('((.{1,200}){1,200}){1,10}', 'x' * 50),
                 ('(?i)ABC|d[0-9]+', 'xxd42'), ('[[:alpha:]]+\\b', 'word '), ('(a+)+$', 'a' * 30 + 'b')):
        add('regex', p.encode() + b'\0' + s.encode())


def files():
    add('config', open(f'{ROOT}/conf/magesoapd.conf.example', 'rb').read())
    add('config', b'listen = 127.0.0.1:8080\nworkers = 4\nprofile = openmage\nmax_sessions = 0\n')
    add('config', b'# comment only\n\nlog_level = debug # trailing\nwsi_compliance=on\n')
    for path in (f'{ROOT}/tests/data/captures-orders.json', f'{ROOT}/tests/integration/rest/orders.json'):
        add('import', open(path, 'rb').read())


def main():
    out = sys.argv[1]
    captures()
    hostile()
    rpc()
    wsi_call()
    rest()
    filters()
    files()
    for target, items in OUT.items():
        os.makedirs(f'{out}/{target}', exist_ok=True)
        for i, data in enumerate(items):
            with open(f'{out}/{target}/{i:04d}', 'wb') as fp:
                fp.write(data)
        print(f'{target}: {len(items)} seeds')


if __name__ == '__main__':
    main()
