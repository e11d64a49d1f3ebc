#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""XML-RPC (/api/xmlrpc/) with python's xmlrpc.client, the way the Odoo
Magento connector talks: login, create with itemsQty as a <struct> keyed by
order item id with <double> quantities and <boolean> email flags, info, a
capture fault read as an int code, multiCall, endSession; plus ZF1's
signature and request faults.  Runs against `serve --demo` data.
usage: xmlrpc_client.py BASE_URL magento1|openmage      Prints PASS:/FAIL:."""
import sys
import urllib.request
import xmlrpc.client

base, profile = sys.argv[1].rstrip("/"), sys.argv[2]
failed = 0


def ok(what, cond, detail=""):
    global failed
    print("%s: %s" % ("PASS" if cond else "FAIL", what))
    if not cond:
        failed += 1
        if detail:
            print("    %s" % (detail,))


def fault_of(fn, *args):
    try:
        fn(*args)
    except xmlrpc.client.Fault as f:
        return f.faultCode, f.faultString
    return None


def raw(body, path="/api/xmlrpc/"):
    req = urllib.request.Request(base + path, data=body, method="POST",
                                 headers={"Content-Type": "text/xml"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers.get("Content-Type"), r.read()


s = xmlrpc.client.ServerProxy(base + "/index.php/api/xmlrpc", allow_none=True)
ok("login with a wrong key: fault 2 as an int", fault_of(s.login, "apiUser", "nope") ==
   (2, "Access denied."))
sid = s.login("apiUser", "apiKey")
ok("login returns a 32-hex session id", isinstance(sid, str) and len(sid) == 32, sid)

# Odoo: itemsQty keyed by order item id, <double> quantities, <boolean> flags
inv = s.call(sid, "sales_order_invoice.create",
             ["100000003", {"4": 1.0}, "Invoiced from Odoo", True, False])
ok("create with a struct of <double> quantities returns the increment id",
   isinstance(inv, str) and len(inv) == 9, inv)
info = s.call(sid, "sales_order_invoice.info", [inv])
ok("info returns a struct with the invoice", isinstance(info, dict) and info["increment_id"] == inv,
   info)
ok("the invoice holds 1 of item 4", len(info["items"]) == 1 and
   info["items"][0]["qty"] == "1.0000" and str(info["items"][0]["order_item_id"]) == "4",
   info.get("items"))
ok("email=<boolean>1 sent the invoice mail, the comment notified the customer",
   str(info["email_sent"]) == "1" and str(info["comments"][0]["is_customer_notified"]) == "1" and
   info["comments"][0]["comment"] == "Invoiced from Odoo", info.get("comments"))
ok("NULL columns are <nil/>", info["transaction_id"] is None)
if profile == "openmage":
    ok("profile openmage: integer columns are <int>", info["order_id"] == 3 and info["state"] == 1,
       (info["order_id"], info["state"]))
else:
    ok("profile magento1: every column value is a <string>",
       info["order_id"] == "3" and info["state"] == "1" and info["grand_total"] == "755.0000",
       (info["order_id"], info["state"], info["grand_total"]))

ok("capturing a paid invoice is a fault with the int code 104",
   fault_of(s.call, sid, "sales_order_invoice.capture", ["200000006"]) ==
   (104, "Invoice cannot be captured."))
ok("capturing the new open invoice answers <boolean>1",
   s.call(sid, "sales_order_invoice.capture", [inv]) is True)
ok("an unknown invoice is fault 100", fault_of(s.call, sid, "sales_order_invoice.info",
                                               ["999999999"]) ==
   (100, "Requested invoice does not exist."))
ok("a bad path is fault 3", fault_of(s.call, sid, "order_invoice.nosuch", []) ==
   (3, "Invalid api path."))
lst = s.call(sid, "sales_order_invoice.list", [{"state": {"in": ["2", "3"]}}])
ok("list with a filter struct", isinstance(lst, list) and len(lst) == 3 and
   all(str(r["state"]) in ("2", "3") for r in lst), lst)
ok("list without args lists everything", len(s.call(sid, "sales_order_invoice.list")) == 6)
mc = s.multiCall(sid, [["sales_order_invoice.info", inv], ["nosuch"],
                       ["sales_order_invoice.capture", ["200000006"]]])
ok("multiCall: results and {isFault, faultCode (a string), faultMessage} entries",
   len(mc) == 3 and mc[0]["increment_id"] == inv and
   mc[1] == {"isFault": True, "faultCode": "3", "faultMessage": "Invalid api path."} and
   mc[2]["faultCode"] == "104", mc)
ok("multiCall with options <array> (ZF1: options is an array)",
   len(s.multiCall(sid, [["nosuch"], ["nosuch"]], [])) == 2)
ok("globalFaults", [f["code"] for f in s.globalFaults(sid)] == ["0", "1", "2", "3", "4", "5", "6"])
ok("resourceFaults(sessionId, resourceName)",
   [f["code"] for f in s.resourceFaults(sid, "order_invoice")] == ["100", "101", "102", "103", "104"])
res = s.resources(sid)
ok("resources lists the order resource (6 methods), then the invoice resource and its 7",
   len(res) == 2 and res[0]["name"] == "sales_order" and
   [m["name"] for m in res[0]["methods"]] ==
   ["list", "info", "addComment", "hold", "unhold", "cancel"] and
   res[1]["name"] == "sales_order_invoice" and res[1]["description"] is None and
   [m["name"] for m in res[1]["methods"]] ==
   ["list", "info", "create", "addComment", "capture", "void", "cancel"], res)

# ZF1 matches the docblock signatures: args must be an <array>
ok("args as a <struct>: fault 623", fault_of(s.call, sid, "sales_order_invoice.info",
                                            {"invoiceIncrementId": inv}) ==
   (623, "Calling parameters do not match signature"))
ok("args as a scalar: fault 623", fault_of(s.call, sid, "sales_order_invoice.info", inv)[0] == 623)
ok("a session id sent as <int>: fault 623", fault_of(s.call, 5, "x.y", [])[0] == 623)
ok("info with an empty array: fault 623 with PHP's message, no path",
   fault_of(s.call, sid, "sales_order_invoice.info", []) ==
   (623, "Too few arguments to function Mage_Sales_Model_Order_Invoice_Api::info(), "
         "0 passed and exactly 1 expected"))
ok("an unknown method: fault 620", fault_of(s.frobnicate, sid) ==
   (620, 'Method "frobnicate" does not exist'))
ok("system.listMethods names the handler's methods",
   set(s.system.listMethods()) >= {"login", "call", "multiCall", "endSession", "startSession",
                                    "resources", "globalFaults", "resourceFaults"})

st, ct, body = raw(b"<methodCall><methodName>login</methodName><params><param>")
ok("malformed XML: fault 631 with HTTP 200 and text/xml",
   st == 200 and ct.startswith("text/xml") and
   b"<name>faultCode</name><value><int>631</int></value>" in body, (st, ct, body))
st, ct, body = raw(b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   b"<methodCall><methodName>&x;</methodName></methodCall>")
ok("a DOCTYPE (external entity) is refused: fault 631, nothing read",
   b"<int>631</int>" in body and b"root:" not in body, body)
st, ct, body = raw(b"<methodCall><methodName>globalFaults</methodName><params><param><value>"
                   b"<string>x</string></value></param></params></methodCall>")
ok("answer bytes: XML declaration, newline, one-line methodResponse",
   body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param>'
                   b"<value><array><data><value><struct><member><name>code</name><value>"
                   b"<string>0</string></value></member>") and body.endswith(b"</methodResponse>"),
   body[:300])
ok("a bad session is fault 5", fault_of(s.call, "deadbeef" * 4, "sales_order_invoice.list", []) ==
   (5, "Session expired. Try to relogin."))
ok("endSession answers <boolean>1", s.endSession(sid) is True)
ok("the ended session is fault 5", fault_of(s.call, sid, "sales_order_invoice.info", [inv])[0] == 5)
sys.exit(1 if failed else 0)
