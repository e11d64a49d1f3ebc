#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Money in range (issue 8 item 5) across every dialect.

usage: money.py BASE_URL DB_FILE

The database holds order 100000001 (entity 1, checkmo, item 1 "Widget", sku
W-1, qty 5 at 10.00) and the API user apiUser / apiKey.  For SOAP V1, SOAP V2,
WS-I, XML-RPC, JSON-RPC and REST, with raw HTTP (no client library rewrites
the numbers):
  * a qty past decimal(12,4) (1000000000, 1e308) and a negative qty are
    refused with Magento's create fault 1 `Invalid qty to invoice item
    "Widget"` (REST: HTTP 400 with Magento 2's validation text);
  * an invoice whose amounts would push the order's invoiced totals past
    99999999.9999 is refused with fault 102 and a message saying so;
  * nothing was stored by any of them.
Prints PASS:/FAIL: lines.
"""
import json
import re
import sqlite3
import sys
import urllib.error
import urllib.request
import xmlrpc.client

BASE, DB = sys.argv[1], sys.argv[2]
ORDER, ITEM = "100000001", 1
QTY_FAULT = (1, 'Invalid qty to invoice item "Widget"')
RANGE_FAULT = (102, "Amount out of range: the order's invoiced totals would fall outside "
                    "-99999999.9999 to 99999999.9999.")
failed = 0


def check(name, got, want):
    global failed
    if got == want:
        print("PASS: %s" % name)
    else:
        failed += 1
        print("FAIL: %s: got %r, want %r" % (name, got, want))


def post(path, body, ctype, headers=None):
    req = urllib.request.Request(BASE + path, data=body.encode(), method="POST")
    req.add_header("Content-Type", ctype)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def soap(path, body):
    env = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
           'xmlns:ns1="urn:Magento" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" '
           'xmlns:ns2="http://xml.apache.org/xml-soap" '
           'SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">'
           '<SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>' % body)
    return post(path, env, "text/xml; charset=utf-8")


def soap_fault(text):
    m = re.search(r"<faultcode>([^<]*)</faultcode>\s*<faultstring>([^<]*)</faultstring>", text)
    if not m:
        return ("no fault", text[:300])
    code = int(m.group(1)) if m.group(1).isdigit() else m.group(1)
    return (code, m.group(2).replace("&quot;", '"').replace("&apos;", "'"))


def soap_result(text, tag):
    m = re.search(r"<%s[^>]*>([^<]*)</%s>" % (tag, tag), text)
    return m.group(1) if m else None


# ---- one create per dialect; each returns (fault code, message) -----------------

def v1_login():
    _, t = soap("/api/soap/", '<ns1:login><username xsi:type="xsd:string">apiUser</username>'
                '<apiKey xsi:type="xsd:string">apiKey</apiKey></ns1:login>')
    return soap_result(t, "loginReturn")


def v1_create(sid, qty):
    _, t = soap("/api/soap/",
                '<ns1:call><sessionId xsi:type="xsd:string">%s</sessionId>'
                '<resourcePath xsi:type="xsd:string">sales_order_invoice.create</resourcePath>'
                '<args SOAP-ENC:arrayType="xsd:ur-type[2]" xsi:type="SOAP-ENC:Array">'
                '<item xsi:type="xsd:string">%s</item><item xsi:type="ns2:Map"><item>'
                '<key xsi:type="xsd:int">%d</key><value xsi:type="xsd:string">%s</value>'
                '</item></item></args></ns1:call>' % (sid, ORDER, ITEM, qty))
    return soap_fault(t)


def v2_login():
    _, t = soap("/api/v2_soap/", '<ns1:login><username xsi:type="xsd:string">apiUser</username>'
                '<apiKey xsi:type="xsd:string">apiKey</apiKey></ns1:login>')
    return soap_result(t, "loginReturn")


def v2_create(sid, qty):
    _, t = soap("/api/v2_soap/",
                '<ns1:salesOrderInvoiceCreate><sessionId xsi:type="xsd:string">%s</sessionId>'
                '<invoiceIncrementId xsi:type="xsd:string">%s</invoiceIncrementId>'
                '<itemsQty SOAP-ENC:arrayType="ns1:orderItemIdQty[1]" '
                'xsi:type="ns1:orderItemIdQtyArray"><item xsi:type="ns1:orderItemIdQty">'
                '<order_item_id xsi:type="xsd:int">%d</order_item_id>'
                '<qty xsi:type="xsd:double">%s</qty></item></itemsQty>'
                '</ns1:salesOrderInvoiceCreate>' % (sid, ORDER, ITEM, qty))
    return soap_fault(t)


def wsi_login():
    _, t = soap("/api/v2_soap/", '<ns1:loginParam><username>apiUser</username>'
                '<apiKey>apiKey</apiKey></ns1:loginParam>')
    return soap_result(t, "result")


def wsi_create(sid, qty):
    _, t = soap("/api/v2_soap/",
                '<ns1:salesOrderInvoiceCreateRequestParam><sessionId>%s</sessionId>'
                '<invoiceIncrementId>%s</invoiceIncrementId><itemsQty><complexObjectArray>'
                '<order_item_id>%d</order_item_id><qty>%s</qty></complexObjectArray></itemsQty>'
                '</ns1:salesOrderInvoiceCreateRequestParam>' % (sid, ORDER, ITEM, qty))
    return soap_fault(t)


XR = xmlrpc.client.ServerProxy(BASE + "/api/xmlrpc/")


def xmlrpc_login():
    return XR.login("apiUser", "apiKey")


def xmlrpc_create(sid, qty):
    try:
        XR.call(sid, "sales_order_invoice.create", [ORDER, {str(ITEM): float(qty)}])
        return ("no fault", None)
    except xmlrpc.client.Fault as e:
        return (e.faultCode, e.faultString)


def xmlrpc_create_value(sid, value):
    try:
        XR.call(sid, "sales_order_invoice.create", [ORDER, {str(ITEM): value}])
        return ("no fault", None)
    except xmlrpc.client.Fault as e:
        return (e.faultCode, e.faultString)


def jsonrpc(method, params):
    _, t = post("/api/jsonrpc/", json.dumps({"jsonrpc": "2.0", "method": method,
                                             "params": params, "id": 1}), "application/json")
    return json.loads(t)


def jsonrpc_login():
    return jsonrpc("login", ["apiUser", "apiKey"]).get("result")


def jsonrpc_create(sid, qty):
    # the number as it is written, e.g. 1e308 or -1 (json.loads keeps ints exact)
    r = jsonrpc("call", [sid, "sales_order_invoice.create", [ORDER, {str(ITEM): json.loads(qty)}]])
    e = r.get("error")
    return (e.get("code"), e.get("message")) if e else ("no fault", r.get("result"))


def rest_login():
    _, t = post("/rest/V1/integration/admin/token",
                json.dumps({"username": "apiUser", "password": "apiKey"}), "application/json")
    return json.loads(t)


def rest_create(tok, qty):
    st, t = post("/rest/V1/order/1/invoice", '{"items": [{"order_item_id": %d, "qty": %s}]}'
                 % (ITEM, qty), "application/json", {"Authorization": "Bearer " + tok})
    return (st, json.loads(t).get("message") if t.startswith("{") else t)


DIALECTS = [
    ("SOAP V1", v1_login, v1_create),
    ("SOAP V2", v2_login, v2_create),
    ("WS-I", wsi_login, wsi_create),
    ("XML-RPC", xmlrpc_login, xmlrpc_create),
    ("JSON-RPC", jsonrpc_login, jsonrpc_create),
]

M2 = "Invoice Document Validation Error(s):\n"
# Magento 2 joins every validation message: the refused qty leaves no product
REST_NEG = (400, M2 + 'The quantity to invoice for product SKU "W-1" must be a number from 0 '
                      'to 99999999.9999.\nThe invoice can\'t be created without products. Add '
                      'products and try again.')
# a number past decimal(12,4) is refused by the one qty rule, like a negative one
REST_BIG = REST_NEG


def invoices():
    with sqlite3.connect(DB, timeout=10) as c:
        return c.execute("SELECT count(*) FROM sales_flat_invoice").fetchone()[0]


def set_invoiced(v):
    with sqlite3.connect(DB, timeout=10) as c:
        c.execute("UPDATE sales_flat_order SET total_invoiced = ? WHERE entity_id = 1", (v,))


def main():
    sessions = {}
    for name, login, _ in DIALECTS:
        sessions[name] = login()
        check("%s login" % name, bool(sessions[name]), True)
    tok = rest_login()
    check("REST token", isinstance(tok, str) and len(tok) >= 32, True)

    for qty in ("1000000000", "1e308", "-1", "-0.5"):
        for name, _, create in DIALECTS:
            check("%s create qty %s" % (name, qty), create(sessions[name], qty), QTY_FAULT)
        want = REST_BIG if not qty.startswith("-") else REST_NEG
        check("REST create qty %s" % qty, rest_create(tok, qty), want)
    # text that is no number, and NaN/infinities: refused the same way, never read as 0
    for qty in ("abc", "1,5", ""):
        check("SOAP V1 create qty %r" % qty, v1_create(sessions["SOAP V1"], qty), QTY_FAULT)
        check("XML-RPC create qty %r" % qty, xmlrpc_create_value(sessions["XML-RPC"], qty),
              QTY_FAULT)
        check("JSON-RPC create qty %r" % qty,
              jsonrpc_create(sessions["JSON-RPC"], json.dumps(qty)), QTY_FAULT)
    for qty in ("NaN", "INF", "-INF"):
        check("SOAP V2 create qty %s" % qty, v2_create(sessions["SOAP V2"], qty), QTY_FAULT)
        check("WS-I create qty %s" % qty, wsi_create(sessions["WS-I"], qty), QTY_FAULT)
    check("no invoice stored for a bad qty", invoices(), 0)

    # an order whose invoiced total already sits at the limit: 50.00 more leaves it
    set_invoiced(999999999999 - 500000 + 1)
    for name, _, create in DIALECTS:
        check("%s create past the invoiced-total limit" % name, create(sessions[name], "5"),
              RANGE_FAULT)
    check("REST create past the invoiced-total limit", rest_create(tok, "5"),
          (400, RANGE_FAULT[1]))
    check("no invoice stored past the limit", invoices(), 0)
    set_invoiced(999999999999 - 500000)
    check("SOAP V2 create up to the limit", v2_create(sessions["SOAP V2"], "5")[0], "no fault")
    check("one invoice stored at the limit", invoices(), 1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
