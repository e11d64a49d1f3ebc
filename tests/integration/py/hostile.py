#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs the hostile-input catalogue (tests/hostile/*.json, format in
tests/hostile/README.md) against a running daemon on 127.0.0.1.

usage: hostile.py PORT DB_FILE CASE_DIR [CASE_GLOB]

For each case: sends the request over a raw socket (stops uploading as soon
as the daemon answers), checks the answer against "expect", then checks that
a fresh V1 login is still served and that the database is unchanged (row
counts, sums of every INTEGER column and a digest of every row of every table
except the session tables, read with sqlite3 in read-only mode).
Prints PASS:/FAIL:/XFAIL:/XPASS: lines; XFAIL and XPASS are not passes."""
import fnmatch
import hashlib
import http.client
import json
import os
import re
import select
import socket
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdb  # noqa: E402  (SQLite or PostgreSQL, as lib.sh chose)

PORT, DB, CASES = int(sys.argv[1]), sys.argv[2], sys.argv[3]
PATTERN = sys.argv[4] if len(sys.argv) > 4 else "*"
SKIP_TABLES = {"api_session", "rest_token"}   # logins write these on purpose
SKIP_COLUMNS = {"api_user": {"lognum", "modified"}}   # and count themselves here
DEFAULT_CT = {"/api/jsonrpc/": "application/json", "/rest/": "application/json",
              "/api/xmlrpc/": "text/xml", "/api/": "text/xml; charset=utf-8"}
LOGIN = ("<?xml version='1.0' encoding='UTF-8'?><e:Envelope xmlns:e='http://schemas.xmlsoap.org/"
         "soap/envelope/' xmlns:n='urn:Magento'><e:Body><n:login><username>apiUser</username>"
         "<apiKey>apiKey</apiKey></n:login></e:Body></e:Envelope>")
# upload in small pieces and look for an early answer between them: a daemon that answers 413/431
# and closes while the rest is still arriving may reset the connection, and a reset can discard
# the answer before it is read
PIECE = 64 << 10
counts = {"PASS": 0, "FAIL": 0, "XFAIL": 0, "XPASS": 0, "NOTE": 0}
SCALE = float(os.environ.get("HOSTILE_TIME_SCALE", "1"))


def say(kind, msg):
    counts[kind] += 1
    print("%s: %s" % (kind, msg), flush=True)


def expand(spec, subst):
    """A string, or a list of strings and {"repeat": S, "times": N} parts."""
    if spec is None:
        return ""
    parts = spec if isinstance(spec, list) else [spec]
    out = []
    for p in parts:
        out.append(p["repeat"] * p["times"] if isinstance(p, dict) else p)
    s = "".join(out)
    for k, v in subst.items():
        s = s.replace(k, v)
    return s


def encode(text, enc):
    if enc in (None, "utf-8"):
        return text.encode("utf-8", "surrogatepass")
    if enc == "bytes":      # every char U+0000..U+00FF is one byte: malformed UTF-8 on purpose
        return text.encode("latin-1")
    return text.encode(enc)


def exchange(path, method, headers, body, chunked, timeout=60):
    """Send one request; returns (status, headers, body bytes, note)."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    try:
        head = "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % (method, path, PORT)
        for k, v in headers:
            head += "%s: %s\r\n" % (k, v)
        if body is not None and not chunked:
            head += "Content-Length: %d\r\n" % len(body)
        if chunked:
            head += "Transfer-Encoding: chunked\r\n"
        stream = [head.encode("latin-1") + b"\r\n"]
        if body is not None:
            if chunked:
                for i in range(0, len(body), 1 << 20):
                    c = body[i:i + (1 << 20)]
                    stream.append(b"%x\r\n" % len(c) + c + b"\r\n")
                stream.append(b"0\r\n\r\n")
            else:
                stream.append(body)
        note = ""
        sent = 0
        for blob in stream:
            for i in range(0, len(blob), PIECE):
                r, _, _ = select.select([s], [], [], 0)
                if r:
                    note = "answered after %d bytes sent" % sent
                    break
                try:
                    s.sendall(blob[i:i + PIECE])
                except (BrokenPipeError, ConnectionResetError) as e:
                    note = "upload cut after %d bytes (%s)" % (sent, e.__class__.__name__)
                    break
                sent += len(blob[i:i + PIECE])
            if note:
                break
        resp = http.client.HTTPResponse(s, method=method)
        try:
            resp.begin()
            data = resp.read()
        except (ConnectionResetError, http.client.RemoteDisconnected,
                http.client.IncompleteRead) as e:
            return None, {}, b"", (note + " no answer: %r" % e).strip()
        return resp.status, dict(resp.getheaders()), data, note
    finally:
        s.close()


