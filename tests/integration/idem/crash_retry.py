#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Kill-and-retry loop (issue 11 part 4): clients send partial creates (one
# unit of an item of qty 1000) with Idempotency-Keys over REST and XML-RPC
# while the daemon is SIGKILLed at random moments; after each restart every
# key whose answer was lost is retried with the same key and body, and every
# answered key once more.  At the end each key must have exactly one invoice
# (invoices = keys, qty invoiced = keys, the answers of a key all equal).
# argv: MAGESOAPD CONFIG DB USER KEY ORDERS SECONDS
import http.client, json, os, random, re, signal, subprocess, sys, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
import tdb  # noqa: E402  (SQLite or PostgreSQL, as lib.sh chose)

binary, conf, db, user, key, norders, seconds = sys.argv[1:8]
norders, seconds = int(norders), float(seconds)
rng = random.Random(11)
fails = []


def check(what, ok, detail=""):
    print(("PASS: " if ok else "FAIL: ") + what + ("" if ok else " -- %s" % (detail,)))
    if not ok:
        fails.append(what)


def start():
    log = open(os.path.join(os.path.dirname(db), "crash-daemon.log"), "a")
    p = subprocess.Popen([binary, "-c", conf, "serve", "--listen", "127.0.0.1:0"],
                         stderr=subprocess.PIPE, text=True)
    port = None
    deadline = time.time() + 10
    while time.time() < deadline:
        line = p.stderr.readline()
        if not line:
            break
        log.write(line)
        m = re.match(r"listening on 127\.0\.0\.1:(\d+)$", line.strip())
        if m:
            port = int(m.group(1))
            break
    if port is None:
        p.kill()
        raise SystemExit("FAIL: daemon did not start")
    # keep draining stderr so the daemon never blocks on a full pipe
    threading.Thread(target=lambda: [log.write(l) for l in p.stderr], daemon=True).start()
    return p, port


def post(port, path, body, headers, timeout=5):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("POST", path, body=body, headers=headers)
        r = c.getresponse()
        return r.status, r.read().decode()
    finally:
        c.close()


def rest_token(port):
    st, b = post(port, "/rest/V1/integration/admin/token",
                 json.dumps({"username": user, "password": key}),
                 {"Content-Type": "application/json"})
    return json.loads(b) if st == 200 else None


def xr_login(port):
    st, b = post(port, "/api/xmlrpc/",
                 "<?xml version='1.0'?><methodCall><methodName>login</methodName><params>"
                 "<param><value><string>%s</string></value></param><param><value><string>%s"
                 "</string></value></param></params></methodCall>" % (user, key),
                 {"Content-Type": "text/xml"})
    m = re.search(r"<string>([0-9a-f]+)</string>", b)
    return m.group(1) if st == 200 and m else None


# key -> (dialect, order index); answers[key] = list of answers seen
keys = {}
answers = {}
lock = threading.Lock()


def request(port, auth, k):
    dialect, i = keys[k]
    order_id, item = 9000 + i, (9000 + i) * 10 + 1
    if dialect == "rest":
        st, b = post(port, "/rest/V1/order/%d/invoice" % order_id,
                     json.dumps({"items": [{"order_item_id": item, "qty": 1}]}),
                     {"Content-Type": "application/json", "Authorization": "Bearer " + auth[0],
                      "Idempotency-Key": k})
        return ("id", b) if st == 200 else None
    body = ("<?xml version='1.0'?><methodCall><methodName>call</methodName><params>"
            "<param><value><string>%s</string></value></param><param><value><string>"
            "sales_order_invoice.create</string></value></param><param><value><array><data>"
            "<value><string>9%08d</string></value><value><struct><member><name>%d</name>"
            "<value><int>1</int></value></member></struct></value></data></array></value>"
            "</param></params></methodCall>" % (auth[1], i, item))
    st, b = post(port, "/api/xmlrpc/", body, {"Content-Type": "text/xml", "Idempotency-Key": k})
    m = re.search(r"<params><param><value><string>(\d+)</string>", b)
    return ("inc", m.group(1)) if st == 200 and m else None


def record(k, a):
    with lock:
        answers.setdefault(k, []).append(a)


def client(port, auth, stop, n0):
    n = 0
    while not stop.is_set():
        n += 1
        k = "crash-%d-%d" % (n0, n)
        keys[k] = (rng.choice(["rest", "xmlrpc"]), rng.randint(1, norders))
        try:
            a = request(port, auth, k)
        except OSError:
            a = None
        if a:
            record(k, a)


t_end = time.time() + seconds
rounds = 0
while time.time() < t_end:
    rounds += 1
    p, port = start()
    auth = (rest_token(port), xr_login(port))
    # retry every key issued so far: lost ones get their first answer, answered ones the same again
    for k in list(keys):
        try:
            a = request(port, auth, k)
        except OSError:
            a = None
        if a:
            record(k, a)
    stop = threading.Event()
    ts = [threading.Thread(target=client, args=(port, auth, stop, rounds * 100 + j)) for j in range(6)]
    for t in ts:
        t.start()
    time.sleep(rng.uniform(0.2, 1.2))
    p.send_signal(signal.SIGKILL)
    p.wait()
    stop.set()
    for t in ts:
        t.join()

# final pass: every key answered at least once
p, port = start()
auth = (rest_token(port), xr_login(port))
for k in list(keys):
    for _ in range(3):
        try:
            a = request(port, auth, k)
        except OSError:
            a = None
        if a:
            record(k, a)
            break
p.terminate()
p.wait()

con = tdb.connect(db)
ninv = con.execute("SELECT count(*) FROM sales_flat_invoice WHERE order_id > 9000").fetchone()[0]
qty = con.execute("SELECT CAST(sum(qty_invoiced) AS bigint) / 10000 FROM sales_flat_order_item WHERE item_id > 90000").fetchone()[0]
nkeys = con.execute("SELECT count(*) FROM idempotency_key WHERE idem_key LIKE 'crash-%'").fetchone()[0]
print("rounds=%d keys=%d invoices=%d" % (rounds, len(keys), ninv))
check("%d SIGKILL rounds ran" % rounds, rounds >= 3, rounds)
check("every key was answered", all(k in answers for k in keys),
      [k for k in keys if k not in answers][:5])
check("every answer of a key is the same", all(len(set(v)) == 1 for v in answers.values()),
      [(k, v) for k, v in answers.items() if len(set(v)) != 1][:5])
check("one invoice per key (%d keys, %d invoices)" % (len(keys), ninv), ninv == len(keys))
check("qty invoiced = keys", qty == len(keys), qty)
check("one stored key per key", nkeys == len(keys), nkeys)
ids = [v[0][1] for v in answers.values() if v]
check("no two keys answered the same invoice", len(set(ids)) == len(ids))
sys.exit(1 if fails else 0)
