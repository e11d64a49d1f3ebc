#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Replay the recorded SOAP V1 traffic (tests/captures/v1-*.req.xml, in the
order of v1-SUMMARY.json) against magesoapd and compare each answer with the
recorded one byte for byte, after normalising what must differ: dates,
session ids, address entity ids and gateway transaction ids.  The daemon
must run with profile = openmage (REF's integer typing) on a fresh database
holding the capture orders (tests/data/captures-orders.json) and the API
user oracle/oracle123.

Deliberate deviations are checked against their own expectation:
  info-noargs          SOAP-ENV:Server "Too few arguments ..." without the
                       store's filesystem path;
  list-filter-invalid  fault 101 without SQL text.
Prints PASS:/FAIL: lines and a final "N passed, N failed"."""
import json
import os
import re
import sys
import urllib.error
import urllib.request

DATE = re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
SID = re.compile(rb"\b[0-9a-f]{32}\b")
ADDR = re.compile(rb"(<key xsi:type=\"xsd:string\">(?:billing|shipping)_address_id</key>"
                  rb"<value xsi:type=\"xsd:(?:int|string)\">)\d+(</value>)")
TXN = re.compile(rb"(<key xsi:type=\"xsd:string\">transaction_id</key>"
                 rb"<value xsi:type=\"xsd:string\">)[^<]*(</value>)")

NOARGS = (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope "
          b"xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
          b"<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>Too few arguments "
          b"to function Mage_Sales_Model_Order_Invoice_Api::info(), 0 passed and exactly 1 "
          b"expected</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n")
# fault 101 with Magento's text, optionally naming the field, never SQL
INVALID_FILTER = re.compile(
    rb"<\?xml version=\"1.0\" encoding=\"UTF-8\"\?>\n<SOAP-ENV:Envelope "
    rb"xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
    rb"<SOAP-ENV:Fault><faultcode>101</faultcode><faultstring>Invalid filter given\. "
    rb"Details in error message\.[^<]*</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body>"
    rb"</SOAP-ENV:Envelope>\n\Z")
DEVIATIONS = {"info-noargs": NOARGS, "list-filter-invalid": INVALID_FILTER}


def normalise(body):
    body = DATE.sub(b"DATE", body)
    body = SID.sub(b"SID", body)
    body = ADDR.sub(rb"\1ADDR\2", body)
    body = TXN.sub(rb"\1TXN\2", body)
    return body


def post(url, body, soapaction):
    req = urllib.request.Request(url, data=body, method="POST")
    req.add_header("Content-Type", "text/xml; charset=utf-8")
    req.add_header("SOAPAction", soapaction)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()


def first_difference(got, want):
    n = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]),
             min(len(got), len(want)))
    lo = max(0, n - 120)
    return ("at byte %d:\n    got:  ...%s\n    want: ...%s"
            % (n, got[lo:n + 200].decode("utf-8", "replace"),
               want[lo:n + 200].decode("utf-8", "replace")))


def main():
    url, caps = sys.argv[1].rstrip("/"), sys.argv[2]
    path = sys.argv[3] if len(sys.argv) > 3 else "/api/soap/"
    with open(os.path.join(caps, "v1-SUMMARY.json")) as f:
        cases = [k[3:] for k in json.load(f) if not k.startswith("_")]
    passed = failed = 0
    sid_map = {}
    for case in cases:
        name = "v1-" + case
        with open(os.path.join(caps, name + ".req.xml"), "rb") as f:
            req = f.read()
        with open(os.path.join(caps, name + ".resp.xml"), "rb") as f:
            want = f.read()
        for old, new in sid_map.items():
            req = req.replace(old, new)
        status, ctype, got = post(url + path, req, '"urn:Action"')
        if case == "login-ok":
            m, n = SID.search(want), SID.search(got)
            if m and n:
                sid_map[m.group(0)] = n.group(0)
        problems = []
        if status != 200:
            problems.append("HTTP %d" % status)
        if not ctype or not ctype.startswith("text/xml"):
            problems.append("Content-Type %r" % ctype)
        expect = DEVIATIONS.get(case, want)
        if isinstance(expect, re.Pattern):
            if not expect.match(got) or b"SQL" in got or b"SELECT" in got:
                problems.append("got %s" % got.decode("utf-8", "replace"))
        elif normalise(got) != normalise(expect):
            problems.append(first_difference(normalise(got), normalise(expect)))
        if problems:
            failed += 1
            print("FAIL: %s: %s" % (name, "; ".join(problems)))
        else:
            passed += 1
            print("PASS: %s answered as recorded%s" % (name, " (deliberate deviation)"
                                                       if case in DEVIATIONS else ""))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
