#!/usr/bin/env python3
"""Prove that check_agreement.py can fail: apply small mutations to COPIES of
the served templates and of the IDL headers and expect a disagreement for each
(and agreement for the unmodified files).  Needs soapcpp2.

  tests/wsdl/selftest_check_agreement.py
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PY = sys.executable
SOAPCPP2 = os.environ.get('SOAPCPP2', 'soapcpp2')
IMPORT = os.environ.get('GSOAP_IMPORT', '/usr/share/gsoap/import')


def read(p):
    with open(p, encoding='utf-8') as f:
        return f.read()


def mutate(text, old, new):
    if old not in text:
        raise SystemExit('selftest is stale: %r not found' % old)
    return text.replace(old, new, 1)


def check(tmp, style, template, idl):
    """Render template text, run soapcpp2 on idl text, run the checker."""
    d = tempfile.mkdtemp(dir=tmp)
    with open(os.path.join(d, 'in.wsdl.in'), 'w', encoding='utf-8') as f:
        f.write(template)
    with open(os.path.join(d, 'idl.h'), 'w', encoding='utf-8') as f:
        f.write(idl)
    subprocess.run([PY, os.path.join(HERE, 'render.py'), os.path.join(d, 'in.wsdl.in'),
                    os.path.join(d, 'served.wsdl')], check=True)
    gen = os.path.join(d, 'gen')
    os.mkdir(gen)
    r = subprocess.run([SOAPCPP2, '-c', '-S', '-n', '-x', '-p' + style, '-d' + gen, '-I' + IMPORT,
                        os.path.join(d, 'idl.h')], capture_output=True, text=True)
    if r.returncode:
        raise SystemExit('soapcpp2 failed:\n' + r.stdout + r.stderr)
    r = subprocess.run([PY, os.path.join(HERE, 'check_agreement.py'), '--style', style,
                        '--served', os.path.join(d, 'served.wsdl'), '--generated', gen],
                       capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def main():
    v2t, wsit = read(os.path.join(ROOT, 'wsdl/v2.wsdl.in')), read(os.path.join(ROOT, 'wsdl/wsi.wsdl.in'))
    v2h, wsih = read(os.path.join(ROOT, 'wsdl/magento_v2.gsoap.h')), read(os.path.join(ROOT, 'wsdl/magento_wsi.gsoap.h'))
    cases = [
        ('v2 unmodified', 'v2', v2t, v2h, 0),
        ('wsi unmodified', 'wsi', wsit, wsih, 0),
        ('v2 template: field order swapped (billing_firstname/billing_lastname)', 'v2',
         mutate(v2t, '<element name="billing_firstname" type="xsd:string" minOccurs="0" />\n'
                     '                    <element name="billing_lastname" type="xsd:string" minOccurs="0" />',
                '<element name="billing_lastname" type="xsd:string" minOccurs="0" />\n'
                '                    <element name="billing_firstname" type="xsd:string" minOccurs="0" />'),
         v2h, 1),
        ('v2 template: resourceFaults part order swapped', 'v2',
         mutate(v2t, '<part name="resourceName" type="xsd:string" />\n        <part name="sessionId" type="xsd:string" />',
                '<part name="sessionId" type="xsd:string" />\n        <part name="resourceName" type="xsd:string" />'),
         v2h, 1),
        ('v2 IDL: qty declared as char* instead of double', 'v2', v2t,
         mutate(v2h, '    double *qty 1;', '    char *qty 1;'), 1),
        ('v2 IDL: capture returns char** instead of xsd:boolean', 'v2', v2t,
         mutate(v2h, 'int ns1__salesOrderInvoiceCapture(char *sessionId, char *invoiceIncrementId, enum xsd__boolean *result);',
                'int ns1__salesOrderInvoiceCapture(char *sessionId, char *invoiceIncrementId, char **result);'), 1),
        ('wsi template: itemsQty minOccurs 0', 'wsi',
         mutate(wsit, '<xsd:element minOccurs="1" maxOccurs="1" name="itemsQty"',
                '<xsd:element minOccurs="0" maxOccurs="1" name="itemsQty"'), wsih, 1),
        ('wsi IDL: comment fields swapped', 'wsi', wsit,
         mutate(wsih, '    char *comment;\n    char *is_USCOREcustomer_USCOREnotified;',
                '    char *is_USCOREcustomer_USCOREnotified;\n    char *comment;'), 1),
        ('wsi IDL: operation removed', 'wsi', wsit,
         mutate(wsih, 'int __wsi__salesOrderInvoiceVoid(', 'int __wsi__salesOrderInvoiceVoidX('), 1),
        ('wsi template: soap:operation after input', 'wsi',
         mutate(wsit, '<soap:operation soapAction="" />\n            <wsdl:input>\n'
                      '                <soap:body use="literal" />\n            </wsdl:input>',
                '<wsdl:input>\n                <soap:body use="literal" />\n            </wsdl:input>\n'
                '            <soap:operation soapAction="" />'), wsih, 1),
    ]
    tmp = tempfile.mkdtemp()
    bad = 0
    try:
        for name, style, tpl, idl, want in cases:
            rc, out = check(tmp, style, tpl, idl)
            ok = (rc == want)
            bad += not ok
            print('%s  %-70s exit %d (want %d)' % ('ok  ' if ok else 'FAIL', name, rc, want))
            if not ok or os.environ.get('VERBOSE'):
                print('    ' + out.replace('\n', '\n    '))
    finally:
        shutil.rmtree(tmp)
    print('%d/%d selftest cases behaved as expected' % (len(cases) - bad, len(cases)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
