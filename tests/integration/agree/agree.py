#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Cross-dialect agreement (issue 8 item 2): every method x every dialect
(SOAP V1 call, V1 multiCall, V2, WS-I -- through PHP's SoapClient --,
XML-RPC, JSON-RPC, and REST where a route exists) x roles all, info-only
and none, with valid and invalid arguments, unknown ids, and an invoice
whose comments hold U+FFFF, U+FFFE and control characters XML cannot carry.
Every dialect must give the same outcome: the same result values, or the
same fault code and message.  Magento's own differences stay (V2/WS-I
answer typed entities: only the WSDL's fields; WS-I's "1" for true).

usage: agree.py BASE_URL SOURCE_DIR ORDERS_JSON DB
Prints PASS:/FAIL: lines (the shell script counts them).
"""
import copy
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import xmlrpc.client
import xml.dom.minidom

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
import tdb  # noqa: E402  (SQLite or PostgreSQL, as lib.sh chose)

BASE, SRC, ORDERS, DB = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
PHP = [
    'php', '-d', 'soap.wsdl_cache_enabled=0',
    SRC + '/tests/integration/agree/soap_dialects.php', BASE
]
ROLES = {'all': ('agree_all', 'key-all-1'),
         'info': ('agree_info', 'key-info-1'),
         'none': ('agree_none', 'key-none-1')}
DIALECTS = ['v1', 'multicall', 'v2', 'wsi', 'xmlrpc', 'jsonrpc']
TYPED = {'v2', 'wsi'}
PATHS = {'list', 'info', 'create', 'addComment', 'capture', 'void', 'cancel'}
# a comment no XML document can carry raw: C0 controls, U+FFFE, U+FFFF,
# and what must merely be escaped
NASTY = 'bad\x01\x0b\x1f\ufffe\uffff <&>"\' \u00e9 \U0001F600 \r\n\tend'
NASTY2 = '\x08back\ufffe\uffff\x0c\x7f'
BAD_SID = '0123456789abcdef0123456789abcdef'
VOLATILE = re.compile(r'(_id|^increment_id|^created_at|^updated_at|^order_created_at)$')

failures = 0


def ok(what):
    print('PASS: ' + what)


def bad(what, detail=''):
    global failures
    failures += 1
    print('FAIL: ' + what)
    if detail:
        print('    ' + detail[:3000])


# ---- the dialects ------------------------------------------------------------

def jsonrpc(method, params, rid=1):
    body = json.dumps({'jsonrpc': '2.0', 'method': method, 'params': params,
                       'id': rid}).encode()
    req = urllib.request.Request(BASE + '/api/jsonrpc/', body,
                                 {'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=20) as r:
        return json.loads(r.read())


def jsonrpc_outcome(method, params):
    a = jsonrpc(method, params)
    if 'error' in a:
        return {'fault': [str(a['error']['code']), a['error']['message']]}
    return {'ok': a['result']}


def run_rpc(dialect, ops, inc0):
    """XML-RPC / JSON-RPC: the V1 handler methods, resource methods via call."""
    sid, inc, out = '', inc0, []
    proxy = xmlrpc.client.ServerProxy(BASE + '/api/xmlrpc/', allow_none=True)
    for op in ops:
        m, args = op[0], [sid if a == '$sid' else inc if a == '$inc' else a for a in op[1:]]
        if m in PATHS:
            params = [args[0], 'sales_order_invoice.' + m, args[1:]]
            m2 = 'call'
        elif m.startswith('order.'):  # the sales_order resource, through call
            params = [args[0], 'sales_order.' + m[6:], args[1:]]
            m2 = 'call'
        else:
            params, m2 = args, m
        try:
            if dialect == 'jsonrpc':
                o = jsonrpc_outcome(m2, params)
            else:
                try:
                    o = {'ok': getattr(proxy, m2)(*params)}
                except xmlrpc.client.Fault as f:
                    o = {'fault': [str(f.faultCode), f.faultString]}
        except Exception as e:  # transport, malformed XML...
            o = {'error': '%s: %s' % (type(e).__name__, e)}
        if 'ok' in o and m == 'login' and isinstance(o['ok'], str):
            sid = o['ok']
        if 'ok' in o and m == 'create' and isinstance(o['ok'], str):
            inc = o['ok']
        out.append(o)
    return out


def run_soap(dialect, ops, inc0, soap12=False):
    prog = json.dumps({'dialect': dialect, 'ops': ops, 'inc': inc0, 'soap12': soap12})
    p = subprocess.run(PHP, input=prog.encode(), capture_output=True, timeout=120)
    try:
        res = json.loads(p.stdout)
    except ValueError:
        return [{'error': 'php: ' + (p.stdout + p.stderr).decode(errors='replace')[:2000]}] * len(ops)
    return res


def run(dialect, ops, inc0):
    if dialect in ('xmlrpc', 'jsonrpc'):
        return run_rpc(dialect, ops, inc0)
    return run_soap(dialect, ops, inc0)


# ---- normalising and comparing ---------------------------------------------------

def norm(v, ids):
    """PHP's string view of a value; NULL members dropped (V2 omits them)."""
    if isinstance(v, dict):
        return {k: ('<id>' if ids and VOLATILE.search(k) else norm(x, ids))
                for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [norm(x, ids) for x in v]
    if isinstance(v, bool):
        return '1' if v else ''
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if v is None:
        return ''
    return str(v)


def outcome(o, op, ids):
    if 'ok' in o:
        v = o['ok']
        if op[0] in ('login', 'startSession', 'create') and isinstance(v, str) and v:
            return ('ok', '<%s>' % op[0])
        return ('ok', norm(v, ids))
    if 'fault' in o:
        return ('fault', str(o['fault'][0]), o['fault'][1])
    return ('error', o.get('error'))


def project(ref, typed):
    """ref (untyped) restricted to the members the typed answer has."""
    if isinstance(ref, dict) and isinstance(typed, dict):
        return {k: project(ref[k], typed[k]) for k in typed if k in ref}
    if isinstance(ref, list) and isinstance(typed, list) and len(ref) == len(typed):
        return [project(r, t) for r, t in zip(ref, typed)]
    return ref


def agree(what, results):
    """results: {dialect: outcome}; v1 is the reference."""
    ref = results['v1']
    if ref[0] == 'error':
        bad(what + ': v1 failed', str(ref))
        return
    good = True
    for d, o in results.items():
        want = ref
        if d in TYPED and ref[0] == 'ok' and o[0] == 'ok':
            want = ('ok', project(ref[1], o[1]))
        if d == 'multicall' and ref[0] == 'fault' and ref[1] == '1':
            # Magento's multiCall catches the non-API exception behind fault 1
            # and answers its default text (fact base, multiCall entry)
            want = ('fault', '1', 'Internal Error. Please see log for details.')
        if o != want:
            good = False
            bad('%s: %s disagrees with v1' % (what, d),
                '%s: %s\n    v1: %s' % (d, json.dumps(o, ensure_ascii=True)[:1400],
                                         json.dumps(want, ensure_ascii=True)[:1400]))
    if good:
        ok('%s: %s in %d dialects' % (what, ref[0] if ref[0] != 'fault' else
                                      'fault %s %s' % (ref[1], ref[2]), len(results)))


# ---- the program ---------------------------------------------------------------------

def program(role, order, inc0):
    """Two phases, each run in every dialect before the next: reads (the
    store does not change while the dialects run them), then writes, each
    dialect on its own order."""
    user, key = ROLES[role]
    login = (['login', user, key], False)
    reads = [
        # (op, compare with ids and dates blanked)
        login,
        (['login', user, 'wrong-key'], False),
        (['login', '', ''], False),
        login,
        (['info', '$sid', inc0], False),
        (['info', '$sid', '999999999'], False),
        (['info', BAD_SID, inc0], False),
        (['list', '$sid', None], False),
        (['list', '$sid', {'increment_id': {'in': [inc0, '999999999']}}], False),
        (['list', '$sid', {'state': {'eq': '2'}, 'order_currency_code': {'neq': 'EUR'}}], False),
        (['list', '$sid', {'nosuch_field': {'eq': '1'}}], False),
        (['resources', '$sid'], False),
        (['resources', BAD_SID], False),
        (['globalFaults', '$sid'], False),
        (['resourceFaults', '$sid', 'sales_order_invoice'], False),
        (['resourceFaults', '$sid', 'order_invoice'], False),
        (['resourceFaults', '$sid', 'nosuch'], False),
        (['resourceFaults', '$sid', 'sales_order'], False),
        (['resourceFaults', '$sid', 'order'], False),
        # sales_order reads
        (['order.info', '$sid', '500000000'], False),
        (['order.info', '$sid', '999999999'], False),
        (['order.info', BAD_SID, '500000000'], False),
        (['order.list', '$sid', {'increment_id': {'in': ['500000000', '999999999']}}], False),
        (['order.list', '$sid', {'updated_at': {'from': '2000-01-01 00:00:00'},
                                 'state': {'neq': 'canceled'},
                                 'increment_id': {'like': '50000000%'}}], False),
        (['order.list', '$sid', {'nosuch_field': {'eq': '1'}}], False),
        (['order.list', '$sid', None], False),
        (['resourceFaults', BAD_SID, 'sales_order_invoice'], False),
        (['startSession'], False),
    ]
    item = str(int(order[-2:]) * 10 + 10000)  # orders.py: item ids = order_id * 10
    writes = [
        login,
        # sales_order: hold blocks invoicing until unhold; a second hold or
        # unhold is fault 103 with Magento's detail
        (['order.hold', '$sid', order], False),
        (['order.hold', '$sid', order], False),
        (['create', '$sid', order, {}, None, False, False], False),
        (['order.info', '$sid', order], True),
        (['order.unhold', '$sid', order], False),
        (['order.unhold', '$sid', order], False),
        (['create', '$sid', order, {item: 1000}, None, False, False], False),
        (['create', '$sid', order, {item: -1}, None, False, False], False),
        (['create', '$sid', order, {item: 1}, 'made <here> & now', False, False], False),
        (['info', '$sid', '$inc'], True),
        (['addComment', '$sid', '$inc', 'second "comment"', False, False], False),
        (['info', '$sid', '$inc'], True),
        (['capture', '$sid', '$inc'], False),
        (['void', '$sid', '$inc'], False),
        (['cancel', '$sid', '$inc'], False),
        (['info', '$sid', '$inc'], True),
        (['create', '$sid', order, {}, None, False, False], False),
        (['create', '$sid', order, {}, None, False, False], False),
        # all invoiced: cancel refused; a comment with a new status
        (['order.cancel', '$sid', order], False),
        (['order.addComment', '$sid', order, 'complete', 'done <&> "x"', True], False),
        (['order.addComment', '$sid', '999999999', 'complete', 'x', False], False),
        (['order.info', '$sid', order], True),
        (['order.list', '$sid', {'increment_id': order}], True),
        (['order.hold', '$sid', '999999999'], False),
        (['create', '$sid', '999999999', {}, None, False, False], False),
        (['addComment', '$sid', '999999999', 'x', False, False], False),
        (['capture', '$sid', '999999999'], False),
        (['void', BAD_SID, inc0], False),
        (['cancel', '$sid', '999999999'], False),
        (['endSession', '$sid'], False),
        (['info', '$sid', inc0], False),
    ]
    return reads, writes


def run_phase(role, prog, inc0):
    res = {d: run(d, [op for op, _ in prog[d]], inc0) for d in DIALECTS}
    for i, (op, ids) in enumerate(prog['v1']):
        what = 'role %s: %s(%s)' % (role, op[0], ', '.join(
            json.dumps(a, ensure_ascii=True) for a in op[1:] if a != '$sid'))
        agree(what, {d: outcome(res[d][i], prog[d][i][0], ids) for d in DIALECTS})
    return res


def setup():
    """Text XML cannot carry is refused on the way in (fault 102 naming the
    field, nothing stored) -- sent through JSON-RPC, the one dialect that can
    carry it; the hostile catalogue sends it in the others.  Then an invoice
    whose comments hold such characters, written into the database directly
    (as an older version or another tool could have): every dialect must
    still answer well-formed XML for it."""
    user, key = ROLES['all']
    sid = jsonrpc('login', [user, key])['result']
    want = {'code': 102, 'message': 'Invalid data given: comment is not UTF-8 text XML can carry (byte 4).'}
    a = jsonrpc('call', [sid, 'sales_order_invoice.create', ['500000000', {}, NASTY]])
    err = a.get('error') or {}
    if {'code': err.get('code'), 'message': err.get('message')} == want:
        ok('create with a comment XML cannot carry: fault 102, nothing stored')
    else:
        bad('create with a comment XML cannot carry', json.dumps(a))
    a = jsonrpc('call', [sid, 'sales_order_invoice.create', ['500000000', {}, 'clean']])
    if 'result' not in a:
        bad('setup: create', json.dumps(a))
        sys.exit(1)
    inc = a['result']
    a = jsonrpc('call', [sid, 'sales_order_invoice.addComment', [inc, NASTY2]])
    err = a.get('error') or {}
    if err.get('code') == 102 and 'comment' in (err.get('message') or ''):
        ok('addComment with U+FFFE, U+FFFF and controls: fault 102')
    else:
        bad('addComment with U+FFFE, U+FFFF and controls', json.dumps(a))
    with tdb.connect(DB) as c:
        c.execute("DELETE FROM sales_flat_invoice_comment WHERE parent_id = "
                  "(SELECT entity_id FROM sales_flat_invoice WHERE increment_id = ?)", (inc,))
        for i, text in enumerate((NASTY, NASTY2)):
            c.execute("INSERT INTO sales_flat_invoice_comment (parent_id, is_customer_notified, "
                      "is_visible_on_front, comment, created_at) SELECT entity_id, 0, 0, ?, ? "
                      "FROM sales_flat_invoice WHERE increment_id = ?",
                      (text, '2020-01-0%d 00:00:00' % (i + 1), inc))
    return inc


def check_nasty(inc):
    """info of that invoice: every dialect answers well-formed XML (PHP and
    Python parsed it) with the characters as Magento's text &#N;."""
    user, key = ROLES['all']
    res = {}
    for d in DIALECTS:
        res[d] = run(d, [['login', user, key], ['info', '$sid', inc]], '')[1]
    for d, o in res.items():
        if 'ok' not in o:
            bad('info of the nasty comment in %s' % d, json.dumps(o))
            continue
        v = o['ok']
        comments = v.get('comments') if isinstance(v, dict) else None
        texts = sorted(c.get('comment') if isinstance(c, dict) else repr(c)
                       for c in comments or [])
        want = sorted([
            'bad&#1;&#11;&#31;&#65534;&#65535; <&>"\' \u00e9 \U0001F600 \r\n\tend',
            '&#8;back&#65534;&#65535;&#12;\x7f'])
        if texts == want:
            ok('info in %s: the stored U+FFFF/U+FFFE/C0 characters read back as text &#N;' % d)
        else:
            bad('info in %s: comments' % d, json.dumps(texts) + ' want ' + json.dumps(want))
    agree('info of an invoice with comments XML cannot carry',
          {d: outcome(o, ['info'], False) for d, o in res.items()})
    # SOAP 1.2 V2 answers declare every prefix they use (PHP parses them)
    for d in ('v2', 'wsi'):
        r = run_soap(d, [['login', user, key], ['globalFaults', '$sid'], ['info', '$sid', inc],
                         ['list', '$sid', None], ['resources', '$sid']], '', soap12=True)
        errs = [x for x in r if 'ok' not in x]
        if errs:
            bad('SOAP 1.2 %s: globalFaults/info/list/resources' % d, json.dumps(errs))
        else:
            ok('SOAP 1.2 %s: globalFaults, info, list and resources parse' % d)


def raw_soap12_global_faults():
    """The V2 SOAP 1.2 globalFaults answer is namespace-well-formed."""
    body = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:ns1="urn:Magento"><env:Body><ns1:globalFaults>'
            '<sessionId>x</sessionId></ns1:globalFaults></env:Body></env:Envelope>')
    req = urllib.request.Request(BASE + '/api/v2_soap/', body.encode(),
                                 {'Content-Type': 'application/soap+xml; charset=utf-8'})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            text = r.read()
        xml.dom.minidom.parseString(text)  # namespace-aware: undeclared prefixes fail
        if b'SOAP-ENC:' in text:
            raise ValueError('SOAP 1.1 encoding prefix in a SOAP 1.2 answer')
        ok('SOAP 1.2 V2 globalFaults: every prefix declared')
    except Exception as e:
        bad('SOAP 1.2 V2 globalFaults', '%s: %s' % (type(e).__name__, e))


