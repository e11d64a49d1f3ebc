#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Drive the API port in every dialect (55-access-log, 56-admin, 57-console).

usage: drive.py API_URL USER KEY
Prints one JSON object: the secrets handed out (session ids, REST token) and
what each request should leave in the access log / journal.
"""
import http.client
import json
import sys
import urllib.parse
import xmlrpc.client

url, user, key = sys.argv[1], sys.argv[2], sys.argv[3]
u = urllib.parse.urlsplit(url)

ENV = ('<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
       'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento" '
       'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
       'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" '
       'SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>%s'
       '</SOAP-ENV:Body></SOAP-ENV:Envelope>')


def s(tag, v):
    return '<%s xsi:type="xsd:string">%s</%s>' % (tag, v, tag)


def post(path, body, ctype, headers=None):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    h = {"Content-Type": ctype}
    h.update(headers or {})
    c.request("POST", path, body.encode(), h)
    r = c.getresponse()
    data = r.read().decode()
    c.close()
    return r.status, data


def between(text, a, b):
    i = text.index(a) + len(a)
    return text[i:text.index(b, i)]


expect = []  # (dialect, method, user, outcome, write)
secrets = []

# SOAP V1: login, info (result), capture of an unknown invoice (fault 100)
st, r = post("/api/soap/", ENV % ("<ns1:login>%s%s</ns1:login>" % (s("username", user), s("apiKey", key))),
             "text/xml")
sid1 = between(r, '<loginReturn xsi:type="xsd:string">', "<")
secrets.append(sid1)
expect.append(["soap_v1", "login", user, "result", False])
call = '<ns1:call>%s%s<args SOAP-ENC:arrayType="xsd:string[1]" xsi:type="SOAP-ENC:Array">%s</args></ns1:call>'
st, r = post("/api/soap/", ENV % (call % (s("sessionId", sid1), s("resourcePath", "sales_order_invoice.info"),
                                          s("item", "200000006"))), "text/xml")
assert st == 200 and "200000002" in r, r
expect.append(["soap_v1", "sales_order_invoice.info", user, "result", False])
st, r = post("/api/soap/", ENV % (call % (s("sessionId", sid1), s("resourcePath", "sales_order_invoice.capture"),
                                          s("item", "999999999"))), "text/xml")
expect.append(["soap_v1", "sales_order_invoice.capture", user, "fault:100", True])

# SOAP V2: login, info
st, r = post("/api/v2_soap/", ENV % ("<ns1:login>%s%s</ns1:login>" % (s("username", user), s("apiKey", key))),
             "text/xml")
sid2 = between(between(r, "<loginReturn", "</loginReturn>") + "<", ">", "<")
secrets.append(sid2)
expect.append(["soap_v2", "login", user, "result", False])
st, r = post("/api/v2_soap/", ENV % ("<ns1:salesOrderInvoiceInfo>%s%s</ns1:salesOrderInvoiceInfo>" %
                                     (s("sessionId", sid2), s("invoiceIncrementId", "200000006"))), "text/xml")
assert st == 200 and "200000002" in r, r
expect.append(["soap_v2", "sales_order_invoice.info", user, "result", False])

# XML-RPC: login, create (a write), a multiCall
x = xmlrpc.client.ServerProxy(url + "/api/xmlrpc/")
sid3 = x.login(user, key)
secrets.append(sid3)
expect.append(["xmlrpc", "login", user, "result", False])
inc = x.call(sid3, "sales_order_invoice.create", ["100000003", {}])
expect.append(["xmlrpc", "sales_order_invoice.create", user, "result", True])
x.multiCall(sid3, [["sales_order_invoice.info", [inc]], ["sales_order_invoice.info", ["nope"]]])
expect.append(["xmlrpc", "multiCall,sales_order_invoice.info,sales_order_invoice.info", user, "fault:100",
               False])

# JSON-RPC: a refused login (fault 2), then a good one and a list
st, r = post("/api/jsonrpc/", json.dumps({"jsonrpc": "2.0", "id": 1, "method": "login",
                                          "params": [user, key + "-wrong"]}), "application/json")
assert '"code":2' in r.replace(" ", ""), r
expect.append(["jsonrpc", "login", user, "fault:2", False])
st, r = post("/api/jsonrpc/", json.dumps({"jsonrpc": "2.0", "id": 2, "method": "login", "params": [user, key]}),
             "application/json")
sid4 = json.loads(r)["result"]
secrets.append(sid4)
expect.append(["jsonrpc", "login", user, "result", False])
st, r = post("/api/jsonrpc/", json.dumps({"jsonrpc": "2.0", "id": 3, "method": "call",
                                          "params": [sid4, "sales_order_invoice.list", []]}), "application/json")
expect.append(["jsonrpc", "sales_order_invoice.list", user, "result", False])

# REST: token, then an invoice with it (order entity 4)
st, r = post("/rest/V1/integration/admin/token", json.dumps({"username": user, "password": key}),
             "application/json")
token = json.loads(r)
secrets.append(token)
expect.append(["rest", "integration.adminToken", user, "result", False])
st, r = post("/rest/V1/order/4/invoice", "{}", "application/json", {"Authorization": "Bearer " + token})
expect.append(["rest", "sales_order_invoice.create", user, "result" if st == 200 else "fault", True])

# a WSDL fetch
c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
c.request("GET", "/api/v2_soap/?wsdl")
assert c.getresponse().read()
expect.append(["wsdl", "", "", "result", False])

print(json.dumps({"secrets": secrets, "key": key, "expect": expect, "invoice": inc}))
