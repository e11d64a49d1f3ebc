#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Streamed list answers (issue 8): a list of more than list_stream_rows rows
# goes out page by page (chunked), in every dialect that has a list (SOAP V1
# call in SOAP 1.1 and 1.2, V2, WS-I, WS-I call, XML-RPC, JSON-RPC), and its
# bytes are exactly those of the same answer built whole (list_stream_rows=0,
# set by a SIGHUP reload).  Real clients read the streamed answers; a list
# inside multiCall is built whole; list_max_rows still faults; a client that
# reads nothing of a big list holds neither a large-answer slot nor a thread.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

conf() { # KEY=VALUE...: rewrite the config and reload it
  local before
  t_config list_max_rows=1000000 workers=4 max_concurrent_large_answers=1 \
    request_deadline_ms=3000 "$@"
  before=$(grep -c "reload:" "$T_TMP/daemon.log")
  kill -HUP "$T_PID"
  for _ in $(seq 1 50); do
    [ "$(grep -c "reload:" "$T_TMP/daemon.log")" -gt "$before" ] && return 0
    sleep 0.1
  done
  t_bad "no reload"
}

t_fresh list_max_rows=1000000 workers=4 max_concurrent_large_answers=1 request_deadline_ms=3000 \
  list_stream_rows=100
t_cli demo > /dev/null || exit 1
t_cli bulk-seed --orders 1000 > /dev/null || exit 1
t_start
NINV=$(t_sql "SELECT count(*) FROM sales_flat_invoice")
NORD=$(t_sql "SELECT count(*) FROM sales_flat_order")
N2=$(t_sql "SELECT count(*) FROM sales_flat_invoice WHERE state = 2")
echo "invoices $NINV, orders $NORD, paid $N2"
[ "$NINV" -gt 500 ] && [ "$N2" -gt 100 ] || t_bad "the seeded store is too small: $NINV invoices, $N2 paid"
sid=$(t_xr "sid")