def rest(role, order):
    """REST: the one route (create); the same ACL outcome as the other dialects."""
    user, key = ROLES[role]

    def post(path, body, token=None):
        h = {'Content-Type': 'application/json'}
        if token:
            h['Authorization'] = 'Bearer ' + token
        req = urllib.request.Request(BASE + '/rest/V1' + path, json.dumps(body).encode(), h)
        try:
            with urllib.request.urlopen(req, timeout=20) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())
    st, tok = post('/integration/admin/token', {'username': user, 'password': key})
    if st != 200:
        bad('REST token for role %s' % role, '%s %s' % (st, tok))
        return None
    st, r = post('/order/%s/invoice' % order, {'capture': False}, tok)
    return st, r


def main():
    inc0 = setup()
    check_nasty(inc0)
    raw_soap12_global_faults()
    n = 1
    for role in ROLES:
        orders = {}
        for d in DIALECTS:
            orders[d] = '5000000%02d' % n
            n += 1
        progs = {d: program(role, orders[d], inc0) for d in DIALECTS}
        run_phase(role, {d: progs[d][0] for d in DIALECTS}, inc0)
        prog = {d: progs[d][1] for d in DIALECTS}
        res = run_phase(role, prog, inc0)
        # REST where a route exists: create on its own order
        r = rest(role, 2001 + list(ROLES).index(role))
        if r is not None:
            st, body = r
            ci = next(i for i, (op, _) in enumerate(prog['v1'])
                      if op[0] == 'create' and op[4:5] == ['made <here> & now'])
            v1_create = outcome(res['v1'][ci], prog['v1'][ci][0], False)
            rest_ok = st == 200 and isinstance(body, int)
            if rest_ok == (v1_create[0] == 'ok') and (rest_ok or st == 401):
                ok('role %s: REST create agrees (HTTP %d)' % (role, st))
            else:
                bad('role %s: REST create' % role,
                    'HTTP %d %s; v1 %s' % (st, json.dumps(body), json.dumps(v1_create)))
    print('%d disagreements' % failures)


main()