def v1_login():
    st, _, data, _ = exchange("/api/soap/", "POST", [("Content-Type", "text/xml")],
                              LOGIN.encode(), False, timeout=30)
    m = re.search(rb"<loginReturn[^>]*>([0-9a-f]{32})<", data or b"")
    return m.group(1).decode() if st == 200 and m else None


def rest_token():
    st, _, data, _ = exchange("/rest/V1/integration/admin/token", "POST",
                              [("Content-Type", "application/json")],
                              b'{"username":"apiUser","password":"apiKey"}', False, timeout=30)
    return json.loads(data) if st == 200 else None


def snapshot_pg():
    """snapshot() on PostgreSQL (lib.sh's pass, py/tdb.py), in two psql
    runs: the digest of a table is PostgreSQL's md5 of its rows' text in
    order."""
    con = tdb.connect(DB)
    cols = {}
    for t, c, ty in con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"):
        if t not in SKIP_TABLES and c not in SKIP_COLUMNS.get(t, ()):
            cols.setdefault(t, []).append((c, ty in ("bigint", "integer", "smallint")))
    parts = []
    for t in sorted(cols):
        ints = [c for c, i in cols[t] if i]
        row = "ROW(%s)::text" % ", ".join(c for c, _ in cols[t])
        sums = " || ',' || ".join("coalesce(sum(%s), 0)::text" % c for c in ints) or "''"
        parts.append("SELECT '%s', count(*), %s, md5(coalesce(string_agg(%s, E'\\n' ORDER BY %s), '')) "
                     "FROM %s" % (t, sums, row, row, t))
    snap = {}
    for t, n, sums, digest in con.execute(" UNION ALL ".join(parts)):
        ints = [c for c, i in cols[t] if i]
        vals = str(sums).split(",") if ints else []
        snap[t] = {"rows": n, "sums": dict(zip(ints, vals)), "digest": digest}
    return snap


