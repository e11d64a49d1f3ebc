#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The console page (issue 10 item 5) in a real browser: headless Chromium
# (Debian chromium; scripts/deps.sh test installs it) loads the page from the
# admin port of a running daemon, with the token taken from the address's
# fragment into sessionStorage and sent as a bearer token by fetch.  The
# requests made before appear in the rendered DOM, a dialect filter keeps
# only its rows, clicking a row shows request and answer (secrets masked),
# orders and invoices are listed.  A screenshot is kept under the build dir.
# Chromium missing is a failure, not a skip.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "FAIL: chromium not found (install it: scripts/deps.sh test)"
  exit 1
fi
ART="$(cd "$(dirname "$MAGESOAPD")" && pwd)/test-artifacts"
mkdir -p "$ART"
TOKEN=console-test-token-0123456789
KEY='C0nsole-Key-QQ'
admin_port() { sed -n 's/^admin listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/daemon.log"; }

t_fresh admin_listen=127.0.0.1:0 admin_token=$TOKEN
t_cli demo > /dev/null || exit 1
t_cli user add --username consoleUser --api-key "$KEY" --role all || exit 1
t_start
A="http://127.0.0.1:$(admin_port)"
"$PY" "$here/ops/drive.py" "$T_URL" consoleUser "$KEY" > "$T_TMP/drive.json" || { t_bad "drive.py"; t_summary; exit 1; }

# the page itself needs no token; its data does
s=$(curl -s -o /dev/null -w '%{http_code}' "$A/console"); [ "$s" = 200 ] && t_ok "GET /console: 200" || t_bad "GET /console: $s"
s=$(curl -s -o /dev/null -w '%{http_code}' "$A/requests"); [ "$s" = 401 ] && t_ok "its data needs the token" || t_bad "/requests without token: $s"

# browse URL [screenshot]: the DOM once the page's fetches are done
browse() {
  local shot=()
  [ -n "${2:-}" ] && shot=(--screenshot="$2" --window-size=1280,2000 --hide-scrollbars)
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$T_TMP/chromium" --virtual-time-budget=8000 "${shot[@]}" --dump-dom "$1" \
    2> "$T_TMP/chromium.err"
}
# journal ids follow completion order: look up the two rows to click
id_of() { curl -s -H "Authorization: Bearer $TOKEN" "$A/requests?dialect=$1&method=$2" |
  "$PY" -c 'import json,sys; print(json.load(sys.stdin)["requests"][0]["id"])'; }
v1_login=$(id_of soap_v1 login)
xr_create=$(id_of xmlrpc create)
browse "$A/console?open=$v1_login#token=$TOKEN" > "$T_TMP/all.html"
browse "$A/console?dialect=xmlrpc#token=$TOKEN" > "$T_TMP/xmlrpc.html"
browse "$A/console?open=$xr_create#token=$TOKEN" "$ART/console.png" > "$T_TMP/shot.html"
browse "$A/console#token=wrong-token-000000000000" > "$T_TMP/wrong.html"

"$PY" - "$T_TMP" "$KEY" <<'PY' > "$T_TMP/dom.out"
import html.parser, json, sys
tmp, key = sys.argv[1], sys.argv[2]
d = json.load(open(tmp + "/drive.json"))

class Rows(html.parser.HTMLParser):
    """Rows of the tables by id, and the text of elements by id."""
    def __init__(self):
        super().__init__()
        self.table = None; self.rows = {}; self.row = None; self.cell = None
        self.text = {}; self.cur_id = []; self.attrs_of = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.table = a.get("id")
        if tag == "tr" and self.table:
            self.row = {"attrs": a, "cells": []}
        if tag == "td" and self.row is not None:
            self.cell = ""
        if tag == "body":
            self.attrs_of["body"] = a
        self.cur_id.append(a.get("id"))
    def handle_endtag(self, tag):
        if tag == "td" and self.row is not None and self.cell is not None:
            self.row["cells"].append(self.cell); self.cell = None
        if tag == "tr" and self.row is not None:
            if self.row["cells"]:
                self.rows.setdefault(self.table, []).append(self.row)
            self.row = None
        if tag == "table":
            self.table = None
        if self.cur_id:
            self.cur_id.pop()
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        for i in self.cur_id:
            if i:
                self.text[i] = self.text.get(i, "") + data

def load(name):
    p = Rows(); p.feed(open(tmp + "/" + name).read()); return p

def check(ok, what):
    print(("PASS: " if ok else "FAIL: ") + what)

a = load("all.html")
req = a.rows.get("requests", [])
check(a.attrs_of.get("body", {}).get("data-loaded") == "1", "the page loaded its data with the token")
check(len(req) == len(d["expect"]), "all %d requests listed (%d rows)" % (len(d["expect"]), len(req)))
methods = [r["cells"][3] for r in req]
for want in ("login", "sales_order_invoice.create", "sales_order_invoice.info", "integration.adminToken"):
    check(want in methods, "request %s shown" % want)
check(any(r["cells"][5] == "fault 100" and r["cells"][2] == "soap_v1" for r in req), "a fault shown as fault 100")
check(any(r["cells"][4] == "consoleUser" for r in req), "the API user shown")
check(len(a.rows.get("orders", [])) >= 5, "orders listed (%d)" % len(a.rows.get("orders", [])))
inv = a.rows.get("invoices", [])
check(any(r["cells"][0] == d["invoice"] and r["cells"][2] == "open" for r in inv),
      "the new invoice %s listed as open" % d["invoice"])
# clicking the SOAP V1 login's row shows request and answer, masked
reqtxt, resptxt = a.text.get("detail-req", ""), a.text.get("detail-resp", "")
check("<ns1:login>" in reqtxt and "consoleUser" in reqtxt, "clicked row: its request shown")
check("loginReturn" in resptxt, "clicked row: its answer shown")
dom = open(tmp + "/all.html").read() + open(tmp + "/shot.html").read()
leaks = [s for s in d["secrets"] + [key] if s in dom]
check(not leaks and "***" in reqtxt, "no key or session id in the page (masked ***)%s" % (" leaked %s" % leaks if leaks else ""))

x = load("xmlrpc.html")
xr = x.rows.get("requests", [])
check(len(xr) == 3 and all(r["attrs"].get("data-dialect") == "xmlrpc" for r in xr),
      "filter dialect=xmlrpc: only its 3 rows (%d: %s)" % (len(xr), [r["cells"][2] for r in xr]))

s = load("shot.html")
check("sales_order_invoice.create" in s.text.get("detail-title", ""), "the XML-RPC create's row opened for the screenshot")

w = load("wrong.html")
check("401" in w.text.get("status", "") and not w.rows.get("requests"), "a wrong token: refused, nothing listed")
PY
t_tally "$T_TMP/dom.out"
if [ -s "$ART/console.png" ] && [ "$(head -c 8 "$ART/console.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
  t_ok "screenshot kept: $ART/console.png"
else
  t_bad "no screenshot ($(tail -3 "$T_TMP/chromium.err"))"
fi
echo "console screenshot: $ART/console.png"
t_summary
