#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Login throttling through real clients (issue 9 item 2): wrong keys over
# XML-RPC, SOAP V1, JSON-RPC and the REST token endpoint count alike; past
# login_max_failures the right key is refused too (fault 2, no key check),
# the log names user, peer and count; after login_lockout it works again.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_fresh login_max_failures=4 login_max_failures_per_peer=0 login_window=60 login_lockout=3
t_cli demo > /dev/null || exit 1
t_start
"$PY" - "$T_URL" > "$T_TMP/out" 2>&1 <<'PYEOF'
import json, sys, time, urllib.request, xmlrpc.client
base = sys.argv[1]
fails = 0
def check(what, cond, detail=""):
    global fails
    print(("PASS: " if cond else "FAIL: ") + what + ("" if cond else "\n    %s" % detail))
    fails += 0 if cond else 1
def post(path, body, ctype):
    req = urllib.request.Request(base + path, body.encode(), {"Content-Type": ctype})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
xr = xmlrpc.client.ServerProxy(base + "/api/xmlrpc/")
def xr_login(key):
    try:
        return xr.login("apiUser", key)
    except xmlrpc.client.Fault as e:
        return (e.faultCode, e.faultString)
def v1_login(key):
    _, t = post("/api/soap/", "<?xml version='1.0'?><e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/' "
                "xmlns:n='urn:Magento'><e:Body><n:login><username>apiUser</username><apiKey>%s</apiKey>"
                "</n:login></e:Body></e:Envelope>" % key, "text/xml")
    return "faultcode>2<" in t
def jr_login(key):
    _, t = post("/api/jsonrpc/", json.dumps({"jsonrpc": "2.0", "id": 1, "method": "login",
                                             "params": ["apiUser", key]}), "application/json")
    return json.loads(t)
def rest_token(key):
    return post("/rest/V1/integration/admin/token",
                json.dumps({"username": "apiUser", "password": key}), "application/json")[0]

check("XML-RPC wrong key: fault 2", xr_login("wrong") == (2, "Access denied."))
check("SOAP V1 wrong key: fault 2", v1_login("wrong"))
check("JSON-RPC wrong key: error 2", jr_login("wrong").get("error", {}).get("code") == 2)
check("REST token wrong key: 401", rest_token("wrong") == 401)
# four failures: the right key is refused now, in every dialect
check("XML-RPC right key refused while locked", xr_login("apiKey") == (2, "Access denied."))
check("JSON-RPC right key refused while locked", jr_login("apiKey").get("error", {}).get("code") == 2)
check("REST token right key refused while locked", rest_token("apiKey") == 401)
time.sleep(3.5)
r = xr_login("apiKey")
check("after the lockout the right key logs in", isinstance(r, str) and len(r) == 32, r)
print("DONE")
PYEOF
t_tally "$T_TMP/out"
grep -q '^DONE$' "$T_TMP/out" || t_bad "the client did not run to its end"
grep -q 'login failed: user "apiUser" from 127.0.0.1:[0-9]* (4 for the user' "$T_TMP/daemon.log" \
  && t_ok "the log names user, peer and count" \
  || t_bad "no 'login failed ... (4 for the user' line in the daemon log: $(grep -i login "$T_TMP/daemon.log" | tail -3)"
grep -q 'login refused: user "apiUser" from 127.0.0.1:[0-9]* is locked out' "$T_TMP/daemon.log" \
  && t_ok "the lockout is logged" || t_bad "no lockout line in the daemon log"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_summary
