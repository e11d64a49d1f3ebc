#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""JSON-RPC 2.0 (/api/jsonrpc/) against `serve --demo` data.

usage: jsonrpc_client.py BASE_URL seed       every request of seed 002 as written
                                             ("session_id" replaced by a real one),
                                             in the document's order
       jsonrpc_client.py BASE_URL seed-cancel  seed 002's cancel example alone
       jsonrpc_client.py BASE_URL protocol magento1|openmage
                                             errors, notifications, batches, ids
Prints PASS:/FAIL: lines."""
import json
import re
import sys
import urllib.request

base, mode = sys.argv[1].rstrip("/"), sys.argv[2]
profile = sys.argv[3] if len(sys.argv) > 3 else "magento1"
URL = base + "/api/jsonrpc/"
failed = 0


def ok(what, cond, detail=""):
    global failed
    print("%s: %s" % ("PASS" if cond else "FAIL", what))
    if not cond:
        failed += 1
        if detail != "":
            print("    %s" % (detail,))


def post(body, path="/api/jsonrpc/"):
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers.get("Content-Type"), r.read()


def rpc(body):
    st, ct, raw = post(body)
    return json.loads(raw) if raw else None


def login():
    r = rpc({"jsonrpc": "2.0", "method": "login", "params": ["apiUser", "apiKey"], "id": 1})
    return r["result"]


# seed 002, in the document's order, each "Example Request" exactly as written
SEED = [
    ("list", '''{
"jsonrpc": "2.0",
"method": "call",
"params": [
"session_id",
"sales_order_invoice.list",
[{"order_increment_id": "100000001"}]
],
"id": 1
}'''),
    ("info", '''{
"jsonrpc": "2.0",
"method": "call",
"params": [
"session_id",
"sales_order_invoice.info",
"100000001"
],
"id": 1
}'''),
    ("create", '''{
"jsonrpc": "2.0",
"method": "call",
"params": [
"session_id",
"sales_order_invoice.create",
[
"100000001",
{"1": 2},
"Invoice created",
true,
true
]
],
"id": 1
}'''),
    ("addComment", '''{
"jsonrpc": "2.0",
"method": "call",
"params": [
"session_id",
"sales_order_invoice.addComment",
["100000001", "Payment received", true, true]
],
"id": 1
}'''),
    ("capture", '''{
"jsonrpc": "2.0",
"method": "call",
"params": [
"session_id",
"sales_order_invoice.capture",
"100000001"
],
"id": 1
}'''),
    ("void", '''{
"jsonrpc": "2.0",
"method": "call",
"params": [
"session_id",
"sales_order_invoice.void",
"100000001"
],
"id": 1
}'''),
    ("cancel", '''{
"jsonrpc": "2.0",
"method": "call",
"params": [
"session_id",
"sales_order_invoice.cancel",
"100000001"
],
"id": 1
}'''),
]


def seed(names):
    sid = login()
    for name, text in SEED:
        if name not in names:
            continue
        st, ct, raw = post(text.replace('"session_id"', json.dumps(sid)).encode())
        r = json.loads(raw)
        ok("seed 002 %s: HTTP 200, application/json, {result, id, jsonrpc} in that order"
           % name, st == 200 and ct.startswith("application/json") and
           list(r) == ["result", "id", "jsonrpc"] and r["id"] == 1 and r["jsonrpc"] == "2.0", raw)
        res = r.get("result")
        if name == "list":
            ok("seed 002 list: the invoice of order 100000001",
               isinstance(res, list) and len(res) == 1 and res[0]["increment_id"] == "100000001" and
               list(res[0]) == ["order_id", "increment_id", "created_at", "state", "grand_total",
                                "order_currency_code", "invoice_id"], res)
        elif name == "info":
            ok("seed 002 info: invoice 100000001 with items and comments",
               isinstance(res, dict) and res["increment_id"] == "100000001" and
               res["order_increment_id"] == "100000001" and isinstance(res["items"], list) and
               list(res)[-2:] == ["items", "comments"], res)
        elif name == "create":
            ok("seed 002 create: a new invoice increment id", isinstance(res, str) and
               re.match(r"^1\d{8}$", res) is not None, res)
            inv = rpc({"jsonrpc": "2.0", "method": "call",
                       "params": [sid, "sales_order_invoice.info", res], "id": 2}).get("result", {})
            ok("seed 002 create: {\"1\": 2} invoiced 2 of item 1, comment sent with the mail",
               len(inv["items"]) == 1 and str(inv["items"][0]["order_item_id"]) == "1" and
               inv["items"][0]["qty"] == "2.0000" and str(inv["email_sent"]) == "1" and
               inv["comments"][0]["comment"] == "Invoice created", inv)
        else:
            ok("seed 002 %s: true" % name, res is True, raw)
        if name == "capture":
            st = rpc({"jsonrpc": "2.0", "method": "sales_order_invoice.info",
                      "params": [sid, "100000001"], "id": 3})["result"]["state"]
            ok("seed 002 capture: invoice 100000001 is paid", str(st) == "2", st)


def protocol():
    sid = login()
    # the resource.method shorthand: params[0] is the session, the rest the arguments
    r = rpc({"jsonrpc": "2.0", "method": "sales_order_invoice.info", "params": [sid, "200000006"],
             "id": 7})
    ok("shorthand sales_order_invoice.info [sid, id]", r.get("result", {}).get("increment_id") ==
       "200000006", r)
    if profile == "openmage":
        ok("profile openmage: integer columns are JSON numbers",
           r["result"]["invoice_id"] == 1 and r["result"]["grand_total"] == "384.9800", r)
    else:
        ok("profile magento1: every column value is a string",
           r["result"]["invoice_id"] == "1" and r["result"]["grand_total"] == "384.9800", r)
    r = rpc({"jsonrpc": "2.0", "method": "order_invoice.list",
             "params": [sid, {"state": {"in": ["2", "3"]}}], "id": 8})
    ok("shorthand with the alias and a filter", len(r.get("result", [])) == 2, r)
    # Magento faults keep their code (Maho)
    r = rpc({"jsonrpc": "2.0", "method": "call", "params": ["deadbeef" * 4,
                                                           "sales_order_invoice.info", "1"], "id": 9})
    ok("a bad session: error 5 with Magento's message",
       r == {"error": {"code": 5, "message": "Session expired. Try to relogin."}, "id": 9,
             "jsonrpc": "2.0"}, r)
    r = rpc({"jsonrpc": "2.0", "method": "sales_order_invoice.capture", "params": [sid, "200000006"],
             "id": 10})
    ok("capture of a paid invoice: error 104", r.get("error") ==
       {"code": 104, "message": "Invoice cannot be captured."}, r)
    r = rpc({"jsonrpc": "2.0", "method": "sales_order_invoice.nosuch", "params": [sid], "id": 11})
    ok("an unknown resource method: error 3", r.get("error", {}).get("code") == 3, r)
    r = rpc({"jsonrpc": "2.0", "method": "sales_order_invoice.info", "params": [sid], "id": 12})
    ok("too few arguments: -32602 with PHP's message, no path",
       r.get("error") == {"code": -32602, "message": "Too few arguments to function "
                          "Mage_Sales_Model_Order_Invoice_Api::info(), 0 passed and exactly 1 "
                          "expected"}, r)
    # JSON-RPC's own errors
    st, ct, raw = post(b'{"jsonrpc": "2.0", "method": "login", "params": [')
    r = json.loads(raw)
    ok("malformed JSON: -32700, id null, HTTP 200", st == 200 and r == {
        "error": {"code": -32700, "message": "Parse error"}, "id": None, "jsonrpc": "2.0"}, raw)
    r = rpc({"jsonrpc": "2.0", "method": "frobnicate", "params": [], "id": 13})
    ok("a wrong method: -32601", r == {"error": {"code": -32601, "message": "Method not found"},
                                       "id": 13, "jsonrpc": "2.0"}, r)
    for bad in ({"jsonrpc": "2.0", "method": 5, "id": 14}, {"jsonrpc": "2.0", "id": 14},
                {"jsonrpc": "2.0", "method": "login", "params": "x", "id": 14},
                {"jsonrpc": "1.0", "method": "login", "params": [], "id": 14}, [1]):
        r = rpc(bad)
        r = r[0] if isinstance(r, list) else r
        ok("invalid request %s: -32600" % json.dumps(bad), r["error"]["code"] == -32600, r)
    r = rpc([])
    ok("an empty batch: -32600", r["error"]["code"] == -32600, r)
    r = rpc({"jsonrpc": "2.0", "method": "login", "params": {"username": "apiUser",
                                                              "apiKey": "apiKey"}, "id": 15})
    ok("named params by PHP parameter name", len(r.get("result", "")) == 32, r)
    r = rpc({"jsonrpc": "2.0", "method": "login", "params": {"user": "apiUser"}, "id": 16})
    ok("an unknown named param: -32602", r["error"]["code"] == -32602, r)
    r = rpc({"jsonrpc": "2.0", "method": "call", "params": {"sessionId": sid, "apiPath":
                                                            "sales_order_invoice.info",
                                                            "args": ["200000006"]}, "id": 17})
    ok("call with named params", r.get("result", {}).get("increment_id") == "200000006", r)
    # ids keep their JSON type; no "jsonrpc" member in, none out
    for rid in ("abc", 42, 4.5, None):
        r = rpc({"jsonrpc": "2.0", "method": "globalFaults", "params": [sid], "id": rid})
        ok("id %r comes back as sent" % (rid,), "id" in r and r["id"] == rid and
           type(r["id"]) is type(rid) and len(r["result"]) == 7, r)
    r = rpc({"method": "startSession", "params": [], "id": 18})
    ok("a request without \"jsonrpc\" gets an answer without it",
       list(r) == ["result", "id"] and len(r["result"]) == 32, r)
    # notifications: run, answered with an empty 204
    st, ct, raw = post({"jsonrpc": "2.0", "method": "call",
                        "params": [sid, "sales_order_invoice.addComment", ["200000006", "note"]]})
    ok("a notification gets 204 and no body", st == 204 and raw == b"", (st, raw))
    r = rpc({"jsonrpc": "2.0", "method": "call", "params": [sid, "sales_order_invoice.info",
                                                           "200000006"], "id": 19})
    ok("... and was carried out", r["result"]["comments"][0]["comment"] == "note", r)
    r = rpc([{"jsonrpc": "2.0", "method": "globalFaults", "params": [sid], "id": "a"},
             {"jsonrpc": "2.0", "method": "startSession"},
             {"jsonrpc": "2.0", "method": "nosuch", "id": "b"}])
    ok("a batch: one answer per request with an id, in order",
       isinstance(r, list) and [x["id"] for x in r] == ["a", "b"] and "result" in r[0] and
       r[1]["error"]["code"] == -32601, r)
    st, ct, raw = post([{"jsonrpc": "2.0", "method": "startSession"}])
    ok("a batch of notifications: 204", st == 204 and raw == b"", (st, raw))
    st, ct, raw = post({"jsonrpc": "2.0", "method": "login", "params": ["apiUser", "apiKey"],
                        "id": 20}, path="/api.php?type=jsonrpc")
    ok("api.php?type=jsonrpc", st == 200 and len(json.loads(raw)["result"]) == 32, raw)
    r = rpc({"jsonrpc": "2.0", "method": "multiCall", "params": [sid, [
        ["sales_order_invoice.info", "200000006"], ["x.y"], ["sales_order_invoice.info", []]]],
        "id": 21})
    ok("multiCall: a PHP error in an entry fails the whole call (-32602)",
       r.get("error", {}).get("code") == -32602, r)
    r = rpc({"jsonrpc": "2.0", "method": "multiCall", "params": [sid, [
        ["sales_order_invoice.info", "200000006"], ["x.y"], ["sales_order_invoice.info", "1"]],
        {"break": 1}], "id": 22})
    ok("multiCall with break", len(r["result"]) == 2 and r["result"][1] ==
       {"isFault": True, "faultCode": "3", "faultMessage": "Invalid api path."}, r)
    r = rpc({"jsonrpc": "2.0", "method": "endSession", "params": [sid], "id": 23})
    ok("endSession: true", r["result"] is True, r)
    r = rpc({"jsonrpc": "2.0", "method": "resources", "params": [sid], "id": 24})
    ok("the ended session: error 5", r["error"]["code"] == 5, r)


if mode == "seed":
    seed(["list", "info", "create", "addComment", "capture", "void"])
elif mode == "seed-cancel":
    seed(["cancel"])
else:
    protocol()
sys.exit(1 if failed else 0)
