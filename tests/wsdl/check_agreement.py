#!/usr/bin/env python3
"""Check that a served WSDL (wsdl/v2.wsdl.in or wsdl/wsi.wsdl.in, rendered with
tests/wsdl/render.py) and the WSDL that soapcpp2 writes for the matching gSOAP
IDL (wsdl/magento_v2.gsoap.h / wsdl/magento_wsi.gsoap.h) describe the same
contract.

Usage:
  check_agreement.py --style v2|wsi --served FILE --generated DIR

DIR is soapcpp2's output directory (run soapcpp2 without -w); the single *.wsdl
in it is read (it contains soapcpp2's schema; the *.xsd files say the same).

Compared (after normalising every QName to {namespace-uri}local):
  * binding style / soap:body use (and, for rpc, the soap:body namespace);
  * the set of operations;
  * v2 (rpc): per operation the input and output parts, names in order, types;
  * wsi (document/literal wrapped): per operation the input/output wrapper
    element names (empty input message allowed) and their children: name,
    order, type, minOccurs, maxOccurs, element form (qualified or not);
  * every named complex type (served side) and everything reachable from the
    operations: field names, order, types, minOccurs/maxOccurs, form.  A
    SOAP-encoded array (soapenc:Array restriction with wsdl:arrayType="T[]") and
    gSOAP's rendering of a __ptr/__size array without -e (sequence of <item>
    maxOccurs="unbounded") are both read as "array of T".  xsd:all and
    xsd:sequence are treated alike (order is still compared).  A simpleType
    restricting xsd:boolean counts as xsd:boolean.  nillable is ignored.
    Named complex types that soapcpp2 adds only as the type of a wrapper
    element (the served WSDL uses anonymous types there) are not required on
    the served side.
Also lints the served WSDL: no schemaLocation/location imports, and inside
every wsdl:binding/wsdl:operation the soap:operation comes before
wsdl:input/wsdl:output (WSDL 1.1 order).

Exit status: 0 agree, 1 disagreement (a diff is printed), 2 usage/parse error.
Only the Python standard library is used.
"""
import argparse
import difflib
import glob
import os
import sys
import xml.etree.ElementTree as ET

WSDL = 'http://schemas.xmlsoap.org/wsdl/'
SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/'
XSD = 'http://www.w3.org/2001/XMLSchema'
ENC = 'http://schemas.xmlsoap.org/soap/encoding/'

XSD_BOOLEAN = '{%s}boolean' % XSD


class Doc:
    """A parsed XML document that remembers the in-scope namespace map of
    every element (ElementTree alone drops prefixes, which QName-valued
    attributes such as type="xsd:string" need)."""

    def __init__(self, path):
        self.path = path
        self.nsmap = {}
        stack = [{'xml': 'http://www.w3.org/XML/1998/namespace'}]
        pending = {}
        root = None
        try:
            for ev, obj in ET.iterparse(path, events=('start-ns', 'start', 'end')):
                if ev == 'start-ns':
                    pending[obj[0]] = obj[1]
                elif ev == 'start':
                    m = dict(stack[-1])
                    m.update(pending)
                    pending = {}
                    stack.append(m)
                    self.nsmap[obj] = m
                    if root is None:
                        root = obj
                else:
                    stack.pop()
        except ET.ParseError as e:
            raise SystemExit('error: %s is not well-formed XML: %s' % (path, e)) from None
        self.root = root

    def qname(self, el, value):
        """Resolve a QName-valued attribute in the scope of el."""
        if value is None:
            return None
        value = value.strip()
        if ':' in value:
            pfx, local = value.split(':', 1)
        else:
            pfx, local = '', value
        m = self.nsmap[el]
        if pfx not in m:
            if pfx == '':
                return local
            raise SystemExit('error: %s: undeclared prefix %r in %r' % (self.path, pfx, value))
        return '{%s}%s' % (m[pfx], local)


def q(ns, local):
    return '{%s}%s' % (ns, local)


