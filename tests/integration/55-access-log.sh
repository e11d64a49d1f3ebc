#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Access log and request journal (issue 10 item 3): every dialect leaves one
# line naming its API method(s), user and outcome (json and text formats);
# a refused login is logged with user and peer; the journal (admin API and
# `magesoapd journal`) never shows the API key, a session id or a token.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

TOKEN=ops-test-token-0123456789
KEY='S3cret-Key-XYZ'
admin_port() { sed -n 's/^admin listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/daemon.log"; }

t_fresh access_log="$T_TMP/access.log" access_log_format=json admin_listen=127.0.0.1:0 \
  admin_token=$TOKEN journal_size=100
t_cli demo > /dev/null || exit 1
t_cli user add --username opsUser --api-key "$KEY" --role all || exit 1
t_start
A="http://127.0.0.1:$(admin_port)"
"$PY" "$here/ops/drive.py" "$T_URL" opsUser "$KEY" > "$T_TMP/drive.json" || { t_bad "drive.py"; t_summary; exit 1; }

# each expected request has its line (json), in order
"$PY" - "$T_TMP/drive.json" "$T_TMP/access.log" <<'PY' > "$T_TMP/check.out"
import json, sys
d = json.load(open(sys.argv[1]))
# written when each answer is done, so in completion order: sort by start time
lines = sorted((json.loads(l) for l in open(sys.argv[2])), key=lambda l: l["time"])
print("PASS: %d access log lines for %d requests" % (len(lines), len(d["expect"]))
      if len(lines) == len(d["expect"]) else "FAIL: %d lines for %d requests" % (len(lines), len(d["expect"])))
for (dialect, method, user, outcome, write), l in zip(d["expect"], lines):
    got = [l["dialect"], l["method"], l["user"], l["outcome"] if outcome != "fault" or not l["outcome"].startswith("fault") else "fault", l["write"]]
    want = [dialect, method, user, outcome, write]
    ok = got == want and l["status"] == 200 and l["us"] > 0 and l["peer"].startswith("127.0.0.1:") \
        and l["time"].endswith("Z") and l["bytes_out"] > 0 and l["id"] > 0
    print(("PASS: " if ok else "FAIL: ") + "%s %s -> %s" % (dialect, method, got if not ok else outcome)
          + ("" if ok else " want %s (line %s)" % (want, l)))
PY
t_tally "$T_TMP/check.out"

# the refused login, with user and peer, in the daemon's log
if grep -q 'login failed: user "opsUser" from 127\.0\.0\.1:[0-9]*' "$T_TMP/daemon.log"; then
  t_ok "refused login logged with user and peer"
else t_bad "refused login not logged: $(cat "$T_TMP/daemon.log")"; fi

# the journal: every entry with its bodies, and no secret anywhere
curl -s -H "Authorization: Bearer $TOKEN" "$A/requests" > "$T_TMP/list.json"
"$PY" - "$T_TMP/drive.json" "$T_TMP/list.json" "$A" "$TOKEN" <<'PY' > "$T_TMP/journal.out"
import json, sys, urllib.request
d = json.load(open(sys.argv[1]))
lst = json.load(open(sys.argv[2]))
base, tok = sys.argv[3], sys.argv[4]
everything = json.dumps(lst)
n = len(lst["requests"])
print(("PASS" if n == len(d["expect"]) else "FAIL") + ": journal holds %d entries" % n)
bodies = 0
for e in lst["requests"]:
    r = urllib.request.Request("%s/requests/%d" % (base, e["id"]), headers={"Authorization": "Bearer " + tok})
    full = json.load(urllib.request.urlopen(r))
    everything += json.dumps(full) + full["request_body"] + (full["response_body"] or "")
    bodies += full["request_body"] is not None and full["response_body"] is not None
print(("PASS" if bodies == n else "FAIL") + ": %d of %d entries carry both bodies" % (bodies, n))
leaks = [s for s in d["secrets"] + [d["key"]] if s in everything]
print(("PASS" if not leaks else "FAIL") + ": no API key, session id or token in /requests (%d secrets checked%s)"
      % (len(d["secrets"]) + 1, "; leaked: %s" % leaks if leaks else ""))
print(("PASS" if everything.count("***") >= 10 else "FAIL") + ": secrets masked as *** (%d)" % everything.count("***"))
print(("PASS" if "sales_order_invoice.create" in everything and d["invoice"] in everything else "FAIL")
      + ": bodies are there (the new invoice %s)" % d["invoice"])
PY
t_tally "$T_TMP/journal.out"

# filters
n=$(curl -s -H "Authorization: Bearer $TOKEN" "$A/requests?dialect=xmlrpc" | "$PY" -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(len(r), all(e["dialect"]=="xmlrpc" for e in r))')
[ "$n" = "3 True" ] && t_ok "filter dialect=xmlrpc: 3 entries" || t_bad "filter dialect=xmlrpc: $n"
n=$(curl -s -H "Authorization: Bearer $TOKEN" "$A/requests?method=create" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')
[ "$n" = 2 ] && t_ok "filter method=create: 2 entries" || t_bad "filter method=create: $n"
n=$(curl -s -H "Authorization: Bearer $TOKEN" "$A/requests?fault=100" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')
[ "$n" = 2 ] && t_ok "filter fault=100: 2 entries" || t_bad "filter fault=100: $n"

# the CLI reads the same journal
out=$(t_cli journal --admin "${A#http://}" --json --dialect jsonrpc); rc=$?
n=$(printf '%s\n' "$out" | grep -c '"dialect": *"jsonrpc"')
[ "$rc:$n" = "0:3" ] && t_ok "magesoapd journal --json --dialect jsonrpc: 3 lines" || t_bad "journal --json: rc $rc, $n lines: $out"
out=$(t_cli journal --admin "${A#http://}" --fault 2); rc=$?
case "$rc:$out" in "0:"*"jsonrpc /api/jsonrpc/ login user=opsUser fault:2 status=200"*) t_ok "magesoapd journal (text)";;
  *) t_bad "journal text: rc $rc: $out";; esac
printf '%s\n' "$out" | grep -qF "$KEY" && t_bad "journal CLI shows the key" || t_ok "journal CLI shows no key"
# --follow sees a request made after it started
t_cli journal --admin "${A#http://}" --follow --dialect xmlrpc > "$T_TMP/follow.out" 2>&1 &
fpid=$!
sleep 1.5
"$PY" -c 'import sys, xmlrpc.client; xmlrpc.client.ServerProxy(sys.argv[1]).startSession()' "$T_URL/api/xmlrpc/"
for _ in $(seq 1 50); do grep -q startSession "$T_TMP/follow.out" && break; sleep 0.1; done
kill "$fpid"; wait "$fpid" 2>/dev/null
grep -q "xmlrpc /api/xmlrpc/ startSession" "$T_TMP/follow.out" && t_ok "journal --follow shows a new request" \
  || t_bad "journal --follow: $(cat "$T_TMP/follow.out")"
bad=$(TOKEN=x "$MAGESOAPD" -c <(sed 's/^admin_token = .*/admin_token = wrong-token-0123456789/' "$T_TMP/magesoapd.conf") journal --admin "${A#http://}" 2>&1); rc=$?
case "$rc:$bad" in "1:"*"401"*) t_ok "journal with a wrong token: 401, exit 1";; *) t_bad "journal wrong token: $rc $bad";; esac