mkdir -p "$T_TMP/streamed" "$T_TMP/whole"
"$PY" "$here/py/streamed_lists.py" "$T_URL" "$T_TMP/streamed" "$sid" || t_bad "streamed fetch failed"
conf list_stream_rows=0
"$PY" "$here/py/streamed_lists.py" "$T_URL" "$T_TMP/whole" "$sid" || t_bad "whole fetch failed"
for f in "$T_TMP"/whole/*.body; do
  c=$(basename "$f" .body)
  t_expect "$c: streamed answer is sent chunked" "$(cat "$T_TMP/streamed/$c.te")" chunked
  t_expect "$c: the whole answer is not" "$(cat "$T_TMP/whole/$c.te")" ""
  t_expect "$c: HTTP status" "$(cat "$T_TMP/streamed/$c.status")" 200
  if cmp -s "$f" "$T_TMP/streamed/$c.body"; then
    t_ok "$c: streamed bytes = whole bytes ($(wc -c < "$f") bytes)"
  else
    t_bad "$c: the streamed answer differs from the whole one"
    cmp "$f" "$T_TMP/streamed/$c.body" | head -3
  fi
done
# the answers hold every row, once, in entity order
"$PY" - "$T_TMP/streamed" "$NINV" "$NORD" "$N2" <<'PYEOF' && t_ok "every row once, in order, in each dialect" || t_bad "rows"
import json, re, sys
d, ninv, nord, n2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
bad = 0
def check(name, ids, want):
    global bad
    if len(ids) != want or ids != sorted(set(ids)):
        print("FAIL-detail: %s: %d ids (want %d), sorted unique: %s" % (name, len(ids), want, ids == sorted(set(ids))))
        bad = 1
for name, want, key in [("jsonrpc-invoices", ninv, "invoice_id"), ("jsonrpc-orders", nord, "order_id"),
                        ("jsonrpc-filtered", n2, "invoice_id")]:
    check(name, [int(r[key]) for r in json.load(open("%s/%s.body" % (d, name)))["result"]], want)
for name, want, pat in [("v2-invoices", ninv, r"<invoice_id xsi:type=\"xsd:string\">(\d+)<"),
                        ("wsi-invoices", ninv, r"<invoice_id>(\d+)<"),
                        ("v2-orders", nord, r"<order_id xsi:type=\"xsd:string\">(\d+)<")]:
    check(name, [int(x) for x in re.findall(pat, open("%s/%s.body" % (d, name)).read())], want)
m = re.search(r'arrayType="ns1:salesOrderInvoiceEntity\[(\d+)\]"', open(d + "/v2-invoices.body").read())
if not m or int(m.group(1)) != ninv:
    print("FAIL-detail: V2 arrayType", m and m.group(1)); bad = 1
m = re.search(r'arrayType="ns2:Map\[(\d+)\]"', open(d + "/v1-filtered.body").read())
if not m or int(m.group(1)) != n2:
    print("FAIL-detail: V1 arrayType", m and m.group(1)); bad = 1
sys.exit(bad)
PYEOF
conf list_stream_rows=100

# real clients read the streamed answers
t_expect "python xmlrpc.client (Odoo's way): call list" "$(t_xr "s.call(sid, 'sales_order_invoice.list')")" "$NINV"
t_expect "python xmlrpc.client: order list" "$(t_xr "s.call(sid, 'sales_order.list')")" "$NORD"
got=$(php -r '
$c = new SoapClient(null, ["location" => $argv[1] . "/api/soap/", "uri" => "urn:Magento"]);
$sid = $c->login("apiUser", "apiKey");
echo count($c->call($sid, "sales_order_invoice.list")), " ";
echo count($c->call($sid, "sales_order_invoice.list", [["state" => "2"]])), " ";
$v2 = new SoapClient($argv[1] . "/api/v2_soap/?wsdl=1", ["cache_wsdl" => WSDL_CACHE_NONE]);
$s2 = $v2->login("apiUser", "apiKey");
$l = $v2->salesOrderInvoiceList($s2);
echo count($l), " ", $l[count($l) - 1]->invoice_id, " ";
echo count($v2->salesOrderList($s2));
' "$T_URL" 2>&1)
LAST=$(t_sql "SELECT max(entity_id) FROM sales_flat_invoice")
t_expect "PHP SoapClient V1 and V2 (WSDL mode) read them" "$got" "$NINV $N2 $NINV $LAST $NORD"

# long in / nin lists (a page asks for its rows that way; PostgreSQL binds a
# long list as one array parameter)
t_expect "in: 150 invoice ids" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.list', [{'invoice_id': {'in': list(range(1, 151))}}])")" 150
t_expect "nin: 150 invoice ids" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.list', [{'invoice_id': {'nin': list(range(1, 151))}}])")" \
  $((NINV - 150))
t_expect "in: 40 increment ids as text, one with a quote and a backslash" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.list', [{'increment_id': {'in': ['x\"y\\\\z'] + [str(100000000 + i) for i in range(1, 40)]}}])")" \
  "$(t_sql "SELECT count(*) FROM sales_flat_invoice WHERE CAST(increment_id AS INTEGER) BETWEEN 100000001 AND 100000039")"

# pages of two rows over ids far apart (the stream keeps the ids as varint
# differences: gaps of 1 to 300,000)
conf list_stream_rows=2
t_expect "sparse ids, pages of two" \
  "$(t_xr "str([int(r['invoice_id']) for r in s.call(sid, 'sales_order_invoice.list', [{'invoice_id': {'in': [1, 2, 130, 300, 17000, 300000, $NINV]}}])])")" \
  "[1, 2, 130, 300, $NINV]"
conf list_stream_rows=100

# HTTP/1.0 (no chunked encoding): the streamed answer ends with the connection
body10=$(printf '<?xml version="1.0"?><methodCall><methodName>call</methodName><params><param><value><string>%s</string></value></param><param><value><string>sales_order_invoice.list</string></value></param></params></methodCall>' "$sid")
curl -s --http1.0 -D "$T_TMP/h10" -o "$T_TMP/b10" -H 'Content-Type: text/xml' --data-binary "$body10" "$T_URL/api/xmlrpc/"
conf list_stream_rows=0
curl -s --http1.0 -o "$T_TMP/b10w" -H 'Content-Type: text/xml' --data-binary "$body10" "$T_URL/api/xmlrpc/"
conf list_stream_rows=100
if cmp -s "$T_TMP/b10" "$T_TMP/b10w" && ! grep -qi "transfer-encoding" "$T_TMP/h10" && grep -qi "connection: close" "$T_TMP/h10"; then
  t_ok "HTTP/1.0: streamed without chunks, the connection closed at its end, the whole answer's bytes"
else
  t_bad "HTTP/1.0: $(tr -d '\r' < "$T_TMP/h10" | tr '\n' ' ') $(wc -c < "$T_TMP/b10") vs $(wc -c < "$T_TMP/b10w") bytes"
fi

# a list inside multiCall is built whole (and still right)
t_expect "multiCall: its lists are built whole" \
  "$(t_xr "str([len(x) for x in s.multiCall(sid, [['sales_order_invoice.list'], ['sales_order.list']])])")" \
  "[$NINV, $NORD]"
# list_max_rows still faults when the answer would be streamed
conf list_stream_rows=100 list_max_rows=300
t_expect "list_max_rows: fault 101 before a byte is sent" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.list')")" \
  "fault 101 Invalid filter given. Details in error message. More than 300 invoices match; narrow the filter."
conf list_stream_rows=100

# A client that asks for a big list and reads nothing: with one large-answer
# slot, other lists and info calls still answer at once (the stream gave the
# slot back; its pages wait for the socket, not on a thread).
"$PY" - "$T_PORT" "$T_TMP/slow.ready" "$sid" > "$T_TMP/slow.log" 2>&1 <<'PYEOF' &
import socket, sys, time, xmlrpc.client
port, sid = int(sys.argv[1]), sys.argv[3]
body = xmlrpc.client.dumps((sid, "sales_order_invoice.list"), "call").encode()
socks = []
for i in range(8):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.sendall(b"POST /api/xmlrpc/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    socks.append(s)
open(sys.argv[2], "w").close()
time.sleep(30)  # killed by the test before
PYEOF
slow=$!
T_BG_PIDS+=("$slow")
for _ in $(seq 1 100); do [ -e "$T_TMP/slow.ready" ] && break; sleep 0.1; done
sleep 1
t_expect "with 8 big lists unread, another big list answers" "$(t_xr "s.call(sid, 'sales_order_invoice.list')")" "$NINV"
t_expect "and an info call" "$(t_xr "s.call(sid, 'sales_order_invoice.info', ['100000001'])['increment_id']")" 100000001
grep -q 'no large-answer slot' "$T_TMP/daemon.log" && t_bad "a list waited for a slot" || t_ok "no list waited for a slot"
kill "$slow" 2>/dev/null; wait "$slow" 2>/dev/null
sleep 0.5
t_expect "after those clients went, lists answer" "$(t_xr "s.call(sid, 'sales_order.list')")" "$NORD"
t_alive && t_ok "daemon alive" || t_bad "daemon died"
grep -iE "error|warn|fail" "$T_TMP/daemon.log" | head -5
t_stop || t_bad "daemon exited non-zero on SIGTERM"
t_summary