def short(qn):
    """Readable form of a normalised QName."""
    if qn is None:
        return '-'
    if not qn.startswith('{'):
        return qn
    ns, local = qn[1:].split('}', 1)
    pfx = {XSD: 'xsd', ENC: 'soapenc'}.get(ns)
    return '%s:%s' % (pfx, local) if pfx else '{%s}%s' % (ns, local)


class Contract:
    """What a WSDL says, normalised."""

    def __init__(self, path, style):
        self.doc = Doc(path)
        self.style = style
        self.path = path
        d, r = self.doc, self.doc.root
        if r.tag != q(WSDL, 'definitions'):
            raise SystemExit('error: %s: root is not wsdl:definitions' % path)
        self.tns = r.get('targetNamespace')
        self.types = {}       # qname -> ('struct', [fields]) | ('array', itemtype) | ('simple', base)
        self.elements = {}    # qname -> type qname | ('anon', struct)
        self.schema_form = {}
        for schema in r.iter(q(XSD, 'schema')):
            stns = schema.get('targetNamespace')
            efd = schema.get('elementFormDefault', 'unqualified')
            for child in schema:
                name = child.get('name')
                if child.tag == q(XSD, 'complexType'):
                    self.types[q(stns, name)] = self._complex(child, efd)
                elif child.tag == q(XSD, 'simpleType'):
                    self.types[q(stns, name)] = self._simple(child)
                elif child.tag == q(XSD, 'element'):
                    if child.get('type'):
                        self.elements[q(stns, name)] = d.qname(child, child.get('type'))
                    else:
                        ct = child.find(q(XSD, 'complexType'))
                        self.elements[q(stns, name)] = ('anon', self._complex(ct, efd) if ct is not None else ('struct', []))
        self.messages = {}
        for m in r.findall(q(WSDL, 'message')):
            parts = []
            for p in m.findall(q(WSDL, 'part')):
                parts.append((p.get('name'), d.qname(p, p.get('type')), d.qname(p, p.get('element'))))
            self.messages[q(self.tns, m.get('name'))] = parts
        pts = r.findall(q(WSDL, 'portType'))
        if len(pts) != 1:
            raise SystemExit('error: %s: expected exactly one portType, found %d' % (path, len(pts)))
        self.ops = {}
        for op in pts[0].findall(q(WSDL, 'operation')):
            i = op.find(q(WSDL, 'input'))
            o = op.find(q(WSDL, 'output'))
            self.ops[op.get('name')] = (d.qname(i, i.get('message')) if i is not None else None,
                                        d.qname(o, o.get('message')) if o is not None else None)
        bs = r.findall(q(WSDL, 'binding'))
        if len(bs) != 1:
            raise SystemExit('error: %s: expected exactly one binding, found %d' % (path, len(bs)))
        self.binding = bs[0]
        sb = self.binding.find(q(SOAP, 'binding'))
        self.bstyle = sb.get('style', 'document') if sb is not None else None
        self.bops = {}
        for op in self.binding.findall(q(WSDL, 'operation')):
            so = op.find(q(SOAP, 'operation'))
            style = (so.get('style') if so is not None else None) or self.bstyle
            bodies = []
            for io in ('input', 'output'):
                x = op.find(q(WSDL, io))
                b = x.find(q(SOAP, 'body')) if x is not None else None
                bodies.append(None if b is None else
                              (b.get('use'), b.get('namespace') if style == 'rpc' else None))
            self.bops[op.get('name')] = (style, tuple(bodies))

    # ---- schema normalisation
    def _elem(self, el, efd):
        d = self.doc
        form = el.get('form', efd)
        if el.get('ref'):
            name, typ, form = d.qname(el, el.get('ref')), ('ref', d.qname(el, el.get('ref'))), 'qualified'
        else:
            name = el.get('name')
            typ = d.qname(el, el.get('type')) if el.get('type') else ('anon', self._complex(el.find(q(XSD, 'complexType')), efd)) \
                if el.find(q(XSD, 'complexType')) is not None else q(XSD, 'anyType')
        return (name, typ, el.get('minOccurs', '1'), el.get('maxOccurs', '1'), form)

    def _complex(self, ct, efd):
        d = self.doc
        cc = ct.find(q(XSD, 'complexContent'))
        if cc is not None:
            rs = cc.find(q(XSD, 'restriction'))
            if rs is not None and d.qname(rs, rs.get('base')) == q(ENC, 'Array'):
                for a in rs.iter(q(XSD, 'attribute')):
                    at = a.get('{%s}arrayType' % WSDL)
                    if at is not None:
                        if not at.endswith('[]'):
                            return ('error', 'arrayType %r not of the form T[]' % at)
                        return ('array', d.qname(a, at[:-2]))
                return ('error', 'soapenc:Array restriction without wsdl:arrayType')
            return ('error', 'unsupported complexContent')
        fields = []
        comps = [c for c in ct if c.tag in (q(XSD, 'sequence'), q(XSD, 'all'))]
        for comp in comps:
            for el in comp:
                if el.tag == q(XSD, 'element'):
                    fields.append(self._elem(el, efd))
                elif el.tag in (q(XSD, 'any'),):
                    fields.append(('##any', None, el.get('minOccurs', '1'), el.get('maxOccurs', '1'), None))
                elif el.tag != q(XSD, 'annotation'):
                    fields.append(('##unsupported:' + el.tag, None, None, None, None))
        if self.style == 'v2' and len(fields) == 1 and fields[0][0] == 'item' and fields[0][3] == 'unbounded':
            return ('array', fields[0][1])      # gSOAP __ptr/__size rendered without -e
        return ('struct', fields)

    def _simple(self, st):
        rs = st.find(q(XSD, 'restriction'))
        if rs is not None:
            base = self.doc.qname(rs, rs.get('base'))
            enums = sorted(e.get('value') for e in rs.findall(q(XSD, 'enumeration')))
            if base == XSD_BOOLEAN or (enums and set(enums) <= {'false', 'true', '0', '1'}):
                return ('simple', XSD_BOOLEAN)
            return ('simple', base)
        return ('simple', q(XSD, 'anySimpleType'))

    def canon_type(self, t):
        """Map a type reference to its canonical comparison key."""
        if isinstance(t, tuple):
            return t
        if t in self.types and self.types[t][0] == 'simple':
            return self.types[t][1]
        return t


