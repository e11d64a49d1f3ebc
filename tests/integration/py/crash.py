#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Crash test: mixed invoice writes over SOAP V1 call, SOAP V2, XML-RPC,
JSON-RPC and REST from several threads, the daemon killed with SIGKILL at
random moments, restarted, and the database checked after every restart.

usage: crash.py MAGESOAPD CONFIG DB WORKDIR ORDERS.json USER KEY

Environment: CRASH_SEED (default: random, printed), CRASH_KILLS (20),
CRASH_THREADS (6).  ORDERS.json is the import file the orders came from
(every order a gateway order).  Prints PASS:/FAIL: lines and the counts."""
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdb  # noqa: E402  (SQLite or PostgreSQL, as lib.sh chose)
import threading
import time

MAGESOAPD, CONF, DB, WORK, ORDERS, USER, KEY = sys.argv[1:8]
SEED = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(1 << 30))
KILLS = int(os.environ.get("CRASH_KILLS", "20"))
THREADS = int(os.environ.get("CRASH_THREADS", "6"))
failed = 0


def ok(what, cond, detail=""):
    global failed
    print("%s: %s" % ("PASS" if cond else "FAIL", what), flush=True)
    if not cond:
        failed += 1
        if detail:
            print("    %s" % detail, flush=True)


# ---------------------------------------------------------------- the daemon
class Daemon:
    def __init__(self):
        self.proc = None
        self.port = None
        self.starts = 0

    def start(self):
        self.starts += 1
        log = os.path.join(WORK, "daemon.%d.log" % self.starts)
        with open(log, "wb") as f:
            self.proc = subprocess.Popen([MAGESOAPD, "-c", CONF, "serve", "--listen", "127.0.0.1:0"],
                                         stdout=subprocess.DEVNULL, stderr=f)
        for _ in range(300):
            with open(log, "rb") as f:
                m = re.search(rb"^listening on 127\.0\.0\.1:(\d+)$", f.read(), re.M)
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        with open(log, "rb") as f:
            raise SystemExit("FAIL: daemon did not start (restart %d): %s" % (self.starts, f.read()[-2000:]))

    def kill(self):
        """SIGKILL; False when the daemon had already died on its own (a crash or a sanitizer abort)."""
        alive = self.proc.poll() is None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        return alive

    def log_tail(self):
        with open(os.path.join(WORK, "daemon.%d.log" % self.starts), "rb") as f:
            return f.read()[-3000:].decode("utf-8", "replace")

    def stop(self):
        self.proc.terminate()
        return self.proc.wait(timeout=60)


D = Daemon()


class Refused(Exception):
    """The daemon answered with a fault: the write definitely did not happen."""


def request(conn, path, body, ctype, headers=None):
    h = {"Content-Type": ctype}
    h.update(headers or {})
    conn.request("POST", path, body=body.encode(), headers=h)
    r = conn.getresponse()
    return r.status, r.read().decode("utf-8", "replace")


# ---------------------------------------------------------------- dialects
NS = ("xmlns:e='http://schemas.xmlsoap.org/soap/envelope/' xmlns:n='urn:Magento' "
      "xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:m='http://xml.apache.org/xml-soap' "
      "xmlns:enc='http://schemas.xmlsoap.org/soap/encoding/'")


def env(body):
    return "<?xml version='1.0' encoding='UTF-8'?><e:Envelope %s><e:Body>%s</e:Body></e:Envelope>" % (NS, body)


def soap_result(status, text, tag):
    m = re.search(r"<faultcode>([^<]*)</faultcode><faultstring>([^<]*)", text.replace("\n", ""))
    if m:
        raise Refused("fault %s %s" % (m.group(1), m.group(2)))
    m = re.search(r"<%s[^>]*>([^<]*)</%s>" % (tag, tag), text)
    if status != 200 or not m:
        raise RuntimeError("unexpected answer %d %r" % (status, text[:300]))
    return m.group(1)


def v1(conn, sid, method, args):
    items = []
    for a in args:
        if isinstance(a, dict):
            items.append("<item xsi:type='m:Map'>%s</item>" % "".join(
                "<item><key>%s</key><value>%s</value></item>" % kv for kv in a.items()))
        else:
            items.append("<item>%s</item>" % a)
    body = env("<n:call><sessionId>%s</sessionId><resourcePath>sales_order_invoice.%s</resourcePath>"
               "<args xsi:type='enc:Array'>%s</args></n:call>" % (sid, method, "".join(items)))
    return soap_result(*request(conn, "/api/soap/", body, "text/xml"), "callReturn")


V2OPS = {"create": "salesOrderInvoiceCreate", "capture": "salesOrderInvoiceCapture",
         "void": "salesOrderInvoiceVoid", "cancel": "salesOrderInvoiceCancel",
         "addComment": "salesOrderInvoiceAddComment"}


def v2(conn, sid, method, args):
    inner = "<sessionId>%s</sessionId><invoiceIncrementId>%s</invoiceIncrementId>" % (sid, args[0])
    if method == "create" and len(args) > 1:
        inner += "<itemsQty>%s</itemsQty>" % "".join(
            "<item><order_item_id>%s</order_item_id><qty>%s</qty></item>" % kv for kv in args[1].items())
    if method == "addComment":
        inner += "<comment>%s</comment>" % args[1]
    body = env("<n:%s>%s</n:%s>" % (V2OPS[method], inner, V2OPS[method]))
    return soap_result(*request(conn, "/api/v2_soap/", body, "text/xml"), "result")


def xr_value(a):
    if isinstance(a, dict):
        return "<struct>%s</struct>" % "".join(
            "<member><name>%s</name><value><int>%s</int></value></member>" % kv for kv in a.items())
    return "<string>%s</string>" % a


def xmlrpc(conn, sid, method, args):
    body = ("<?xml version='1.0'?><methodCall><methodName>call</methodName><params>"
            "<param><value><string>%s</string></value></param>"
            "<param><value><string>sales_order_invoice.%s</string></value></param>"
            "<param><value><array><data>%s</data></array></value></param></params></methodCall>"
            % (sid, method, "".join("<value>%s</value>" % xr_value(a) for a in args)))
    status, text = request(conn, "/api/xmlrpc/", body, "text/xml")
    if "<fault>" in text:
        m = re.search(r"<int>(\d+)</int>.*<string>([^<]*)</string>", text, re.S)
        raise Refused("fault %s %s" % (m.group(1), m.group(2)) if m else "fault %r" % text[:200])
    m = re.search(r"<param><value><(?:string|boolean|int)>([^<]*)<", text)
    if status != 200 or not m:
        raise RuntimeError("unexpected answer %d %r" % (status, text[:300]))
    return m.group(1)


def jsonrpc(conn, sid, method, args):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "call",
                       "params": [sid, "sales_order_invoice." + method, args]})
    status, text = request(conn, "/api/jsonrpc/", body, "application/json")
    d = json.loads(text)
    if "error" in d:
        raise Refused("fault %s %s" % (d["error"].get("code"), d["error"].get("message")))
    if status != 200 or "result" not in d:
        raise RuntimeError("unexpected answer %d %r" % (status, text[:300]))
    return str(d["result"])


def rest_create(conn, token, order_id, qtys, capture):
    body = {"capture": capture}
    if qtys:
        body["items"] = [{"order_item_id": int(k), "qty": v} for k, v in qtys.items()]
    status, text = request(conn, "/rest/V1/order/%d/invoice" % order_id, json.dumps(body),
                           "application/json", {"Authorization": "Bearer " + token})
    if 400 <= status < 500:
        raise Refused("HTTP %d %s" % (status, text[:200]))
    if status != 200:
        raise RuntimeError("unexpected answer %d %r" % (status, text[:300]))
    return int(json.loads(text))


DIALECTS = {"v1": v1, "v2": v2, "xmlrpc": xmlrpc, "jsonrpc": jsonrpc}


# ---------------------------------------------------------------- what was acknowledged
class Book:
    """Acknowledged writes.  Invoice states only go up (1 open -> 2 paid -> 3
    canceled), so the acknowledged state is the highest acknowledged one; a
    write cut off by the kill may or may not have happened (pending)."""

    def __init__(self, orders):
        self.lock = threading.Lock()
        self.orders = orders                # increment id -> {"id": entity id, "items": {item id: qty}}
        self.open_orders = set(orders)
        self.inv = {}                       # invoice key -> {"order", "state", "pending": set, "comments"}
        self.refusals = {}
        self.acks = {"create": 0, "capture": 0, "cancel": 0, "void": 0, "addComment": 0}

    def pick(self, rnd, states):
        with self.lock:
            keys = [k for k, v in self.inv.items() if v["state"] in states and isinstance(k, str)]
        return rnd.choice(keys) if keys else None

    def created(self, key, order, state):
        with self.lock:
            self.acks["create"] += 1
            self.inv[key] = {"order": order, "state": state, "pending": set(), "comments": 0}

    def moved(self, key, op, state):
        with self.lock:
            self.acks[op] += 1
            v = self.inv[key]
            v["state"] = max(v["state"], state)

    def maybe(self, key, state):
        with self.lock:
            self.inv[key]["pending"].add(state)

    def commented(self, key):
        with self.lock:
            self.acks["addComment"] += 1
            self.inv[key]["comments"] += 1


# what racing writers may be told: nothing left to invoice (102 / REST 400), the invoice is not in
# the state the operation needs (104)
EXPECTED_REFUSAL = r"fault 10[24] |HTTP 400 \{\"message\":\"Invoice Document Validation Error"
TARGET = {"capture": 2, "cancel": 3, "void": 3}


def worker(n, stop, book, sid, token, counters):
    rnd = random.Random(SEED * 1000 + D.starts * 100 + n)
    conn = http.client.HTTPConnection("127.0.0.1", D.port, timeout=30)
    while not stop.is_set():
        op = rnd.choices(["create-partial", "create-full", "capture", "cancel", "void", "addComment"],
                         [4, 2, 3, 1, 1, 1])[0]
        dialect = rnd.choice(["v1", "v2", "xmlrpc", "jsonrpc", "rest"])
        key = None
        try:
            if op.startswith("create"):
                with book.lock:
                    pool = sorted(book.open_orders)
                if not pool:
                    continue
                order = rnd.choice(pool)
                o = book.orders[order]
                qtys = {} if op == "create-full" else {rnd.choice(sorted(o["items"])): 1}
                if dialect == "rest":
                    capture = rnd.random() < 0.5
                    key = rest_create(conn, token, o["id"], qtys, capture)
                    book.created(key, order, 2)   # InvoiceOrder forces PAID, capture or not
                else:
                    args = [order, qtys] if qtys else [order]
                    key = DIALECTS[dialect](conn, sid, "create", args)
                    book.created(key, order, 1)
                counters["sent"] += 1
                continue
            states = {"capture": (1,), "cancel": (1,), "void": (2,), "addComment": (1, 2, 3)}[op]
            key = book.pick(rnd, states)
            if key is None:
                continue
            if dialect == "rest":
                dialect = "jsonrpc"
            if op == "addComment":
                DIALECTS[dialect](conn, sid, "addComment", [key, "crash test %d" % n])
                book.commented(key)
            else:
                try:
                    DIALECTS[dialect](conn, sid, op, [key])
                except (OSError, http.client.HTTPException):
                    book.maybe(key, TARGET[op])
                    raise
                book.moved(key, op, TARGET[op])
            counters["sent"] += 1
        except Refused as e:
            counters["refused"] += 1
            reason = re.sub(r"\d{9}|\\\"[^\\]*\\\"", "N", str(e))[:90]
            with book.lock:
                book.refusals[reason] = book.refusals.get(reason, 0) + 1
            if op.startswith("create"):     # probably fully invoiced: stop picking it
                with book.lock:
                    book.open_orders.discard(order)
        except (OSError, http.client.HTTPException):
            counters["cut"] += 1
            conn.close()
            if stop.is_set():
                break
            time.sleep(0.02)
            conn = http.client.HTTPConnection("127.0.0.1", D.port, timeout=30)
        except RuntimeError as e:
            counters["odd"] += 1
            print("FAIL: unexpected answer to %s over %s: %s" % (op, dialect, e), flush=True)
    conn.close()


def login():
    conn = http.client.HTTPConnection("127.0.0.1", D.port, timeout=30)
    status, text = request(conn, "/api/soap/", env("<n:login><username>%s</username><apiKey>%s</apiKey>"
                                                   "</n:login>" % (USER, KEY)), "text/xml")
    sid = re.search(r"<loginReturn[^>]*>([0-9a-f]{32})<", text).group(1)
    status, text = request(conn, "/rest/V1/integration/admin/token",
                           json.dumps({"username": USER, "password": KEY}), "application/json")
    conn.close()
    return sid, json.loads(text)


# ---------------------------------------------------------------- the checks
def check(book):
    """Returns (problems, invoices checked)."""
    con = tdb.connect(DB, readonly=True)
    bad = []
    try:
        if tdb.BACKEND == "sqlite":   # the file itself; PostgreSQL checks its own pages
            ic = con.execute("PRAGMA integrity_check").fetchall()
            if ic != [("ok",)]:
                bad.append("integrity_check: %r" % ic[:5])
        ncomments = dict(con.execute("SELECT parent_id, count(*) FROM sales_flat_invoice_comment "
                                     "GROUP BY parent_id").fetchall())
        rows = {}
        for r in con.execute("SELECT entity_id, increment_id, order_id, state, grand_total, subtotal, "
                             "base_subtotal, total_qty, shipping_amount, tax_amount, discount_amount, "
                             "base_grand_total FROM sales_flat_invoice"):
            rows[r[1]] = r
            rows[r[0]] = r
        with book.lock:
            for key, v in book.inv.items():
                r = rows.get(key)
                if r is None:
                    bad.append("acknowledged invoice %r (order %s) is missing" % (key, v["order"]))
                    continue
                if r[3] != v["state"] and r[3] not in v["pending"]:
                    bad.append("invoice %r: state %s, acknowledged %s (pending %s)"
                               % (key, r[3], v["state"], sorted(v["pending"])))
                if r[3] < v["state"]:
                    bad.append("invoice %r: state %s went back from acknowledged %s" % (key, r[3], v["state"]))
                n = ncomments.get(r[0], 0)
                if n < v["comments"]:
                    bad.append("invoice %r: %d comments stored, %d acknowledged" % (key, n, v["comments"]))
            # re-baseline from the checked database: states now known, nothing pending
            for key, v in book.inv.items():
                if key in rows:
                    v["state"], v["pending"] = rows[key][3], set()
            for inc, eid in con.execute("SELECT increment_id, entity_id FROM sales_flat_invoice"):
                if inc not in book.inv and eid not in book.inv:
                    book.inv[inc] = {"order": None, "state": rows[inc][3], "pending": set(), "comments": 0}
        # no order item over-invoiced; qty_invoiced = what its non-canceled invoices hold
        for item, ordered, invoiced, inv_sum in con.execute(
                "SELECT oi.item_id, oi.qty_ordered, oi.qty_invoiced, "
                " (SELECT CAST(coalesce(sum(ii.qty), 0) AS bigint) FROM sales_flat_invoice_item ii JOIN sales_flat_invoice i "
                "  ON ii.parent_id = i.entity_id WHERE ii.order_item_id = oi.item_id AND i.state != 3) "
                "FROM sales_flat_order_item oi"):
            if invoiced > ordered:
                bad.append("order item %d over-invoiced: %d of %d" % (item, invoiced, ordered))
            if invoiced != inv_sum:
                bad.append("order item %d: qty_invoiced %d, its open/paid invoices hold %d" % (item, invoiced, inv_sum))
        # every invoice's totals are the sums of its rows
        for r in con.execute(
                "SELECT i.increment_id, i.subtotal, i.base_subtotal, i.total_qty, i.grand_total, "
                " i.subtotal + i.shipping_amount + i.tax_amount + i.discount_amount, "
                " CAST(coalesce(sum(ii.row_total), 0) AS bigint), CAST(coalesce(sum(ii.base_row_total), 0) AS bigint), CAST(coalesce(sum(ii.qty), 0) AS bigint), count(ii.entity_id) "
                "FROM sales_flat_invoice i LEFT JOIN sales_flat_invoice_item ii ON ii.parent_id = i.entity_id "
                "GROUP BY i.entity_id"):
            inc, sub, bsub, tq, gt, gt_calc, rsum, brsum, qsum, nrows = r
            if (sub, bsub, tq) != (rsum, brsum, qsum) or gt != gt_calc:
                bad.append("invoice %s: subtotal/base/qty/grand %s/%s/%s/%s, rows %s/%s/%s, parts %s"
                           % (inc, sub, bsub, tq, gt, rsum, brsum, qsum, gt_calc))
        # order totals are the sums of their non-canceled invoices.  total_paid is not checked:
        # Magento 2's InvoiceOrder (REST) forces the invoice to PAID without pay() when the
        # payment cannot capture (e.g. after a void closed the authorization), as the spec says.
        for r in con.execute(
                "SELECT o.increment_id, o.total_invoiced, o.base_total_invoiced, o.subtotal_invoiced, "
                " o.shipping_invoiced, "
                " (SELECT CAST(coalesce(sum(grand_total), 0) AS bigint) FROM sales_flat_invoice WHERE order_id = o.entity_id AND state != 3), "
                " (SELECT CAST(coalesce(sum(base_grand_total), 0) AS bigint) FROM sales_flat_invoice WHERE order_id = o.entity_id AND state != 3), "
                " (SELECT CAST(coalesce(sum(subtotal), 0) AS bigint) FROM sales_flat_invoice WHERE order_id = o.entity_id AND state != 3), "
                " (SELECT CAST(coalesce(sum(shipping_amount), 0) AS bigint) FROM sales_flat_invoice WHERE order_id = o.entity_id AND state != 3) "
                "FROM sales_flat_order o"):
            inc, ti, bti, si, shi, s_ti, s_bti, s_si, s_shi = r
            if (ti, bti, si, shi) != (s_ti, s_bti, s_si, s_shi):
                bad.append("order %s: total/base/subtotal/shipping invoiced %s, invoices say %s"
                           % (inc, (ti, bti, si, shi), (s_ti, s_bti, s_si, s_shi)))
        n_inv = con.execute("SELECT count(*) FROM sales_flat_invoice").fetchone()[0]
        return bad, n_inv
    finally:
        con.close()


def main():
    if tdb.BACKEND != "sqlite":
        print("NOT RUN on PostgreSQL (an SQLite file check): PRAGMA integrity_check", flush=True)
    print("crash test: seed %d (CRASH_SEED=%d repeats the random choices; thread timing differs), %d kills, %d threads"
          % (SEED, SEED, KILLS, THREADS), flush=True)
    rnd = random.Random(SEED)
    with open(ORDERS) as f:
        doc = json.load(f)
    orders = {o["increment_id"]: {"id": o["order_id"], "items": {it["item_id"]: it["qty_ordered"] for it in o["items"]}}
              for o in doc["orders"]}
    book = Book(orders)
    counters = {"sent": 0, "refused": 0, "cut": 0, "odd": 0}
    checked = 0
    t0 = time.monotonic()
    D.start()
    for k in range(1, KILLS + 1):
        sid, token = login()
        stop = threading.Event()
        threads = [threading.Thread(target=worker, args=(n, stop, book, sid, token, counters))
                   for n in range(THREADS)]
        for t in threads:
            t.start()
        time.sleep(rnd.uniform(0.3, 2.0))
        if not D.kill():
            ok("kill %d: the daemon was still running when killed" % k, False, D.log_tail())
        stop.set()
        for t in threads:
            t.join(60)
        D.start()
        bad, n_inv = check(book)
        checked += n_inv
        ok("kill %d: after restart every acknowledged write is there, nothing over-invoiced, "
           "totals add up, integrity ok (%d invoices)" % (k, n_inv), not bad,
           "\n    ".join(bad[:20]) + "\n    (CRASH_SEED=%d)" % SEED)
    rc = D.stop()
    ok("daemon exits 0 on SIGTERM after the last restart", rc == 0, "exit %s: %s" % (rc, D.log_tail()))
    acked = sum(book.acks.values())
    print("counts: %d acknowledged writes (%s), %d refused with a fault, %d cut by a kill, %d kills, "
          "%d invoice checks (%d invoices at the end), %.1f s"
          % (acked, ", ".join("%s %d" % kv for kv in book.acks.items()), counters["refused"],
             counters["cut"], KILLS, checked, len(book.inv), time.monotonic() - t0), flush=True)
    odd = []
    for reason, n in sorted(book.refusals.items(), key=lambda kv: -kv[1]):
        print("refused %6d x %s" % (n, reason))
        if not re.match(EXPECTED_REFUSAL, reason):
            odd.append(reason)
    ok("every refusal is a business fault (102, 104, REST 400 validation)", not odd, "; ".join(odd))
    ok("the threads made acknowledged writes of every kind",
       all(book.acks[op] > 0 for op in ("create", "capture", "cancel", "void", "addComment")), repr(book.acks))
    ok("no unexpected answers", counters["odd"] == 0, "%d unexpected answers" % counters["odd"])
    if failed:
        print("FAILED with CRASH_SEED=%d" % SEED)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
