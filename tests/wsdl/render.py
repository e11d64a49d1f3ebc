#!/usr/bin/env python3
"""Render a WSDL template (wsdl/*.wsdl.in) the way the daemon serves it.

Usage:
  render.py [--ns urn:Magento] [--name Magento] [--location URL] IN OUT

Placeholders: {{ns}} target namespace, {{name}} definitions/@name (the service
is {{name}}Service), {{location}} soap:address location.  Like the server, the
location is XML-escaped before substitution (ns and name are used verbatim).
Fails if a placeholder is left over or the result is not well-formed XML.
OUT may be '-' for stdout.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape


def render(text, ns, name, location):
    loc = escape(location, {'"': '&quot;', "'": '&apos;'})
    out = text.replace('{{ns}}', ns).replace('{{name}}', name).replace('{{location}}', loc)
    left = sorted(set(re.findall(r'\{\{[^}]*\}\}', out)))
    if left:
        raise SystemExit('error: unknown placeholder(s) left: %s' % ', '.join(left))
    try:
        ET.fromstring(out.encode('utf-8'))
    except ET.ParseError as e:
        raise SystemExit('error: rendered WSDL is not well-formed: %s' % e)
    return out


def main():
    ap = argparse.ArgumentParser(description='Substitute the placeholders of a WSDL template.')
    ap.add_argument('--ns', default='urn:Magento')
    ap.add_argument('--name', default='Magento')
    ap.add_argument('--location', default='http://127.0.0.1:8080/api/v2_soap/')
    ap.add_argument('infile')
    ap.add_argument('outfile')
    a = ap.parse_args()
    with open(a.infile, encoding='utf-8') as f:
        out = render(f.read(), a.ns, a.name, a.location)
    if a.outfile == '-':
        sys.stdout.write(out)
    else:
        with open(a.outfile, 'w', encoding='utf-8') as f:
            f.write(out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
