#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Docker cannot run here: check docker/Dockerfile and .dockerignore statically,
# and run the container's entrypoint (MAGESOAPD_DEMO=1) and HEALTHCHECK probe
# against the real daemon.
. "$(dirname "$0")/lib.sh"
"$PY" "$MD_SOURCE_DIR/tests/integration/ops/docker_static.py" "$MD_SOURCE_DIR" > "$T_TMP/static.out"
t_tally "$T_TMP/static.out"
for f in entrypoint.sh healthcheck.sh; do
  bash -n "$MD_SOURCE_DIR/docker/$f" && t_ok "$f parses" || t_bad "$f: syntax"
done
"$MAGESOAPD" -c "$MD_SOURCE_DIR/docker/docker.conf" --check-config > /dev/null \
  && t_ok "docker.conf accepted" || t_bad "docker.conf rejected"

# entrypoint: MAGESOAPD_DEMO=1 runs `magesoapd ... serve --demo`
mkdir -p "$T_TMP/bin"
ln -s "$MAGESOAPD" "$T_TMP/bin/magesoapd"
t_config
PATH=$T_TMP/bin:$PATH MAGESOAPD_DEMO=1 "$MD_SOURCE_DIR/docker/entrypoint.sh" \
  magesoapd -c "$T_TMP/magesoapd.conf" serve --listen 127.0.0.1:0 2> "$T_TMP/daemon.log" &
T_PID=$!
for _ in $(seq 1 100); do
  T_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/daemon.log")
  [ -n "$T_PORT" ] && break
  sleep 0.1
done
[ -n "$T_PORT" ] && t_ok "entrypoint started the daemon" || { cat "$T_TMP/daemon.log"; t_bad "entrypoint: no daemon"; }
login='<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento"><SOAP-ENV:Body><ns1:login><username>apiUser</username><apiKey>apiKey</apiKey></ns1:login></SOAP-ENV:Body></SOAP-ENV:Envelope>'
out=$(curl -s -H 'Content-Type: text/xml' -H 'SOAPAction: urn:Action' --data "$login" \
  "http://127.0.0.1:$T_PORT/api/v2_soap/")
grep -q '<loginReturn xsi:type="xsd:string">[0-9a-f]\{32\}</loginReturn>' <<< "$out" \
  && t_ok "MAGESOAPD_DEMO=1 loaded the demo user" || t_bad "demo login failed: $out"

# HEALTHCHECK probe: healthy on the daemon's port, unhealthy on a closed one
MAGESOAPD_PORT=$T_PORT bash "$MD_SOURCE_DIR/docker/healthcheck.sh" \
  && t_ok "healthcheck: healthy daemon" || t_bad "healthcheck failed against the daemon"
t_stop || t_bad "daemon exit status on SIGTERM"
MAGESOAPD_PORT=$T_PORT bash "$MD_SOURCE_DIR/docker/healthcheck.sh" 2> /dev/null \
  && t_bad "healthcheck passed with the daemon stopped" || t_ok "healthcheck: stopped daemon is unhealthy"
# a port answering something else than 200 is unhealthy too
"$PY" -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); c.recv(4096)
c.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"); c.close()
' > "$T_TMP/fake.port" &
T_BG_PIDS+=($!)
for _ in $(seq 1 50); do [ -s "$T_TMP/fake.port" ] && break; sleep 0.1; done
MAGESOAPD_PORT=$(cat "$T_TMP/fake.port") bash "$MD_SOURCE_DIR/docker/healthcheck.sh" \
  && t_bad "healthcheck passed on HTTP 503" || t_ok "healthcheck: HTTP 503 is unhealthy"
t_summary
