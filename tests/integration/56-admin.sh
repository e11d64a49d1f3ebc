#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Admin API (issue 10 item 4): config checks (non-loopback refused, token
# required), bearer auth (none / wrong: 401), /health (and the public
# /health) down when the database file is gone, /metrics counters move,
# /reset, the read-only order and invoice views.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

TOKEN=admin-test-token-0123456789
admin_port() { sed -n 's/^admin listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/daemon.log"; }
expect() { if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1: got '$2', want '$3'"; fi; }
code() { curl -s -o "$T_TMP/body" -w '%{http_code}' "$@"; }
adm() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }

# ---- configuration checks (--check-config) ----
chk() { t_config "$@"; t_cli --check-config > "$T_TMP/chk.out" 2>&1; echo $?; }
expect "admin_listen on 0.0.0.0 refused" "$(chk admin_listen=0.0.0.0:8081 admin_token=$TOKEN)" 1
grep -q "not a loopback address" "$T_TMP/chk.out" && t_ok "... saying why" || t_bad "message: $(cat "$T_TMP/chk.out")"
expect "admin_listen on 0.0.0.0 with admin_allow_remote = on" \
  "$(chk admin_listen=0.0.0.0:8081 admin_token=$TOKEN admin_allow_remote=on)" 0
grep -q "^admin_token = (set, not shown)$" "$T_TMP/chk.out" && t_ok "--check-config hides the token" \
  || t_bad "token shown: $(grep admin_token "$T_TMP/chk.out")"
expect "admin_listen without a token refused" "$(chk admin_listen=127.0.0.1:8081)" 1
expect "a short token refused" "$(chk admin_listen=127.0.0.1:8081 admin_token=short)" 1
echo "$TOKEN" > "$T_TMP/token"
expect "admin_token_file" "$(chk admin_listen=[::1]:8081 admin_token_file=$T_TMP/token)" 0
expect "admin_token_file missing" "$(chk admin_listen=127.0.0.1:8081 admin_token_file=$T_TMP/nope)" 1
expect "admin_listen = nonsense" "$(chk admin_listen=nonsense admin_token=$TOKEN)" 1

# ---- a running daemon with the admin listener ----
t_fresh admin_listen=127.0.0.1:0 admin_token_file="$T_TMP/token"
t_cli demo > /dev/null || exit 1
t_start
A="http://127.0.0.1:$(admin_port)"
[ "$A" != "http://127.0.0.1:" ] && t_ok "admin listener up ($A)" || { t_bad "no admin listener"; t_summary; exit 1; }

expect "no token: 401" "$(code "$A/health")" 401
expect "wrong token: 401" "$(code -H "Authorization: Bearer admin-test-token-0123456780" "$A/health")" 401
expect "token of another length: 401" "$(code -H "Authorization: Bearer ${TOKEN}x" "$A/metrics")" 401
expect "Basic auth: 401" "$(code -u "x:$TOKEN" "$A/health")" 401
expect "right token: 200" "$(code -H "Authorization: Bearer $TOKEN" "$A/health")" 200
expect "/health body" "$(tr -d ' \n' < "$T_TMP/body")" '{"status":"ok","database":"ok"}'
expect "public /health" "$(code "$T_URL/health"):$(cat "$T_TMP/body")" "200:ok"
MAGESOAPD_PORT=$T_PORT bash "$MD_SOURCE_DIR/docker/healthcheck.sh"; expect "docker/healthcheck.sh: healthy" $? 0
expect "unknown admin path: 404" "$(code -H "Authorization: Bearer $TOKEN" "$A/nope")" 404
expect "GET /reset: 405" "$(code -H "Authorization: Bearer $TOKEN" "$A/reset")" 405
expect "no /metrics on the API port" "$(code "$T_URL/metrics")" 404

# ---- metrics: counters move ----
adm "$A/metrics" > "$T_TMP/m1"
X="$T_URL/api/xmlrpc/"
inc=$("$PY" -c '
import sys, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
sid = s.login("apiUser", "apiKey")
print(s.call(sid, "sales_order_invoice.create", ["100000003", {}]))
try: s.call(sid, "sales_order_invoice.info", ["nope"])
except xmlrpc.client.Fault: pass
' "$X")
adm "$A/metrics" > "$T_TMP/m2"
"$PY" - "$T_TMP/m1" "$T_TMP/m2" <<'PY' > "$T_TMP/metrics.out"
import re, sys
def parse(path):
    m, types = {}, {}
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("# TYPE "):
            _, _, name, t = line.split(" ", 3); types[name] = t; continue
        if not line or line.startswith("#"):
            continue
        mm = re.fullmatch(r'([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)', line)
        if not mm:
            print("FAIL: not Prometheus text: %r" % line); continue
        m[mm.group(1) + (mm.group(2) or "")] = float(mm.group(3))
    return m, types
a, _ = parse(sys.argv[1]); b, types = parse(sys.argv[2])
def d(k): return b.get(k, 0) - a.get(k, 0)
checks = [
    ('magesoapd_requests_total{dialect="xmlrpc",method="login"}', 1),
    ('magesoapd_requests_total{dialect="xmlrpc",method="sales_order_invoice.create"}', 1),
    ('magesoapd_request_duration_seconds_count{dialect="xmlrpc",method="sales_order_invoice.info"}', 1),
    ('magesoapd_request_duration_seconds_bucket{dialect="xmlrpc",method="login",le="+Inf"}', 1),
    ('magesoapd_faults_total{code="100"}', 1),
    ('magesoapd_invoices{state="open"}', 1),
    ('magesoapd_sessions', 1),
    ('magesoapd_write_batch_size_count', None),
    ('magesoapd_commit_seconds_count', None),
]
for k, want in checks:
    got = d(k)
    ok = got == want if want is not None else got >= 1
    print(("PASS" if ok else "FAIL") + ": %s +%g" % (k, got))
for name in ("magesoapd_request_duration_seconds", "magesoapd_write_batch_size", "magesoapd_commit_seconds"):
    print(("PASS" if types.get(name) == "histogram" else "FAIL") + ": %s is a histogram" % name)
print(("PASS" if b.get("magesoapd_database_up") == 1 and b.get("magesoapd_open_connections", -1) >= 0 else "FAIL")
      + ": database_up 1, open_connections present")
# buckets are cumulative
le = [v for k, v in b.items() if k.startswith('magesoapd_request_duration_seconds_bucket{dialect="xmlrpc",method="login"')]
print(("PASS" if le == sorted(le) and len(le) == 15 else "FAIL") + ": 15 cumulative latency buckets")
PY
t_tally "$T_TMP/metrics.out"

# ---- read-only views ----
v=$(adm "$A/orders" | "$PY" -c 'import json,sys; o=json.load(sys.stdin)["orders"]; print(len(o), {x["increment_id"]: x["total_invoiced"] for x in o}["100000003"])')
n_orders=$(grep '^magesoapd_orders ' "$T_TMP/m2" | cut -d' ' -f2)
case "$v" in "$n_orders "*[0-9].[0-9]*) t_ok "/orders: the $n_orders demo orders, amounts as decimals ($v)";; *) t_bad "/orders: $v (metrics: $n_orders)";; esac
v=$(adm "$A/orders/100000003" | "$PY" -c 'import json,sys; o=json.load(sys.stdin); print(o["increment_id"], o["grand_total"], len(o["items"]) > 0)')
case "$v" in "100000003 "*.*" True") t_ok "/orders/100000003 ($v)";; *) t_bad "/orders/100000003: $v";; esac
expect "/orders/unknown: 404" "$(code -H "Authorization: Bearer $TOKEN" "$A/orders/999")" 404
v=$(adm "$A/invoices" | "$PY" -c 'import json,sys; print(max(json.load(sys.stdin)["invoices"], key=lambda x: x["invoice_id"])["increment_id"])')
expect "/invoices lists the new invoice" "$v" "$inc"
v=$(adm "$A/invoices/$inc" | "$PY" -c 'import json,sys; i=json.load(sys.stdin); print(i["order_increment_id"], i["state"], "." in i["grand_total"])')
expect "/invoices/$inc" "$v" "100000003 1 True"
v=$(adm "$A/invoices/$inc" | "$PY" -c 'import json,sys; a=json.load(sys.stdin)["audit"][0]; print(a["action"], a["api_user"], a["peer"].startswith("127.0.0.1"))')
expect "/invoices/$inc shows the audit trail (who and from where)" "$v" "create apiUser True"
expect "/invoices/unknown: 404" "$(code -H "Authorization: Bearer $TOKEN" "$A/invoices/nope")" 404

