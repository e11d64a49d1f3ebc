#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# HTTPS (issue 9 part 1): throwaway CAs and certificates made here with
# openssl; PHP SoapClient (V2 and V1) and curl over https against our CA;
# TLS 1.0 / 1.1 refused by the server; plain HTTP on the TLS port closed and
# the next https request served; --check-config catches a key that does not
# belong to the certificate; SIGHUP with a new certificate: a fresh
# connection sees the new serial; tls_ca: no client certificate or one from
# another CA refused, the right one accepted.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
command -v openssl > /dev/null || { echo "FAIL: openssl missing (scripts/deps.sh test)"; exit 1; }
command -v curl > /dev/null || { echo "FAIL: curl missing"; exit 1; }

P=$T_TMP/pki
mkdir -p "$P"
mkca() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$P/$1.key" \
    -out "$P/$1.pem" -days 2 -subj "/CN=$1" 2> /dev/null
}
# mkcert NAME CA SERIAL EXTENSIONS
mkcert() {
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$P/$1.key" -out "$P/$1.csr" \
    -subj "/CN=$1" 2> /dev/null
  printf '%b\n' "$4" > "$P/$1.ext"
  openssl x509 -req -in "$P/$1.csr" -CA "$P/$2.pem" -CAkey "$P/$2.key" -set_serial "$3" -days 2 \
    -extfile "$P/$1.ext" -out "$P/$1.pem" 2> /dev/null
}
mkca ca
mkca otherca
mkcert server ca 0x1111 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'
mkcert server2 ca 0x2222 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'
mkcert client ca 0x3333 'extendedKeyUsage=clientAuth'
mkcert stranger otherca 0x4444 'extendedKeyUsage=clientAuth'
for f in ca server server2 client stranger; do
  [ -s "$P/$f.pem" ] || { echo "FAIL: could not make $f.pem"; exit 1; }
done

# ---- --check-config
t_fresh tls_cert="$P/server.pem" tls_key="$P/server2.key"
out=$(t_cli --check-config 2>&1 > /dev/null); rc=$?
[ "$rc" = 1 ] && grep -q "does not belong to tls_cert" <<< "$out" \
  && t_ok "--check-config: a key of another certificate, exit 1 ($out)" || t_bad "--check-config mismatch: rc=$rc $out"
t_fresh tls_cert="$P/server.pem" tls_key="$P/nope.key"
out=$(t_cli --check-config 2>&1 > /dev/null); rc=$?
[ "$rc" = 1 ] && grep -q "nope.key" <<< "$out" && t_ok "--check-config: a missing key file, exit 1" \
  || t_bad "--check-config missing: rc=$rc $out"
# list_stream_rows=2: the demo store's lists are streamed (chunked) through TLS too
t_fresh tls_cert="$P/server.pem" tls_key="$P/server.key" list_stream_rows=2
t_cli --check-config > /dev/null 2>&1 && t_ok "--check-config: certificate and key load and match" \
  || t_bad "--check-config: a good pair refused"

# ---- HTTPS
t_cli demo > /dev/null || exit 1
t_start
U="https://127.0.0.1:$T_PORT"
code=$(curl -s -o "$T_TMP/wsdl" -w '%{http_code}' --cacert "$P/ca.pem" "$U/api/v2_soap/?wsdl")
[ "$code" = 200 ] && grep -q "location=\"$U/api/v2_soap/\"" "$T_TMP/wsdl" \
  && t_ok "curl over https, verified against the CA: WSDL with an https soap:address" \
  || t_bad "curl https: $code $(grep -o 'soap:address[^>]*' "$T_TMP/wsdl")"
curl -s -o /dev/null "$U/api/v2_soap/?wsdl" \
  && t_bad "curl without the CA accepted the certificate" || t_ok "curl without the CA: certificate not trusted"

