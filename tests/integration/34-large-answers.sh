#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# max_concurrent_large_answers: a list holds a slot from its start until its
# answer has been sent.  With one slot, a client that asks for a big list and
# does not read the answer keeps the slot: another list waits and answers the
# deadline fault at request_deadline_ms; once that client goes, lists answer
# again.  Sequential lists of every kind (big answers handed to MHD, small
# copied ones, faults) each give their slot back.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"


# Lists built whole (list_stream_rows=0); a streamed list gives its slot back
# once its first page is built (34-streamed-lists).
t_fresh list_max_rows=1000000 max_concurrent_large_answers=1 request_deadline_ms=2000 workers=4 \
  list_stream_rows=0
t_cli demo > /dev/null || exit 1
t_cli bulk-seed --orders 20000 > /dev/null || exit 1
t_start

BIG="s.call(sid, 'sales_order_invoice.list')"
for i in 1 2 3; do
  t_expect "big list $i (answer handed to MHD) gives its slot back" "$(t_xr "$BIG")" 20005
done
t_expect "a small list (answer copied) gives its slot back" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.list', [{'increment_id': '100000001'}])")" 1
t_expect "an order list takes and gives back a slot" \
  "$(t_xr "s.call(sid, 'sales_order.list', [{'increment_id': '100000001'}])")" 1
t_expect "two lists in one multiCall take one slot" \
  "$(t_xr "len(s.multiCall(sid, [['sales_order_invoice.list', [{'increment_id': '100000001'}]], ['sales_order_invoice.list', [{'increment_id': '100000002'}]]]))")" 2
t_expect "a faulted list gives its slot back" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.list', [{'created_at': {'regexp': '('}}])" | cut -c1-5)" "fault"
t_expect "then a big list still answers" "$(t_xr "$BIG")" 20005

# A client that asks for a big list and reads nothing holds the only slot.
"$PY" - "$T_PORT" "$T_TMP/slow.ready" > "$T_TMP/slow.log" 2>&1 <<'PYEOF' &
import socket, sys, time, xmlrpc.client
port = int(sys.argv[1])
sid = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/api/xmlrpc/" % port).login("apiUser", "apiKey")
body = xmlrpc.client.dumps((sid, "sales_order_invoice.list"), "call").encode()
s = socket.create_connection(("127.0.0.1", port))
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.sendall(b"POST /api/xmlrpc/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
open(sys.argv[2], "w").close()
time.sleep(30)  # killed by the test before
PYEOF
slow=$!
for _ in $(seq 1 100); do [ -e "$T_TMP/slow.ready" ] && break; sleep 0.1; done
sleep 1 # the slow client's list has been built and is being sent
t0=$(date +%s%N)
t_expect "another list waits for the slot and answers the deadline fault" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.list', [{'increment_id': '100000001'}])")" \
  "fault 1 Request deadline exceeded."
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$ms" -ge 1500 ] && t_ok "it waited for the slot (${ms} ms)" || t_bad "answered after only ${ms} ms"
t_expect "a request that is no list is not held back" \
  "$(t_xr "s.call(sid, 'sales_order_invoice.info', ['100000001'])['increment_id']")" 100000001
grep -q 'no large-answer slot before the request deadline' "$T_TMP/daemon.log" \
  && t_ok "the wait is logged" || t_bad "no log line"
kill "$slow" 2>/dev/null; wait "$slow" 2>/dev/null
sleep 0.5
t_expect "once that client has gone, lists answer again" "$(t_xr "$BIG")" 20005
t_stop
t_summary