# ---- reset ----
sid=$("$PY" -c 'import sys, xmlrpc.client; print(xmlrpc.client.ServerProxy(sys.argv[1]).login("apiUser", "apiKey"))' "$X")
expect "POST /reset without token: 401" "$(code -X POST "$A/reset")" 401
expect "POST /reset?fixture=nope: 400" "$(code -X POST -H "Authorization: Bearer $TOKEN" "$A/reset?fixture=nope")" 400
expect "POST /reset?fixture=demo" "$(code -X POST -H "Authorization: Bearer $TOKEN" "$A/reset?fixture=demo")" 200
v=$("$PY" -c '
import sys, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
try: s.call(sys.argv[2], "sales_order_invoice.list", [])
except xmlrpc.client.Fault as e: print(e.faultCode)
sid = s.login("apiUser", "apiKey")
print(len(s.call(sid, "sales_order_invoice.list", [])))
' "$X" "$sid" | tr '\n' ' ')
expect "after reset: old session gone, the 5 demo invoices" "$v" "5 5 "
expect "POST /reset (empty)" "$(code -X POST -H "Authorization: Bearer $TOKEN" "$A/reset")" 200
expect "after reset: no orders" "$(adm "$A/orders" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["orders"]))')" 0
grep -q "admin: reset (demo)" "$T_TMP/daemon.log" && t_ok "reset logged" || t_bad "reset not logged"

# ---- health: the database file removed ----
rm -f "$T_TMP/test.db"
expect "/health with the database file gone: 503" "$(code -H "Authorization: Bearer $TOKEN" "$A/health")" 503
v=$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["status"], d["database"], "test.db" in d["error"])' "$T_TMP/body")
expect "... status down, database down, why" "$v" "down down True"
expect "public /health: 503 down" "$(code "$T_URL/health"):$(cat "$T_TMP/body")" "503:down"
MAGESOAPD_PORT=$T_PORT bash "$MD_SOURCE_DIR/docker/healthcheck.sh"; expect "docker/healthcheck.sh: unhealthy" $? 1
adm "$A/metrics" > "$T_TMP/m3"
grep -q '^magesoapd_requests_total' "$T_TMP/m3" && t_ok "/metrics still answers" || t_bad "/metrics: $(head -3 "$T_TMP/m3")"
t_stop || t_bad "daemon exit status"
t_summary
