#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Issue 9 part 9.  shutdown_timeout: on SIGTERM an idle keep-alive connection
# is closed at once, a request under way may finish (its body arrives after
# the signal and it is answered), a slow client holding a request open is
# cut at the timeout, and the daemon exits 0 within shutdown_timeout + 1 s.
# trusted_hosts: the WSDL's soap:address reflects a trusted Host only (a
# forged one gets the bound address; public_url wins).  user =: started as
# root the daemon runs as nobody (/proc/PID/status), serves and writes its
# database; a user that does not exist, or a database nobody cannot write,
# stops the start with a clear message.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# ---- shutdown_timeout
t_fresh shutdown_timeout=2
t_cli demo > /dev/null || exit 1
t_start
"$PY" - "$T_PORT" "$T_PID" > "$T_TMP/stop.out" 2>&1 << 'EOF'
import os, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
def conn():
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    return s
def closed_within(s, secs):
    """seconds until the server closes s (EOF/reset), or None"""
    s.settimeout(secs)
    t = time.monotonic()
    try:
        while s.recv(4096):
            pass
    except socket.timeout:
        return None
    except ConnectionResetError:
        pass
    return time.monotonic() - t
def gone(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True
body = b'{"jsonrpc":"2.0","method":"login","params":["apiUser","apiKey"],"id":1}'
head = (b"POST /api/jsonrpc/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body))
# idle keep-alive connection: one answered request, then nothing
idle = conn()
idle.sendall(b"GET /api/soap/?wsdl HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
idle.settimeout(5)
got = b""
while b"</definitions>" not in got:
    got += idle.recv(65536)
# a slow client: headers and half the body, then silence
slow = conn()
slow.sendall(head + body[:10])
# a request under way that will complete after the signal
late = conn()
late.sendall(head + body[:10])
time.sleep(0.3)
t0 = time.monotonic()
os.kill(pid, 15)
time.sleep(0.5)
try:
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    print("FAIL: a new connection was accepted after SIGTERM")
except ConnectionRefusedError:
    print("PASS: no new connection after SIGTERM (refused)")
late.sendall(body[10:])
late.settimeout(5)
answer = b""
try:
    while b'"result"' not in answer:
        b = late.recv(4096)
        if not b:
            break
        answer += b
except Exception as e:
    answer += repr(e).encode()
print(("PASS" if answer.startswith(b"HTTP/1.1 200") and b'"result"' in answer else "FAIL") +
      ": a request under way when SIGTERM came was answered: %r" % answer[:60])
d = closed_within(idle, 0.1)
print(("PASS" if d is not None else "FAIL") + ": the idle keep-alive connection was closed at once")
d = closed_within(slow, 4)
print(("PASS" if d is not None else "FAIL") + ": the slow client was cut at the timeout (%.2f s after SIGTERM)" %
      (time.monotonic() - t0))
while not gone(pid) and time.monotonic() - t0 < 10:
    time.sleep(0.02)
el = time.monotonic() - t0
print(("PASS" if el <= 3.0 else "FAIL") + ": stopped %.2f s after SIGTERM (shutdown_timeout 2, at most 3)" % el)
EOF
t_tally "$T_TMP/stop.out"
rc=0; wait "$T_PID" 2>/dev/null || rc=$?
T_PID=
[ "$rc" = 0 ] && t_ok "exit 0 after closing the slow client" || t_bad "exit $rc"
grep -q "stopping: shutdown_timeout passed, closing 1 connection" "$T_TMP/daemon.log" \
  && t_ok "the cut is logged" || t_bad "log: $(tail -3 "$T_TMP/daemon.log")"

# ---- trusted_hosts
t_fresh trusted_hosts="shop.example.com, api.example.net:8443"
t_cli demo > /dev/null || exit 1
t_start
addr() { curl -s -H "Host: $1" "$T_URL/api/v2_soap/?wsdl" | grep -o 'soap:address location="[^"]*"'; }
[ "$(addr evil.example)" = "soap:address location=\"$T_URL/api/v2_soap/\"" ] \
  && t_ok "a forged Host: the bound address" || t_bad "forged Host: $(addr evil.example)"
[ "$(addr shop.example.com:81)" = 'soap:address location="http://shop.example.com:81/api/v2_soap/"' ] \
  && t_ok "a trusted host (any port) is reflected" || t_bad "trusted: $(addr shop.example.com:81)"
[ "$(addr api.example.net:8443)" = 'soap:address location="http://api.example.net:8443/api/v2_soap/"' ] \
  && [ "$(addr api.example.net:9000)" = "soap:address location=\"$T_URL/api/v2_soap/\"" ] \
  && t_ok "a trusted host:port only on that port" || t_bad "host:port: $(addr api.example.net:9000)"
[ "$(addr 127.0.0.1:$T_PORT)" = "soap:address location=\"$T_URL/api/v2_soap/\"" ] \
  && t_ok "the default list keeps loopback Hosts" || t_bad "loopback: $(addr 127.0.0.1:$T_PORT)"
t_fresh trusted_hosts=evil.example public_url=https://shop.example.com/
t_start
[ "$(addr evil.example)" = 'soap:address location="https://shop.example.com/api/v2_soap/"' ] \
  && t_ok "public_url wins over a trusted Host" || t_bad "public_url: $(addr evil.example)"

# ---- user = (as root)
if [ "$(id -u)" != 0 ]; then
  echo "FAIL: the user = checks need root (the test suite runs as root)"; t_bad "not root"
else
  t_fresh user=nonexistent-magesoapd-user
  out=$("$MAGESOAPD" -c "$T_TMP/magesoapd.conf" serve --listen 127.0.0.1:0 2>&1); rc=$?
  [ "$rc" = 1 ] && grep -q "user nonexistent-magesoapd-user: no such user" <<< "$out" \
    && t_ok "a user that does not exist: refused to start ($out)" || t_bad "no such user: rc=$rc $out"
  t_cli --check-config > /dev/null 2>&1 && t_bad "--check-config accepted a missing user" \
    || t_ok "--check-config: a missing user, exit 1"
  # the database folder must be writable by the user
  D=$T_TMP/nobody-db
  mkdir -p "$D"
  chmod 711 "$T_TMP" # nobody may pass through to $D
  t_config db="$D/test.db" user=nobody
  t_cli demo > /dev/null || exit 1
  chown root:root "$D" "$D"/test.db*
  chmod 755 "$D"
  out=$("$MAGESOAPD" -c "$T_TMP/magesoapd.conf" serve --listen 127.0.0.1:0 2>&1); rc=$?
  [ "$rc" = 1 ] && grep -qi "writ" <<< "$out" \
    && t_ok "a database nobody cannot write: refused to start ($(head -1 <<< "$out"))" || t_bad "not writable: rc=$rc $out"
  chown -R nobody "$D"
  t_start
  uid=$(awk '/^Uid:/ {print $2, $3, $4, $5}' "/proc/$T_PID/status")
  gid=$(awk '/^Gid:/ {print $2}' "/proc/$T_PID/status")
  groups=$(awk '/^Groups:/ {$1=""; print}' "/proc/$T_PID/status")
  nuid=$(id -u nobody); ngid=$(id -g nobody)
  [ "$uid" = "$nuid $nuid $nuid $nuid" ] && [ "$gid" = "$ngid" ] && ! grep -qw 0 <<< "$groups" \
    && t_ok "runs as nobody (Uid $uid, Gid $gid, no root group)" || t_bad "Uid: $uid Gid: $gid Groups: $groups"
  php -r '
    $c = new SoapClient($argv[1] . "/api/soap/?wsdl", ["cache_wsdl" => WSDL_CACHE_NONE]);
    $sid = $c->login("apiUser", "apiKey");
    $id = $c->call($sid, "sales_order_invoice.create", ["200000008", [], "made as nobody"]);
    echo "invoice $id\n";' "$T_URL" > "$T_TMP/nobody.out" 2>&1
  inv=$(sed -n 's/^invoice \([0-9]*\)$/\1/p' "$T_TMP/nobody.out")
  [ -n "$inv" ] && t_ok "as nobody: serves and writes (invoice $inv created)" || t_bad "as nobody: $(cat "$T_TMP/nobody.out")"
  t_stop || t_bad "SIGTERM as nobody: non-zero exit"
  [ -n "$inv" ] && sqlite3 "$D/test.db" "select count(*) from sales_flat_invoice where increment_id='$inv'" 2>/dev/null | grep -qx 1 \
    && t_ok "the invoice is in the database after the stop" || t_bad "invoice $inv not stored"
fi
t_summary
