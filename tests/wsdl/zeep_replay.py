#!/usr/bin/env python3
"""Load the WS-I WSDL with python-zeep (no network allowed) and, if a captures
directory is given, replay the recorded WS-I traffic through it.

  zeep_replay.py RENDERED_wsi.wsdl [CAPTURES_DIR]

Without CAPTURES_DIR: only loads the WSDL and checks that all 21 operations
are bound (the 19 of V2 plus WS-I's call and multiCall) (any network access is an error).
With CAPTURES_DIR (WSDL rendered with --ns urn:OpenMage, as recorded):
for each wsi-<case>.req.xml, zeep parses the captured request wrapper with our
schema and builds the same call again; the element tree (names, namespaces,
order, text) must equal the captured request.  Each wsi-<case>.resp.xml is
parsed as zeep would parse a reply (strict about order and occurrences); faults
must carry the code/message recorded in wsi-SUMMARY.json and results must be
readable.  Exit status 0 = all good.
"""
import json
import os
import sys

import zeep
from lxml import etree
from zeep.exceptions import Fault
from zeep.transports import Transport

ENV = 'http://schemas.xmlsoap.org/soap/envelope/'
EXPECTED_OPS = {'call', 'multiCall', 'login', 'endSession', 'startSession', 'resources', 'globalFaults', 'resourceFaults',
                'salesOrderInvoiceList', 'salesOrderInvoiceInfo', 'salesOrderInvoiceCreate',
                'salesOrderInvoiceAddComment', 'salesOrderInvoiceCapture', 'salesOrderInvoiceVoid',
                'salesOrderInvoiceCancel', 'salesOrderList', 'salesOrderInfo',
                'salesOrderAddComment', 'salesOrderHold', 'salesOrderUnhold', 'salesOrderCancel'}


class NoNetwork(Transport):
    def _load_remote_data(self, url):
        raise RuntimeError('zeep tried to fetch %s: the WSDL must be self-contained' % url)


def canon(el):
    """Prefix-independent view of an element tree (numbers compared by value:
    zeep writes the xsd:double 2 as "2.0", PHP as "2")."""
    kids = [canon(c) for c in el if isinstance(c.tag, str)]
    text = (el.text or '').strip() if not kids else ''
    try:
        text = float(text)
    except ValueError:
        pass
    return (el.tag, text, tuple(kids))


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    wsdl = sys.argv[1]
    client = zeep.Client(wsdl, transport=NoNetwork())
    binding = client.service._binding
    ops = set(binding._operations)
    if ops != EXPECTED_OPS:
        print('zeep: operation set differs: missing %s, extra %s'
              % (sorted(EXPECTED_OPS - ops), sorted(ops - EXPECTED_OPS)))
        return 1
    print('zeep: loaded %s offline: %d operations, binding %s' % (wsdl, len(ops), binding.name))
    if len(sys.argv) == 2:
        return 0

    cap = sys.argv[2]
    summary = json.load(open(os.path.join(cap, 'wsi-SUMMARY.json')))
    by_elem = {}
    for name, op in binding._operations.items():
        body = op.input.body
        if body is not None and body.qname is not None:
            by_elem[body.qname.text] = name
    fails, n = 0, 0
    for fn in sorted(os.listdir(cap)):
        if not (fn.startswith('wsi-') and fn.endswith('.req.xml')):
            continue
        case = fn[:-len('.req.xml')]
        n += 1
        problems = []
        req = etree.parse(os.path.join(cap, fn)).getroot()
        body = req.find('{%s}Body' % ENV)
        wrapper = body[0] if len(body) else None
        opname = by_elem.get(wrapper.tag) if wrapper is not None else 'startSession'
        if opname is None:
            problems.append('no operation for request element %s' % wrapper.tag)
        else:
            op = binding._operations[opname]
            # request: captured XML -> zeep objects (our schema) -> XML again
            try:
                if wrapper is not None:
                    obj = op.input.body.parse(wrapper, client.wsdl.types)
                    kwargs = {k: obj[k] for k in obj}
                    for k, v in kwargs.items():
                        # zeep reads an empty array element (<itemsQty/>) as None;
                        # a zeep user sends it as {} -- do the same
                        child = wrapper.find(k)
                        if v is None and child is not None and len(child) == 0 and not (child.text or '').strip():
                            kwargs[k] = {}
                else:
                    kwargs = {}
                env = client.create_message(client.service, opname, **kwargs)
                ours = env.find('{%s}Body' % ENV)
                if canon(ours) != canon(body):
                    problems.append('request differs:\n      captured: %s\n      zeep:     %s'
                                    % (etree.tostring(body).decode(), etree.tostring(ours).decode()))
            except Exception as e:  # noqa: BLE001 - report anything zeep raises
                problems.append('request: %s: %s' % (type(e).__name__, e))
            # response: parse like a reply
            resp = etree.parse(os.path.join(cap, case + '.resp.xml')).getroot()
            want = summary.get(case, {})
            try:
                if resp.find('{%s}Body/{%s}Fault' % (ENV, ENV)) is not None:
                    try:
                        binding.process_error(resp, op)
                        problems.append('fault not raised')
                    except Fault as f:
                        got = (f.code, f.message)
                        exp = (want.get('fault', {}).get('faultcode'), want.get('fault', {}).get('faultstring'))
                        if got != exp:
                            problems.append('fault differs: recorded %r, zeep %r' % (exp, got))
                else:
                    res = op.process_reply(resp)
                    if 'result' not in want:
                        problems.append('SUMMARY has no result for a non-fault reply')
                    elif isinstance(want['result'].get('result'), (str, bool)):
                        exp = want['result']['result']
                        if res != exp and str(res).lower() != str(exp).lower():
                            problems.append('result differs: recorded %r, zeep %r' % (exp, res))
            except Exception as e:  # noqa: BLE001
                problems.append('response: %s: %s' % (type(e).__name__, e))
        if problems:
            fails += 1
            print('FAIL %s\n    - %s' % (case, '\n    - '.join(problems)))
    print('zeep_replay: %d/%d captured WS-I cases: request rebuilt identically, reply parsed' % (n - fails, n))
    return 1 if fails or not n else 0


if __name__ == '__main__':
    sys.exit(main())