def fmt_field(f):
    name, typ, mn, mx, form = f
    if isinstance(typ, tuple):
        typ = 'anonymous ' + repr(typ[1])
    else:
        typ = short(typ)
    return '%s : %s [%s..%s]%s' % (name, typ, mn, mx, '' if form in (None, 'unqualified') else ' form=' + form)


class Checker:
    def __init__(self, served, gen, style):
        self.s, self.g, self.style = served, gen, style
        self.errors = []
        self.seen_types = set()
        self.todo = []

    def err(self, where, sv, gv):
        if isinstance(sv, list) and isinstance(gv, list):
            diff = '\n'.join('      ' + l for l in difflib.unified_diff(
                sv, gv, 'served', 'generated', lineterm='', n=100))
            self.errors.append('%s differ:\n%s' % (where, diff))
        else:
            self.errors.append('%s differ:\n      served:    %s\n      generated: %s' % (where, sv, gv))

    def norm_fields(self, c, fields):
        out = []
        for name, typ, mn, mx, form in fields:
            if not isinstance(typ, tuple):
                typ = c.canon_type(typ)
                if typ in c.types and c.types[typ][0] != 'simple':
                    self.todo.append(typ)
            out.append((name, typ, mn, mx, form))
        return out

    def field_lines(self, c, fields):
        return [fmt_field(f) for f in self.norm_fields(c, fields)]

    def want_type(self, t):
        if t and not isinstance(t, tuple) and t in self.s.types and self.s.types[t][0] != 'simple':
            self.todo.append(t)

    def compare_type(self, t):
        s, g = self.s, self.g
        st, gt = s.types.get(t), g.types.get(t)
        if gt is None:
            self.errors.append('type %s: present in served WSDL, missing in generated' % short(t))
            return
        if st is None:
            self.errors.append('type %s: present in generated WSDL, missing in served' % short(t))
            return
        if st[0] == 'error' or gt[0] == 'error':
            self.err('type %s (unreadable)' % short(t), repr(st), repr(gt))
            return
        if st[0] != gt[0]:
            self.err('type %s kind' % short(t), '%s %s' % (st[0], self.desc(s, st)), '%s %s' % (gt[0], self.desc(g, gt)))
            return
        if st[0] == 'array':
            si, gi = s.canon_type(st[1]), g.canon_type(gt[1])
            if si != gi:
                self.err('type %s array item type' % short(t), short(si), short(gi))
            self.want_type(si)
            for x in (si, gi):
                if x in g.types and g.types[x][0] != 'simple':
                    self.todo.append(x)
        elif st[0] == 'struct':
            sl, gl = self.field_lines(s, st[1]), self.field_lines(g, gt[1])
            if sl != gl:
                self.err('type %s fields' % short(t), sl, gl)

    def desc(self, c, t):
        if t[0] == 'array':
            return 'of ' + short(t[1])
        if t[0] == 'struct':
            return '{' + ', '.join(f[0] for f in t[1]) + '}'
        return repr(t[1:])

    def wrapper(self, c, qn):
        """Children of a global (wrapper) element, as formatted lines."""
        if qn not in c.elements:
            return None
        e = c.elements[qn]
        if isinstance(e, tuple):
            struct = e[1]
        else:
            t = c.types.get(e)
            if t is None or t[0] != 'struct':
                return ['(element of non-struct type %s)' % short(e)]
            struct = t
        if struct[0] != 'struct':
            return ['(unreadable: %r)' % (struct,)]
        return self.field_lines(c, struct[1])

    def run(self):
        s, g = self.s, self.g
        # binding style / use
        for op in sorted(set(s.bops) | set(g.bops)):
            if op in s.bops and op in g.bops and s.bops[op] != g.bops[op]:
                self.err('operation %s: binding (style, (input use, ns), (output use, ns))' % op,
                         repr(s.bops[op]), repr(g.bops[op]))
        want = ('rpc', 'encoded') if self.style == 'v2' else ('document', 'literal')
        for op, (style, bodies) in sorted(s.bops.items()):
            for b in bodies:
                if style != want[0] or b is None or b[0] != want[1]:
                    self.errors.append('operation %s: served binding is %s/%s, expected %s/%s'
                                       % (op, style, b and b[0], want[0], want[1]))
                    break
        # operation sets
        so, go = set(s.ops), set(g.ops)
        if so != go:
            self.err('operation sets', sorted(so), sorted(go))
        for op in sorted(so & go):
            for i, io in enumerate(('input', 'output')):
                sm, gm = s.ops[op][i], g.ops[op][i]
                sp, gp = s.messages.get(sm), g.messages.get(gm)
                if sp is None or gp is None:
                    self.errors.append('operation %s %s: message %s missing' % (op, io, short(sm if sp is None else gm)))
                    continue
                if self.style == 'v2':
                    sl = ['%s : %s' % (n, short(s.canon_type(t))) for n, t, e in sp]
                    gl = ['%s : %s' % (n, short(g.canon_type(t))) for n, t, e in gp]
                    if sl != gl:
                        self.err('operation %s %s parts' % (op, io), sl, gl)
                    for n, t, e in sp:
                        if e is not None:
                            self.errors.append('operation %s %s part %s: element= in an rpc message' % (op, io, n))
                        self.want_type(s.canon_type(t))
                    for n, t, e in gp:
                        if g.canon_type(t) in g.types:
                            self.todo.append(g.canon_type(t))
                else:
                    se = [e for n, t, e in sp]
                    ge = [e for n, t, e in gp]
                    if any(x is None for x in se) or any(x is None for x in ge) or len(se) > 1 or len(ge) > 1:
                        self.err('operation %s %s message (document/literal wants 0 or 1 element part)' % (op, io),
                                 repr(sp), repr(gp))
                        continue
                    if [short(x) for x in se] != [short(x) for x in ge]:
                        self.err('operation %s %s wrapper element' % (op, io),
                                 [short(x) for x in se], [short(x) for x in ge])
                        continue
                    if se:
                        sl, gl = self.wrapper(s, se[0]), self.wrapper(g, ge[0])
                        if sl is None or gl is None:
                            self.errors.append('operation %s %s: element %s not declared (%s)'
                                               % (op, io, short(se[0]), 'served' if sl is None else 'generated'))
                        elif sl != gl:
                            self.err('operation %s %s wrapper %s children' % (op, io, short(se[0])), sl, gl)
        # named types: every served one, plus everything reachable
        wrapper_types = {e for e in g.elements.values() if not isinstance(e, tuple)}
        for t in s.types:
            if s.types[t][0] != 'simple':
                self.todo.append(t)
        for t in g.types:
            if g.types[t][0] != 'simple' and not (t in wrapper_types and t not in s.types):
                self.todo.append(t)
        while self.todo:
            t = self.todo.pop()
            if t in self.seen_types or (isinstance(t, str) and t.startswith('{%s}' % XSD)):
                continue
            self.seen_types.add(t)
            self.compare_type(t)
        return self.errors