def snapshot():
    """Row counts, INTEGER column sums and a digest of every row, per table."""
    if tdb.BACKEND == "postgresql":
        return snapshot_pg()
    con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True, timeout=30)
    con.text_factory = bytes   # a stored comment may not be valid UTF-8: compare bytes
    try:
        snap = {}
        tables = [r[0].decode() for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            if t in SKIP_TABLES:
                continue
            cols = [(r[1].decode(), r[2].decode()) for r in con.execute("PRAGMA table_info(%s)" % t)
                    if r[1].decode() not in SKIP_COLUMNS.get(t, ())]
            ints = [c for c, ty in cols if ty.upper() == "INTEGER"]
            sel = ", ".join(["count(*)"] + ["total(%s)" % c for c in ints])
            agg = con.execute("SELECT %s FROM %s" % (sel, t)).fetchone()
            h = hashlib.sha256()
            for row in con.execute("SELECT %s FROM %s ORDER BY rowid" % (", ".join(c for c, _ in cols), t)):
                h.update(repr(row).encode())
            snap[t] = {"rows": agg[0], "sums": dict(zip(ints, agg[1:])), "digest": h.hexdigest()}
        return snap
    finally:
        con.close()


def diff(a, b):
    out = []
    for t in sorted(set(a) | set(b)):
        x, y = a.get(t), b.get(t)
        if x == y:
            continue
        if x is None or y is None:
            out.append("%s: table %s" % (t, "added" if x is None else "dropped"))
            continue
        if x["rows"] != y["rows"]:
            out.append("%s: rows %d -> %d" % (t, x["rows"], y["rows"]))
        for c in x["sums"]:
            if x["sums"][c] != y["sums"].get(c):
                out.append("%s.%s: sum %s -> %s" % (t, c, x["sums"][c], y["sums"].get(c)))
        if x["digest"] != y["digest"]:
            out.append("%s: row contents changed" % t)
    return out


def judge(case, st, data, secs):
    """List of unmet expectations."""
    e = case["expect"]
    bad = []
    want = e.get("status")
    if want is not None:
        want = want if isinstance(want, list) else [want]
        if st not in want:
            bad.append("status %s, expected %s" % (st, want))
    text = data.decode("utf-8", "replace")
    for sub in e.get("contains", []):
        if sub not in text:
            bad.append("answer lacks %r" % sub)
    for sub in e.get("not_contains", []):
        if sub in text:
            bad.append("answer holds %r" % sub)
    if "contains_any" in e and not any(x in text for x in e["contains_any"]):
        bad.append("answer holds none of %r" % (e["contains_any"],))
    lim = e.get("max_seconds", 30) * SCALE
    if secs > lim:
        bad.append("took %.2f s, bound %s s" % (secs, lim))
    if e.get("well_formed_xml") and data:
        import xml.dom.minidom
        try:
            xml.dom.minidom.parseString(data)
        except Exception as ex:  # noqa: BLE001 - any parse failure is the finding
            bad.append("answer is not well-formed XML: %s" % ex)
    return bad


def run_case(path, subst):
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    ep = expand(case["endpoint"], subst)
    headers = []
    hs = case.get("headers", {})
    if not any(k.lower() == "content-type" for k in hs) and case.get("body") is not None:
        for prefix, ct in DEFAULT_CT.items():
            if ep.startswith(prefix):
                headers.append(("Content-Type", ct))
                break
    for k, v in hs.items():
        headers.append((k, expand(v, subst)))
    body = None
    if case.get("body") is not None:
        body = encode(expand(case["body"], subst), case.get("body_encoding"))
    before = snapshot()
    t0 = time.monotonic()
    try:
        st, hd, data, note = exchange(ep, case.get("method", "POST"), headers, body,
                                      case.get("chunked", False))
    except (socket.timeout, OSError) as ex:
        st, hd, data, note = None, {}, b"", "client error %r" % ex
    secs = time.monotonic() - t0
    bad = judge(case, st, data, secs)
    if v1_login() is None:
        bad.append("the next request (a V1 login) was not served")
    after = snapshot()
    changes = diff(before, after)
    if changes and not case["expect"].get("db_may_change"):
        bad.append("database changed: " + "; ".join(changes))
    info = "%s (%s, %.2f s, HTTP %s%s)" % (name, case.get("what", ""), secs, st,
                                          ", " + note if note else "")
    xf = case.get("expect_fail")
    hard = case["expect"].get("hard_max_seconds")
    if hard is not None and secs > hard * SCALE:
        say("FAIL", "%s -- took %.2f s, past the hard bound %s s%s" % (info, secs, hard * SCALE,
                                                                   " (known defect: %s)" % xf if xf else ""))
    elif xf and bad:
        say("XFAIL", "%s -- known defect: %s -- %s" % (info, xf, "; ".join(bad)))
    elif xf and case.get("expect_fail_strict", True):
        say("XPASS", "%s -- marked expect_fail (%s) but passed: remove the mark" % (info, xf))
    elif xf:   # a timing defect that a fast run may not show: neither a pass nor a failure
        say("NOTE", "%s -- marked expect_fail (%s), within its bounds this time" % (info, xf))
    elif bad:
        say("FAIL", "%s -- %s\n    answer: %r" % (info, "; ".join(bad), data[:300]))
    else:
        say("PASS", info)


def main():
    sid, tok = v1_login(), rest_token()
    if not sid or not tok:
        print("FAIL: cannot log in before the catalogue (sid %r, token %r)" % (sid, tok))
        return 1
    subst = {"@SID@": sid, "@TOKEN@": tok}
    files = sorted(f for f in os.listdir(CASES) if f.endswith(".json") and fnmatch.fnmatch(f, PATTERN))
    if not files:
        print("FAIL: no cases in %s matching %s" % (CASES, PATTERN))
        return 1
    t0 = time.monotonic()
    for f in files:
        run_case(os.path.join(CASES, f), subst)
    print("catalogue: %d cases in %.1f s: %d passed, %d failed, %d expected failures (known defects), "
          "%d unexpectedly passed, %d timing defects within bounds this time (not passes)"
          % (len(files), time.monotonic() - t0, counts["PASS"], counts["FAIL"], counts["XFAIL"],
             counts["XPASS"], counts["NOTE"]))
    return 0 if counts["FAIL"] == 0 and counts["XPASS"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
