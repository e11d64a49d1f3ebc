#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""python-zeep against the daemon's WS-I WSDL (GET ?wsdl&wsi=1): the whole
invoice life cycle with exact values.

  zeep_wsi.py BASE_URL USER KEY

Expects the orders of 22-zeep-wsi.sh (py/make_orders.py specs
100000101:gw:4 100000102:gw:2 100000103:checkmo:3) and no invoices yet.
Prints PASS:/FAIL: lines; a FAIL quotes the last request and response.
"""
import os
import sys

import zeep
from lxml import etree
from zeep.exceptions import Fault
from zeep.plugins import HistoryPlugin
from zeep.transports import Transport

BASE, USER, KEY = sys.argv[1:4]
history = HistoryPlugin(maxlen=4)
fails = 0


def last_exchange():
    try:
        sent = etree.tostring(history.last_sent["envelope"]).decode()
    except Exception:  # noqa: BLE001 - nothing sent yet
        sent = "(none)"
    try:
        got = etree.tostring(history.last_received["envelope"]).decode()
    except Exception:  # noqa: BLE001
        got = "(none)"
    return "    request:  %s\n    response: %s" % (sent[:4000], got[:4000])


def ok(what, cond, detail=""):
    global fails
    if cond:
        print("PASS: %s" % what)
    else:
        fails += 1
        print("FAIL: %s%s\n%s" % (what, ("\n    " + detail) if detail else "", last_exchange()))
    return cond


def eq(what, got, want):
    return ok(what, got == want, "got %r, want %r" % (got, want))


def call(what, fn, *a, **kw):
    try:
        return fn(*a, **kw)
    except Fault as f:
        ok(what, False, "unexpected Fault code=%r message=%r" % (f.code, f.message))
    except Exception as e:  # noqa: BLE001 - report any client error
        ok(what, False, "%s: %s" % (type(e).__name__, e))
    return None


def fault(what, code, msg, fn, *a, **kw):
    try:
        r = fn(*a, **kw)
        return ok(what, False, "no fault, result %r; want Fault %s %r" % (r, code, msg))
    except Fault as f:
        if callable(msg):
            return ok("%s (Fault %s)" % (what, f.code), f.code == code and msg(f.message),
                      "got Fault code=%r message=%r" % (f.code, f.message))
        return ok("%s (Fault %s %s)" % (what, code, msg), (f.code, f.message) == (code, msg),
                  "got Fault code=%r message=%r, want %r %r" % (f.code, f.message, code, msg))
    except Exception as e:  # noqa: BLE001
        return ok(what, False, "%s: %s" % (type(e).__name__, e))


def rows(arr):
    """A WS-I array object as a list (None or missing complexObjectArray = [])."""
    if arr is None:
        return []
    if isinstance(arr, list):  # zeep flattens a type whose only child is a list
        return arr
    return list(getattr(arr, "complexObjectArray", None) or [])


wsdl_url = BASE + "/api/v2_soap/?wsdl&wsi=1"
try:
    client = zeep.Client(wsdl_url, plugins=[history])
except Exception as e:  # noqa: BLE001
    print("FAIL: zeep loads %s\n    %s: %s" % (wsdl_url, type(e).__name__, e))
    sys.exit(1)
ok("zeep loaded the WS-I WSDL from the daemon", True)
binding = client.service._binding
eq("WS-I binding is document/literal (binding name)", binding.name.localname, "Binding")
# the URL used minus its wsdl parameter (Magento keeps the rest of the query)
eq("service address is the URL used", client.service._binding_options["address"], BASE + "/api/v2_soap/?wsi=1")
svc = client.service

fault("login with a wrong key", "2", "Access denied.", svc.login, username=USER, apiKey="wrong")
sid = call("login", svc.login, username=USER, apiKey=KEY)
ok("login returns a 32-hex session id", isinstance(sid, str) and len(sid) == 32
   and all(c in "0123456789abcdef" for c in sid), repr(sid))

# ---- create: partial of a gateway order (complexObjectArray), with comment
inv1 = call("create partial", svc.salesOrderInvoiceCreate, sessionId=sid, invoiceIncrementId="100000101",
            itemsQty={"complexObjectArray": [{"order_item_id": 1011, "qty": 2}]},
            comment="zeep partial", email="1", includeComment="1")
eq("create partial returns the first store-1 invoice id", inv1, "100000001")
# ---- create: full, <itemsQty/> (minOccurs=1 so zeep users send {})
inv2 = call("create full (gateway)", svc.salesOrderInvoiceCreate, sessionId=sid, invoiceIncrementId="100000102",
            itemsQty={})
eq("create full (gateway) returns 100000002", inv2, "100000002")
inv3 = call("create full (checkmo)", svc.salesOrderInvoiceCreate, sessionId=sid, invoiceIncrementId="100000103",
            itemsQty={}, comment=None, email=None, includeComment=None)
eq("create full (checkmo) returns 100000003", inv3, "100000003")
fault("create on a fully invoiced order", "102", "Cannot do invoice for order.",
      svc.salesOrderInvoiceCreate, sessionId=sid, invoiceIncrementId="100000103", itemsQty={})
fault("create over the remaining qty", "1", 'Invalid qty to invoice item "Widget 1"',
      svc.salesOrderInvoiceCreate, sessionId=sid, invoiceIncrementId="100000101",
      itemsQty={"complexObjectArray": [{"order_item_id": 1011, "qty": 3}]})
fault("create on an unknown order", "103", "Requested order not exists.",
      svc.salesOrderInvoiceCreate, sessionId=sid, invoiceIncrementId="999999999", itemsQty={})

# ---- info: typed fields of the partial invoice
i = call("info", svc.salesOrderInvoiceInfo, sessionId=sid, invoiceIncrementId="100000001")
if i is not None:
    want = {"increment_id": "100000001", "store_id": "1", "order_id": "101", "order_increment_id": "100000101",
            "order_created_at": "2026-11-20 09:00:00", "billing_firstname": "Jane", "billing_lastname": "Doe",
            "state": "1", "subtotal": "20.0000", "base_subtotal": "20.0000", "shipping_amount": "20.0000",
            "base_shipping_amount": "20.0000", "tax_amount": "0.0000", "discount_amount": "0.0000",
            "grand_total": "40.0000", "base_grand_total": "40.0000", "order_currency_code": "USD",
            "global_currency_code": "USD", "base_to_order_rate": "1.0000", "invoice_id": "1"}
    eq("info: invoice fields (partial 2 of 4 at 10.00 + the whole 20.00 shipping, OPEN)",
       {k: getattr(i, k, None) for k in want}, want)
    ok("info: created_at/updated_at are dates", all(len(getattr(i, k) or "") == 19 for k in ("created_at", "updated_at")),
       "%r %r" % (i.created_at, i.updated_at))
    its = rows(i.items)
    eq("info: one item, typed fields", [(x.order_item_id, x.sku, x.name, x.qty, x.price, x.row_total, x.base_row_total,
                                         x.tax_amount, x.product_id, x.parent_id) for x in its],
       [("1011", "W-1", "Widget 1", "2.0000", "10.0000", "20.0000", "20.0000", "0.0000", "1", "1")])
    cs = rows(i.comments)
    eq("info: the create comment, customer notified", [(c.comment, c.is_customer_notified, c.parent_id) for c in cs],
       [("zeep partial", "1", "1")])

i3 = call("info (checkmo)", svc.salesOrderInvoiceInfo, sessionId=sid, invoiceIncrementId="100000003")
if i3 is not None:
    eq("info (checkmo): PAID at once, 30.00 + 15.00 shipping",
       (i3.state, i3.subtotal, i3.shipping_amount, i3.grand_total), ("2", "30.0000", "15.0000", "45.0000"))
    eq("info (checkmo): no comments -> empty <comments/>", rows(i3.comments), [])
fault("info of an unknown invoice", "100", "Requested invoice does not exist.",
      svc.salesOrderInvoiceInfo, sessionId=sid, invoiceIncrementId="999999999")

# ---- capture / cancel / void
eq("capture the OPEN gateway invoice -> '1'", call("capture", svc.salesOrderInvoiceCapture, sessionId=sid,
                                                   invoiceIncrementId="100000001"), "1")
fault("capture again", "104", "Invoice cannot be captured.",
      svc.salesOrderInvoiceCapture, sessionId=sid, invoiceIncrementId="100000001")
fault("capture a paid checkmo invoice", "104", "Invoice cannot be captured.",
      svc.salesOrderInvoiceCapture, sessionId=sid, invoiceIncrementId="100000003")
fault("capture an unknown invoice", "100", "Requested invoice does not exist.",
      svc.salesOrderInvoiceCapture, sessionId=sid, invoiceIncrementId="999999999")
eq("cancel the OPEN invoice -> '1'", call("cancel", svc.salesOrderInvoiceCancel, sessionId=sid,
                                          invoiceIncrementId="100000002"), "1")
fault("cancel again", "104", "Invoice cannot be canceled.",
      svc.salesOrderInvoiceCancel, sessionId=sid, invoiceIncrementId="100000002")
fault("void a checkmo invoice", "104", "Invoice cannot be voided.",
      svc.salesOrderInvoiceVoid, sessionId=sid, invoiceIncrementId="100000003")
# void after a partial capture (authorization still open) -> canceled
eq("void the captured partial invoice (authorization still open) -> '1'",
   call("void", svc.salesOrderInvoiceVoid, sessionId=sid, invoiceIncrementId="100000001"), "1")
states = {}
for inv in ("100000001", "100000002", "100000003"):
    r = call("info " + inv, svc.salesOrderInvoiceInfo, sessionId=sid, invoiceIncrementId=inv)
    states[inv] = getattr(r, "state", None)
eq("states after capture+void / cancel / nothing", states, {"100000001": "3", "100000002": "3", "100000003": "2"})

# ---- addComment
eq("addComment -> '1'", call("addComment", svc.salesOrderInvoiceAddComment, sessionId=sid,
                             invoiceIncrementId="100000003", comment="hello from zeep", email="0",
                             includeComment="0"), "1")
i3 = call("info after addComment", svc.salesOrderInvoiceInfo, sessionId=sid, invoiceIncrementId="100000003")
eq("the comment is there, customer not notified",
   [(c.comment, c.is_customer_notified) for c in rows(getattr(i3, "comments", None))], [("hello from zeep", "0")])
fault("addComment on an unknown invoice", "100", "Requested invoice does not exist.",
      svc.salesOrderInvoiceAddComment, sessionId=sid, invoiceIncrementId="999999999", comment="x")

# ---- list with filter / complex_filter
def inc_ids(res):
    return [r.increment_id for r in rows(res)]


lst = call("list all", svc.salesOrderInvoiceList, sessionId=sid)
eq("list all", inc_ids(lst), ["100000001", "100000002", "100000003"])
if lst is not None and rows(lst):
    r = rows(lst)[2]
    eq("list entry fields", (r.increment_id, r.order_currency_code, r.order_id, r.state, r.grand_total, r.invoice_id),
       ("100000003", "USD", "103", "2", "45.0000", "3"))
eq("list filter order_id=101",
   inc_ids(call("list filter", svc.salesOrderInvoiceList, sessionId=sid,
                filters={"filter": {"complexObjectArray": [{"key": "order_id", "value": "101"}]}})), ["100000001"])
eq("list complex_filter state eq 2",
   inc_ids(call("list complex eq", svc.salesOrderInvoiceList, sessionId=sid, filters={"complex_filter": {
       "complexObjectArray": [{"key": "state", "value": {"key": "eq", "value": "2"}}]}})), ["100000003"])
eq("list complex_filter state in 2,3",
   inc_ids(call("list complex in", svc.salesOrderInvoiceList, sessionId=sid, filters={"complex_filter": {
       "complexObjectArray": [{"key": "state", "value": {"key": "in", "value": "2,3"}}]}})),
   ["100000001", "100000002", "100000003"])
eq("list complex_filter invoice_id in 1,3 and grand_total gt 40",
   inc_ids(call("list complex 2", svc.salesOrderInvoiceList, sessionId=sid, filters={"complex_filter": {
       "complexObjectArray": [{"key": "invoice_id", "value": {"key": "in", "value": "1,3"}},
                              {"key": "grand_total", "value": {"key": "gt", "value": "40"}}]}})), ["100000003"])
eq("list filter + complex_filter together (order_id=102, state in 1,3)",
   inc_ids(call("list both", svc.salesOrderInvoiceList, sessionId=sid, filters={
       "filter": {"complexObjectArray": [{"key": "order_id", "value": "102"}]},
       "complex_filter": {"complexObjectArray": [{"key": "state", "value": {"key": "in", "value": "1,3"}}]}})),
   ["100000002"])
eq("list with a filter matching nothing -> empty result",
   inc_ids(call("list none", svc.salesOrderInvoiceList, sessionId=sid,
                filters={"filter": {"complexObjectArray": [{"key": "order_id", "value": "999"}]}})), [])
fault("list filter on an unknown field", "101",
      lambda m: m.startswith("Invalid filter given. Details in error message.") and "nosuchfield" in m
      and "SELECT" not in m.upper(),
      svc.salesOrderInvoiceList, sessionId=sid,
      filters={"filter": {"complexObjectArray": [{"key": "nosuchfield", "value": "1"}]}})

# ---- WS-I call / multiCall (docs/wsi-call.md): xsd:anyType values both ways.
# The answers are typed as V1's callReturn (ns2:Map, SOAP-ENC:Array): zeep
# resolves those types only with a schema for each namespace.  It fetches the
# SOAP encoding one from the network by itself (offline here) and none exists
# for Apache's Map, so the client gets two small local ones (py/*-stub.xsd).
XSI = "http://www.w3.org/2001/XMLSchema-instance"
STUB_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)))
STUBS = {"http://schemas.xmlsoap.org/soap/encoding": os.path.join(STUB_DIR, "soapenc-stub.xsd"),
         "http://xml.apache.org/xml-soap": os.path.join(STUB_DIR, "apachemap-stub.xsd")}


class StubTransport(Transport):
    def load(self, url):
        if url.rstrip("/") in STUBS:
            with open(STUBS[url.rstrip("/")], "rb") as f:
                return f.read()
        return super().load(url)


def any_value(v):
    """A decoded anyType answer as plain Python: ns2:Map -> dict, SOAP-ENC:Array -> list."""
    if isinstance(v, list):  # zeep flattens a Map (one repeated child) into its items
        if v and all(not isinstance(x, str) and hasattr(x, "key") and hasattr(x, "value") for x in v):
            return {x.key: any_value(x.value) for x in v}
        return [any_value(x) for x in v]
    if hasattr(v, "_value_1") and not hasattr(v, "item"):  # SOAP-ENC:Array
        return [any_value(x) for x in (v._value_1 or [])]
    if hasattr(v, "item"):  # ns2:Map
        return {i.key: any_value(i.value) for i in (v.item or [])}
    return v


aclient = zeep.Client(wsdl_url, plugins=[history], transport=StubTransport())
aclient.wsdl.types.add_document_by_url("http://xml.apache.org/xml-soap")
asvc = aclient.service
ArrayOfString = client.get_type("ns0:ArrayOfString")
assoc = client.get_type("ns0:associativeArray")
# calls = a list of [apiPath, args] lists: a WS-I array of ArrayOfString
CallList = zeep.xsd.ComplexType(
    zeep.xsd.Sequence([zeep.xsd.Element("complexObjectArray", ArrayOfString, min_occurs=0,
                                        max_occurs="unbounded")]),
    qname=etree.QName("urn:Magento", "callList"))

r = call("call sales_order_invoice.info (scalar anyType)", asvc.call, sessionId=sid,
         apiPath="sales_order_invoice.info", args=zeep.xsd.AnyObject(zeep.xsd.String(), "100000003"))
got = any_value(r)
eq("call info: the map's fields", {k: (got or {}).get(k) for k in ("increment_id", "order_increment_id", "grand_total")}
   if isinstance(got, dict) else got,
   {"increment_id": "100000003", "order_increment_id": "100000103", "grand_total": i3.grand_total if i3 else None})
eq("call info: items as a list of maps", [x.get("order_item_id") for x in (got or {}).get("items", [])]
   if isinstance(got, dict) else got, [x.order_item_id for x in rows(i3.items)] if i3 else None)
env = history.last_received["envelope"]  # the bytes zeep read, as lxml
wrapper = env.find("{http://schemas.xmlsoap.org/soap/envelope/}Body/{urn:Magento}callResponseParam")
kids = list(wrapper) if wrapper is not None else []
eq("call info: callResponseParam holds one unqualified <result>", [k.tag for k in kids], ["result"])
eq("call info: <result> carries xsi:type ns2:Map", kids[0].get("{%s}type" % XSI) if kids else None, "ns2:Map")
ok("call info: every map value is xsi:typed or nil",
   bool(kids) and all(v.get("{%s}type" % XSI) or v.get("{%s}nil" % XSI) for v in kids[0].iter("value")))
got = any_value(call("call sales_order.info (ArrayOfString args)", asvc.call, sessionId=sid, apiPath="sales_order.info",
                      args=zeep.xsd.AnyObject(ArrayOfString, {"complexObjectArray": ["100000103"]})))
eq("call sales_order.info: the order", (got or {}).get("increment_id") if isinstance(got, dict) else got, "100000103")
eq("call returning a boolean: zeep reads xsd:boolean",
   call("call addComment", svc.call, sessionId=sid, apiPath="sales_order_invoice.addComment",
        args=zeep.xsd.AnyObject(ArrayOfString, {"complexObjectArray": ["100000003", "via WS-I call"]})), True)
fault("call info of an unknown invoice", "100", "Requested invoice does not exist.", asvc.call, sessionId=sid,
      apiPath="sales_order_invoice.info", args=zeep.xsd.AnyObject(zeep.xsd.String(), "999999999"))
fault("call with an invalid api path", "3", "Invalid api path.", asvc.call, sessionId=sid,
      apiPath="sales_order_invoice", args=zeep.xsd.AnyObject(zeep.xsd.String(), "100000003"))
fault("call with a made-up session", "5", "Session expired. Try to relogin.", asvc.call,
      sessionId="deadbeefdeadbeefdeadbeefdeadbeef", apiPath="sales_order_invoice.info",
      args=zeep.xsd.AnyObject(zeep.xsd.String(), "100000003"))
got = any_value(call("multiCall", asvc.multiCall, sessionId=sid, calls=zeep.xsd.AnyObject(CallList, {"complexObjectArray": [
    {"complexObjectArray": ["sales_order_invoice.info", "100000003"]},
    {"complexObjectArray": ["sales_order_invoice.info", "999999999"]},
    {"complexObjectArray": ["sales_order.info", "100000101"]}]}), options=zeep.xsd.AnyObject(zeep.xsd.String(), "")))
eq("multiCall: the invoice, the fault entry, the order",
   [(got[0] or {}).get("increment_id"), got[1], (got[2] or {}).get("increment_id")]
   if isinstance(got, list) and len(got) == 3 else got,
   ["100000003", {"isFault": True, "faultCode": "100", "faultMessage": "Requested invoice does not exist."},
    "100000101"])
got = any_value(call("multiCall break", asvc.multiCall, sessionId=sid, calls=zeep.xsd.AnyObject(CallList, {"complexObjectArray": [
    {"complexObjectArray": ["nope"]}, {"complexObjectArray": ["sales_order.info", "100000101"]}]}),
    options=zeep.xsd.AnyObject(assoc, {"complexObjectArray": [{"key": "break", "value": "1"}]})))
eq("multiCall options break=1: only the fault entry", got,
   [{"isFault": True, "faultCode": "3", "faultMessage": "Invalid api path."}])

# ---- sessions
fault("a made-up session", "5", "Session expired. Try to relogin.",
      svc.salesOrderInvoiceInfo, sessionId="deadbeefdeadbeefdeadbeefdeadbeef", invoiceIncrementId="100000001")
eq("endSession -> True", call("endSession", svc.endSession, sessionId=sid), True)
fault("the ended session", "5", "Session expired. Try to relogin.",
      svc.salesOrderInvoiceInfo, sessionId=sid, invoiceIncrementId="100000001")

sys.exit(1 if fails else 0)
