#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Two daemons on one database (tests/integration/60-pg-multi.sh), over
XML-RPC with the standard library's client:

  multi.py race URL_A URL_B USER KEY ROUNDS
      per round: 32 full creates of one order split across both daemons,
      released together (exactly one wins, the rest fault 102), then 32
      captures of one open invoice (exactly one wins, the rest fault 104 /
      103), orders 1000006RR (checkmo 2) and 1000007RR (gw 2)
  multi.py session URL_A URL_B USER KEY
      a session made on A works on B; endSession on B ends it on A too
  multi.py load URL_A URL_B USER KEY SECONDS ACKS FIRST LAST
      8 threads (half per daemon, a dead daemon's share moves to the other)
      make one-unit invoices of orders FIRST..LAST (gw, 4 units each) for
      SECONDS; every acknowledged invoice increment id goes to ACKS; each
      request's time is bounded and every answer is an invoice or a fault
      (never a hang); prints the longest answer time and the counts
Prints PASS:/FAIL: lines.
"""
import http.client
import socket
import sys
import threading
import time
import xmlrpc.client

FAILS = 0


def ok(what, cond, detail=""):
    global FAILS
    if cond:
        print("PASS: " + what)
    else:
        FAILS += 1
        print("FAIL: %s %s" % (what, detail))
    sys.stdout.flush()


class TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        conn = http.client.HTTPConnection(host, timeout=self.timeout)
        self._connection = host, conn
        return conn


def proxy(url, timeout=30):
    return xmlrpc.client.ServerProxy(url + "/api/xmlrpc/", transport=TimeoutTransport(timeout))


def call(url, sid, method, args, timeout=30):
    return proxy(url, timeout).call(sid, method, args)


def outcome(fn):
    try:
        return ("ok", fn())
    except xmlrpc.client.Fault as e:
        return ("fault", "%s %s" % (e.faultCode, e.faultString))
    except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as e:
        return ("error", repr(e))


def race(urls, sid, method, argsfn, n=32):
    barrier = threading.Barrier(n)
    results = [None] * n

    def one(i):
        url = urls[i % 2]
        barrier.wait()
        results[i] = outcome(lambda: call(url, sid, method, argsfn(i)))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def cmd_race(a, b, user, key, rounds):
    sid = proxy(a).login(user, key)
    for r in range(1, rounds + 1):
        inc = "1000006%02d" % r
        res = race([a, b], sid, "sales_order_invoice.create", lambda i: [inc, {}])
        wins = [v for k, v in res if k == "ok"]
        others = [v for k, v in res if k != "ok"]
        ok("round %d: 32 creates of %s over two daemons: exactly one winner" % (r, inc),
           len(wins) == 1, "%s" % res)
        ok("round %d: the losers fault 102" % r,
           all(o.startswith("102 ") for o in others), "%s" % others)
        lst = [x for x in call(b, sid, "sales_order_invoice.list", [])
               if wins and x["increment_id"] == wins[0]]
        ok("round %d: the winner's invoice is stored" % r, len(lst) == 1)
        # captures: one open invoice of a gateway order, 32 captures
        ginc = "1000007%02d" % r
        inv = call(a, sid, "sales_order_invoice.create", [ginc, {}, "", False, False])
        res = race([a, b], sid, "sales_order_invoice.capture", lambda i: [inv])
        wins = [v for k, v in res if k == "ok"]
        others = [v for k, v in res if k != "ok"]
        ok("round %d: 32 captures of %s over two daemons: exactly one winner" % (r, inv),
           len(wins) == 1, "%s" % res)
        ok("round %d: the losers fault (103/104: already captured)" % r,
           all(o.startswith("103 ") or o.startswith("104 ") for o in others), "%s" % others)
        info = call(b, sid, "sales_order_invoice.info", [inv])
        ok("round %d: the invoice is paid (state 2)" % r, str(info["state"]) == "2", info["state"])


def cmd_session(a, b, user, key):
    sid = proxy(a).login(user, key)
    k, v = outcome(lambda: call(b, sid, "sales_order_invoice.list", []))
    ok("a session made on daemon A works on daemon B", k == "ok", v)
    k, v = outcome(lambda: proxy(b).endSession(sid))
    ok("endSession on daemon B", k == "ok", v)
    k, v = outcome(lambda: call(a, sid, "sales_order_invoice.list", []))
    ok("... and the session is gone on daemon A (fault 5)", k == "fault" and v.startswith("5 "), v)


def cmd_load(a, b, user, key, seconds, acks_path, first, last):
    urls = [a, b]
    dead = [False, False]
    sids = {}
    lock = threading.Lock()
    acks = open(acks_path, "a")
    counts = {"ok": 0, "fault": 0, "error": 0}
    longest = [0.0]
    until = time.time() + seconds
    orders = list(range(first, last + 1))

    def sid_for(i):
        if i not in sids or sids[i] is None:
            k, v = outcome(lambda: proxy(urls[i], 15).login(user, key))
            sids[i] = v if k == "ok" else None
        return sids[i]

    def worker(n):
        j = n
        while time.time() < until:
            d = n % 2
            if dead[d]:
                d = 1 - d
            s = sid_for(d)
            o = orders[j % len(orders)]
            inc = "1000008%02d" % o
            j += 8
            t0 = time.time()
            if s is None:
                k, v = "error", "no session"
            else:
                k, v = outcome(lambda: call(urls[d], s, "sales_order_invoice.create",
                                            [inc, {"%d1" % (800 + o): 1},
                                             "", False, False], timeout=20))
            dt = time.time() - t0
            with lock:
                longest[0] = max(longest[0], dt)
                counts[k] += 1
                if k == "ok":
                    acks.write("%s\n" % v)
                    acks.flush()
                elif k == "error" and ("refused" in v.lower() or "reset" in v.lower()):
                    dead[d] = True  # killed: its share moves to the other daemon
                    sids[d] = None
                elif k == "fault" and v.startswith("5 "):
                    sids[d] = None
            if k != "ok":
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acks.close()
    print("LONGEST=%.2f OK=%d FAULT=%d ERROR=%d" % (longest[0], counts["ok"], counts["fault"],
                                                    counts["error"]))


def main():
    what = sys.argv[1]
    if what == "race":
        cmd_race(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    elif what == "session":
        cmd_session(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    elif what == "load":
        cmd_load(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], float(sys.argv[6]),
                 sys.argv[7], int(sys.argv[8]), int(sys.argv[9]))
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    socket.setdefaulttimeout(30)
    main()
