#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# python xmlrpc.client with an Idempotency-Key header (a custom Transport, the
# way a connector adds one): a partial create retried with the same key gets
# the same invoice; the same key with another itemsQty is fault 422; the key
# survives the daemon's restart (argv: URL USER KEY ORDER ITEM PHASE).
import sys
import xmlrpc.client

url, user, key, order, item, phase = sys.argv[1:7]


class KeyTransport(xmlrpc.client.Transport):
    def __init__(self, idem):
        super().__init__()
        self.idem = idem

    def send_headers(self, connection, headers):
        super().send_headers(connection, headers)
        if self.idem:
            connection.putheader("Idempotency-Key", self.idem)


def proxy(idem):
    return xmlrpc.client.ServerProxy(url + "/api/xmlrpc/", transport=KeyTransport(idem))


def check(what, ok, detail=""):
    print(("PASS: " if ok else "FAIL: ") + what + ("" if ok else " -- %r" % (detail,)))


sid = proxy(None).login(user, key)
args = [order, {item: 1}]
if phase == "first":
    a = proxy("py-xmlrpc-1").call(sid, "sales_order_invoice.create", args)
    b = proxy("py-xmlrpc-1").call(sid, "sales_order_invoice.create", args)
    check("xmlrpc.client: retry with the same key answers the same invoice %s" % a, a == b, (a, b))
    c = proxy("py-xmlrpc-2").call(sid, "sales_order_invoice.create", args)
    check("xmlrpc.client: another key makes another invoice", c != a, (a, c))
    try:
        proxy("py-xmlrpc-1").call(sid, "sales_order_invoice.create", [order, {item: 2}])
        check("xmlrpc.client: same key, other itemsQty refused", False, "no fault")
    except xmlrpc.client.Fault as e:
        check("xmlrpc.client: same key, other itemsQty is fault 422",
              e.faultCode == 422 and "py-xmlrpc-1" in e.faultString, (e.faultCode, e.faultString))
    print("INVOICE=%s" % a)
else:
    a = proxy("py-xmlrpc-1").call(sid, "sales_order_invoice.create", args)
    print("INVOICE=%s" % a)