def lint_served(path):
    d = Doc(path)
    errs = []
    for el in d.root.iter():
        if el.tag in (q(XSD, 'import'), q(XSD, 'include'), q(WSDL, 'import')) and \
                (el.get('schemaLocation') is not None or el.get('location') is not None):
            errs.append('served WSDL must be self-contained: %s with location %r'
                        % (short(el.tag), el.get('schemaLocation') or el.get('location')))
    for b in d.root.findall(q(WSDL, 'binding')):
        for op in b.findall(q(WSDL, 'operation')):
            kids = [c.tag for c in op if c.tag != q(WSDL, 'documentation')]
            if not kids or kids[0] != q(SOAP, 'operation'):
                errs.append('binding operation %s: soap:operation must come first (WSDL 1.1), found %s'
                            % (op.get('name'), [short(k) for k in kids]))
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--style', choices=('v2', 'wsi'), required=True)
    ap.add_argument('--served', required=True, help='rendered served WSDL file')
    ap.add_argument('--generated', required=True, help="soapcpp2's output directory (or its .wsdl file)")
    a = ap.parse_args()
    gen = a.generated
    if os.path.isdir(gen):
        ws = sorted(glob.glob(os.path.join(gen, '*.wsdl')))
        if len(ws) != 1:
            print('error: expected exactly one *.wsdl in %s (run soapcpp2 without -w), found %s' % (gen, ws),
                  file=sys.stderr)
            return 2
        gen = ws[0]
    if not os.path.isfile(a.served):
        print('error: no such file: %s' % a.served, file=sys.stderr)
        return 2
    served = Contract(a.served, a.style)
    generated = Contract(gen, a.style)
    errors = lint_served(a.served)
    if served.tns != generated.tns:
        errors.append('targetNamespace differ: served %s, generated %s' % (served.tns, generated.tns))
    errors += Checker(served, generated, a.style).run()
    if errors:
        print('DISAGREEMENT (%s): %s vs %s' % (a.style, a.served, gen))
        for e in errors:
            print(' - ' + e)
        print('%d problem(s)' % len(errors))
        return 1
    print('OK (%s): %d operations, %d complex types agree between %s and %s'
          % (a.style, len(served.ops), len([t for t in served.types.values() if t[0] != 'simple']), a.served, gen))
    return 0


if __name__ == '__main__':
    sys.exit(main())