# text format, and a request refused before any handler (404) still logged
t_fresh access_log="$T_TMP/access.txt" access_log_format=text
t_cli demo > /dev/null
t_start
curl -s -o /dev/null "$T_URL/nowhere"
"$PY" -c 'import sys, xmlrpc.client; xmlrpc.client.ServerProxy(sys.argv[1]).login("apiUser", "apiKey")' "$T_URL/api/xmlrpc/"
t_stop
if grep -Eq '^[0-9T:.-]+Z peer=127\.0\.0\.1:[0-9]+ dialect=other http=GET /nowhere method=- user=- outcome=result status=404 in=0 out=[0-9]+ us=[0-9]+ write=0 id=[12]$' "$T_TMP/access.txt" &&
   grep -Eq ' dialect=xmlrpc http=POST /api/xmlrpc/ method=login user=apiUser outcome=result status=200 .* write=0 id=[12]$' "$T_TMP/access.txt"; then
  t_ok "text access log lines"
else t_bad "text access log: $(cat "$T_TMP/access.txt")"; fi
# off (the default): no line
t_fresh
t_cli demo > /dev/null
t_start
curl -s -o /dev/null "$T_URL/nowhere"
t_stop
grep -q 'peer=' "$T_TMP/daemon.log" && t_bad "access_log off still logs" || t_ok "access_log = off logs nothing"
t_summary