php_out=$(php -r '
  ini_set("soap.wsdl_cache_enabled", "0");
  $ctx = stream_context_create(["ssl" => ["cafile" => $argv[2], "verify_peer" => true, "peer_name" => "127.0.0.1"]]);
  $o = ["stream_context" => $ctx, "cache_wsdl" => WSDL_CACHE_NONE];
  try {
    $c = new SoapClient($argv[1] . "/api/v2_soap/?wsdl", $o);
    $sid = $c->login("apiUser", "apiKey");
    $i = $c->salesOrderInvoiceInfo($sid, "200000006");
    echo ($i->increment_id === "200000006" ? "PASS" : "FAIL"), ": PHP SoapClient V2 over https: info ", $i->increment_id, "\n";
    $l = $c->salesOrderInvoiceList($sid);
    $ids = array_map(function ($x) { return (int)$x->invoice_id; }, $l);
    $want = $ids; sort($want);
    echo (count($l) === (int)$argv[3] && $ids === $want ? "PASS" : "FAIL"),
      ": PHP SoapClient V2 over https: a streamed list (pages of 2 rows) of ", count($l), " invoices\n";
  } catch (Throwable $e) { echo "FAIL: PHP V2 over https: ", $e->getMessage(), "\n"; }
  try {
    $c = new SoapClient($argv[1] . "/api/soap/?wsdl", $o);
    $sid = $c->login("apiUser", "apiKey");
    $i = $c->call($sid, "sales_order_invoice.info", ["200000006"]);
    echo ($i["increment_id"] === "200000006" ? "PASS" : "FAIL"), ": PHP SoapClient V1 over https: info ", $i["increment_id"], "\n";
  } catch (Throwable $e) { echo "FAIL: PHP V1 over https: ", $e->getMessage(), "\n"; }
' "$U" "$P/ca.pem" "$(t_sql "SELECT count(*) FROM sales_flat_invoice")" 2>&1)
echo "$php_out" > "$T_TMP/php.out"
t_tally "$T_TMP/php.out"

# TLS 1.0 / 1.1: the client offers them (SECLEVEL=0 lets OpenSSL try), the
# server ends the handshake; TLS 1.2 as the control.
for v in tls1 tls1_1; do
  out=$(echo | timeout 10 openssl s_client -connect "127.0.0.1:$T_PORT" -"$v" -cipher 'DEFAULT@SECLEVEL=0' 2>&1)
  if grep -q "no protocols available" <<< "$out"; then t_bad "-$v: the local OpenSSL refused to try"
  elif grep -q "Cipher is (NONE)" <<< "$out"; then t_ok "-$v: refused by the server"
  else t_bad "-$v: $(grep -m1 'Cipher is' <<< "$out")"; fi
done
out=$(echo | timeout 10 openssl s_client -connect "127.0.0.1:$T_PORT" -tls1_2 -CAfile "$P/ca.pem" 2>&1)
grep -q "New, TLSv1.2, Cipher is ECDHE-ECDSA-AES.*GCM" <<< "$out" && grep -q "Verify return code: 0" <<< "$out" \
  && t_ok "TLS 1.2 with an AEAD cipher accepted" || t_bad "TLS 1.2: $(grep -m1 'Cipher is' <<< "$out")"

# plain HTTP on the TLS port: closed without an HTTP answer; then served again
plain=$("$PY" - "$T_PORT" << 'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"GET /api/v2_soap/?wsdl HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
data = b""
try:
    while True:
        b = s.recv(4096)
        if not b:
            break
        data += b
    print("closed", "http" if b"HTTP/1." in data else "nohttp")
except ConnectionResetError:
    print("closed", "http" if b"HTTP/1." in data else "nohttp")
except socket.timeout:
    print("open")
EOF
)
[ "$plain" = "closed nohttp" ] && t_ok "plain HTTP on the TLS port: connection closed, no answer" \
  || t_bad "plain HTTP on the TLS port: $plain"
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$P/ca.pem" "$U/api/v2_soap/?wsdl")
t_alive && [ "$code" = 200 ] && t_ok "the next https request is served" || t_bad "after plain HTTP: $code"

# ---- SIGHUP with a new certificate
serial() {
  echo | timeout 10 openssl s_client -connect "127.0.0.1:$T_PORT" -CAfile "$P/ca.pem" 2> /dev/null \
    | openssl x509 -noout -serial 2> /dev/null
}
[ "$(serial)" = "serial=1111" ] && t_ok "serial 1111 before the reload" || t_bad "before: $(serial)"
sed -i "s#^tls_cert = .*#tls_cert = $P/server2.pem#; s#^tls_key = .*#tls_key = $P/server2.key#" \
  "$T_TMP/magesoapd.conf"
kill -HUP "$T_PID"
for _ in $(seq 1 50); do grep -q "serial 2222" "$T_TMP/daemon.log" && break; sleep 0.1; done
[ "$(serial)" = "serial=2222" ] && t_ok "SIGHUP: a fresh connection gets the new certificate (serial 2222)" \
  || t_bad "after SIGHUP: $(serial); $(tail -3 "$T_TMP/daemon.log")"
# a key that does not match: logged, the running certificate stays
sed -i "s#^tls_key = .*#tls_key = $P/server.key#" "$T_TMP/magesoapd.conf"
kill -HUP "$T_PID"
for _ in $(seq 1 50); do grep -q "does not belong" "$T_TMP/daemon.log" && break; sleep 0.1; done
grep -q "reload: tls_key .* does not belong to tls_cert .*; the running configuration stays" "$T_TMP/daemon.log" \
  && [ "$(serial)" = "serial=2222" ] && t_ok "SIGHUP with a mismatched key: logged, serial 2222 still served" \
  || t_bad "bad reload: $(serial); $(tail -2 "$T_TMP/daemon.log")"

# ---- client certificates (tls_ca)
t_fresh tls_cert="$P/server.pem" tls_key="$P/server.key" tls_ca="$P/ca.pem"
t_cli demo > /dev/null || exit 1
t_start
U="https://127.0.0.1:$T_PORT"
get() { curl -s -o /dev/null -w '%{http_code}' --cacert "$P/ca.pem" "$@" "$U/api/v2_soap/?wsdl"; }
code=$(get)
[ "$code" = 000 ] && t_ok "tls_ca: no client certificate, handshake refused" || t_bad "no client cert: $code"
code=$(get --cert "$P/stranger.pem" --key "$P/stranger.key")
[ "$code" = 000 ] && t_ok "tls_ca: a client certificate from another CA refused" || t_bad "stranger: $code"
code=$(get --cert "$P/server.pem" --key "$P/server.key")
[ "$code" = 000 ] && t_ok "tls_ca: our CA's certificate without the client purpose refused" || t_bad "server as client: $code"
code=$(get --cert "$P/client.pem" --key "$P/client.key")
[ "$code" = 200 ] && t_ok "tls_ca: the right client certificate accepted" || t_bad "client: $code"
grep -q "tls: client certificate refused" "$T_TMP/daemon.log" && t_ok "refusals logged" || t_bad "no refusal logged"
kill -s TERM "$T_PID"
rc=0; wait "$T_PID" 2>/dev/null || rc=$?
[ "$rc" = 0 ] && t_ok "SIGTERM: clean exit 0" || t_bad "SIGTERM: exit $rc"
T_PID=
t_summary
