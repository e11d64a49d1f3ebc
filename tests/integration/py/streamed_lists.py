#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Streamed list answers (issue 8): fetch every list dialect's answer as raw
bytes over HTTP, so that 34-streamed-lists.sh can compare a streamed answer
with the same answer built whole, byte for byte.

usage: streamed_lists.py BASE_URL OUTDIR SID
Writes OUTDIR/<case>.body (the body as the client read it, chunks joined)
and OUTDIR/<case>.te (the Transfer-Encoding header, "" when none)."""
import http.client
import json
import os
import sys
import urllib.parse

base, outdir, sid = sys.argv[1], sys.argv[2], sys.argv[3]
u = urllib.parse.urlsplit(base)

ENV11 = ('<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
         'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
         'xmlns:ns1="urn:Magento" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" '
         'SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">'
         '<SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>')
ENV12 = ('<?xml version="1.0" encoding="UTF-8"?><env:Envelope '
         'xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ns1="urn:Magento" '
         'xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
         '<env:Body>%s</env:Body></env:Envelope>')
STATE2 = ('<item><key xsi:type="xsd:string">state</key>'
          '<value xsi:type="xsd:string">2</value></item>')


def v1_call(path, args=""):
    a = ('<args SOAP-ENC:arrayType="ns2:Map[1]" xsi:type="SOAP-ENC:Array" '
         'xmlns:ns2="http://xml.apache.org/xml-soap"><item xsi:type="ns2:Map">%s</item></args>'
         % args) if args else ""
    return ('<ns1:call><sessionId xsi:type="xsd:string">%s</sessionId>'
            '<resourcePath xsi:type="xsd:string">%s</resourcePath>%s</ns1:call>' % (sid, path, a))


def xr_call(path):
    return ('<?xml version="1.0"?><methodCall><methodName>call</methodName><params>'
            '<param><value><string>%s</string></value></param>'
            '<param><value><string>%s</string></value></param>'
            '</params></methodCall>' % (sid, path))


CASES = [
    # name, path, content type, body
    ("v1-invoices", "/api/soap/", "text/xml; charset=utf-8",
     ENV11 % v1_call("sales_order_invoice.list")),
    ("v1-orders", "/api/soap/", "text/xml; charset=utf-8", ENV11 % v1_call("sales_order.list")),
    ("v1-filtered", "/api/soap/", "text/xml; charset=utf-8",
     ENV11 % v1_call("sales_order_invoice.list", STATE2)),
    ("v1-soap12", "/api/soap/", "application/soap+xml; charset=utf-8",
     ENV12 % ('<ns1:call><sessionId>%s</sessionId><resourcePath>sales_order_invoice.list'
              '</resourcePath></ns1:call>' % sid)),
    ("v2-invoices", "/api/v2_soap/", "text/xml; charset=utf-8",
     ENV11 % ('<ns1:salesOrderInvoiceList><sessionId xsi:type="xsd:string">%s</sessionId>'
              '</ns1:salesOrderInvoiceList>' % sid)),
    ("v2-orders", "/api/v2_soap/", "text/xml; charset=utf-8",
     ENV11 % ('<ns1:salesOrderList><sessionId xsi:type="xsd:string">%s</sessionId>'
              '</ns1:salesOrderList>' % sid)),
    ("wsi-invoices", "/api/v2_soap/", "text/xml; charset=utf-8",
     ENV11 % ('<ns1:salesOrderInvoiceListRequestParam><sessionId>%s</sessionId>'
              '</ns1:salesOrderInvoiceListRequestParam>' % sid)),
    ("wsi-orders", "/api/v2_soap/", "text/xml; charset=utf-8",
     ENV11 % ('<ns1:salesOrderListRequestParam><sessionId>%s</sessionId>'
              '</ns1:salesOrderListRequestParam>' % sid)),
    ("wsi-call", "/api/v2_soap/", "text/xml; charset=utf-8",
     ENV11 % ('<ns1:callParam><sessionId>%s</sessionId><apiPath>sales_order_invoice.list'
              '</apiPath></ns1:callParam>' % sid)),
    ("xmlrpc-invoices", "/api/xmlrpc/", "text/xml", xr_call("sales_order_invoice.list")),
    ("xmlrpc-orders", "/api/xmlrpc/", "text/xml", xr_call("sales_order.list")),
    ("jsonrpc-invoices", "/api/jsonrpc/", "application/json",
     json.dumps({"jsonrpc": "2.0", "method": "call", "id": 7,
                 "params": [sid, "sales_order_invoice.list"]})),
    ("jsonrpc-orders", "/api/jsonrpc/", "application/json",
     json.dumps({"jsonrpc": "2.0", "method": "sales_order.list", "id": "x",
                 "params": [sid]})),
    ("jsonrpc-filtered", "/api/jsonrpc/", "application/json",
     json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                 "params": [sid, "sales_order_invoice.list", [{"state": {"eq": 2}}]]})),
]

conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
for name, path, ctype, body in CASES:
    # one keep-alive connection for all: a streamed answer must end cleanly
    # for the next request on it to be read
    conn.request("POST", path, body.encode(), {"Content-Type": ctype})
    r = conn.getresponse()
    data = r.read()
    with open(os.path.join(outdir, name + ".body"), "wb") as f:
        f.write(data)
    with open(os.path.join(outdir, name + ".te"), "w") as f:
        f.write((r.getheader("Transfer-Encoding") or "") + "\n")
    with open(os.path.join(outdir, name + ".status"), "w") as f:
        f.write("%d\n" % r.status)
conn.close()
