#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Signals (issue 10 item 6): SIGUSR1 and SIGUSR2 are ignored -- the daemon
# keeps serving; SIGHUP reloads: log_file reopened (rotation), log_level and
# a limit changed live, a key needing a restart logged and kept, a bad file
# logged with the old configuration kept; SIGTERM stops cleanly (exit 0).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_fresh
t_cli demo > /dev/null || exit 1
t_start
grep -qF ": database $(t_db) (schema " "$T_TMP/daemon.log" \
  && grep -q "^magesoapd [0-9.]*: database .* (schema [0-9]*), profile magento1, 1 API user$" "$T_TMP/daemon.log" \
  && t_ok "start-up line: version, database, schema, profile, API users" \
  || t_bad "start-up line: $(head -3 "$T_TMP/daemon.log")"
login() {
  "$PY" -c 'import sys, xmlrpc.client; print(xmlrpc.client.ServerProxy(sys.argv[1]).login("apiUser", "apiKey"))' \
    "$T_URL/api/xmlrpc/" 2>&1
}
for sig in USR1 USR2; do
  kill -s "$sig" "$T_PID"
  sleep 0.3
  if t_alive && [ "$(login | wc -c)" = 33 ]; then t_ok "SIG$sig ignored: still serving"
  else t_bad "SIG$sig: daemon gone or not serving ($(tail -3 "$T_TMP/daemon.log"))"; fi
done
kill -s TERM "$T_PID"
wait "$T_PID" 2>/dev/null
T_PID=

# ---- SIGHUP: reload (issue 10 part 6)
LOG=$T_TMP/magesoapd.log
ALOG=$T_TMP/access.log
conf() { # the test config with: log_file, access_log, log_level $1, max_jsonrpc_batch $2, workers $3
  t_config log_file="$LOG" access_log="$ALOG" log_level="$1" max_jsonrpc_batch="$2" workers="$3"
}
conf warn 100 4
t_start
batch() { # N logins in one JSON-RPC batch: prints how many answers carry a result
  local n=$1 body="[" i
  for i in $(seq 1 "$n"); do
    body+="{\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":[\"apiUser\",\"apiKey\"],\"id\":$i}"
    [ "$i" -lt "$n" ] && body+=","
  done
  curl -s -H 'Content-Type: application/json' --data-binary "$body]" "$T_URL/api/jsonrpc/" > "$T_TMP/batch.out"
  grep -o '"result"' "$T_TMP/batch.out" | wc -l
}
soap_call() { curl -s -o /dev/null -H 'Content-Type: text/xml' --data-binary '<x/>' "$T_URL/api/v2_soap/"; }
hup_wait() { # send SIGHUP, wait for a new "reload:" line in FILE ($1)
  local before
  before=$(cat "$1" 2>/dev/null | grep -c "reload:")
  kill -HUP "$T_PID"
  for _ in $(seq 1 50); do [ "$(cat "$1" 2>/dev/null | grep -c "reload:")" -gt "$before" ] && return 0; sleep 0.1; done
  return 1
}
[ "$(batch 3)" = 3 ] && t_ok "before reload: a batch of 3 runs (max_jsonrpc_batch 100)" || t_bad "batch 3: $(cat "$T_TMP/batch.out")"
soap_call
grep -q "soap rc=" "$LOG" && t_bad "log_level warn wrote a debug line" || t_ok "log_level warn: no debug line"
conf debug 2 8
hup_wait "$LOG" || t_bad "no reload line in $LOG"
grep -q "reload: configuration $T_TMP/magesoapd.conf applied" "$LOG" && t_ok "SIGHUP: configuration re-read" \
  || t_bad "reload: $(tail -3 "$LOG")"
grep -q "reload: workers changed: needs restart; the running value stays" "$LOG" \
  && t_ok "a key that needs a restart is logged and kept" || t_bad "workers: $(tail -3 "$LOG")"
[ "$(batch 3)" = 0 ] && grep -q '"code":-32600' "$T_TMP/batch.out" && [ "$(batch 2)" = 2 ] \
  && t_ok "max_jsonrpc_batch 2 applied live: 3 refused (-32600), 2 run" || t_bad "live limit: $(cat "$T_TMP/batch.out")"
soap_call
grep -q "soap rc=" "$LOG" && t_ok "log_level debug applied live" || t_bad "no debug line after reload"
# a bad file: logged, the running configuration stays
echo "max_jsonrpc_batch = lots" >> "$T_TMP/magesoapd.conf"
hup_wait "$LOG" || t_bad "no reload line for the bad file"
grep -q "reload: $T_TMP/magesoapd.conf:[0-9]*: max_jsonrpc_batch must be an integer .*; the running configuration stays" "$LOG" \
  && t_ok "a bad file on SIGHUP: logged with FILE:LINE" || t_bad "bad file: $(tail -2 "$LOG")"
t_alive && [ "$(batch 3)" = 0 ] && [ "$(batch 2)" = 2 ] \
  && t_ok "a bad file: the old configuration stays, still serving" || t_bad "after a bad file: $(cat "$T_TMP/batch.out")"
# log rotation: mv, SIGHUP, the new file gets the lines
conf debug 2 4
mv "$LOG" "$LOG.1"
mv "$ALOG" "$ALOG.1"
hup_wait "$LOG" || t_bad "no reload line in the new $LOG"
lines_old=$(wc -l < "$LOG.1")
alines_old=$(wc -l < "$ALOG.1")
soap_call
sleep 0.3
[ -s "$ALOG" ] && grep -q "dialect=soap_v2" "$ALOG" && [ "$(wc -l < "$ALOG.1")" = "$alines_old" ] \
  && t_ok "access log rotated: after mv + SIGHUP the new file gets the lines" \
  || t_bad "access log rotation: new $(wc -l < "$ALOG" 2>/dev/null) lines, old $alines_old -> $(wc -l < "$ALOG.1")"
[ -s "$LOG" ] && grep -q "soap rc=" "$LOG" && [ "$(wc -l < "$LOG.1")" = "$lines_old" ] \
  && t_ok "log rotated: after mv + SIGHUP the new file gets the lines, the old one none" \
  || t_bad "rotation: new $(wc -l < "$LOG" 2>/dev/null) lines, old $lines_old -> $(wc -l < "$LOG.1")"
kill -s TERM "$T_PID"
rc=0; wait "$T_PID" 2>/dev/null || rc=$?
[ "$rc" = 0 ] && t_ok "SIGTERM: clean exit 0" || t_bad "SIGTERM: exit $rc"
T_PID=
t_summary
