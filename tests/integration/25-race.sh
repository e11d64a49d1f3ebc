#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Proves concurrent PHP SoapClients (V2 and WS-I mixed, released at one shared instant) never over-invoice or double-capture: one of 8 full creates of an order wins (the rest fault 102), 3 of 8 one-unit creates of a 3-unit order win, one of 8 captures wins (the rest fault 104), and capture-vs-cancel has one winner.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${RACE_CLIENTS:-8}
export RACE_N=$N
U=raceuser
K=racekey123
php=(php -d soap.wsdl_cache_enabled=0)

t_config
"$PY" "$here/py/make_orders.py" "$T_TMP/orders.json" \
  100000411:checkmo:2+1 100000412:gw:2+1 100000413:checkmo:2+1 \
  100000421:checkmo:3 100000422:gw:3 100000423:checkmo:3 \
  100000431:gw:2 100000432:gw:2 100000433:gw:2 \
  100000441:gw:2 100000442:gw:2
t_cli import "$T_TMP/orders.json" || { t_bad "import"; t_summary; exit 1; }
t_cli user add --username $U --api-key $K || { t_bad "user add"; t_summary; exit 1; }
t_start

v2() { "${php[@]}" "$here/php/v2call.php" "$T_URL" $U $K "$@"; }
jget() { "$PY" -c "import json,sys; d=json.loads(sys.stdin.read() or 'null'); print(eval(sys.argv[1]))" "$1"; }

# race OUT OP ARG...: one contender per ARG (V2 and WS-I alternating), all
# released at the same instant
race() {
  local out=$1 op=$2; shift 2
  local start i=0 pids=()
  # the release instant: 3 s ahead, more on a loaded machine (PHP clients
  # must all be up and waiting before it, or the round proves nothing)
  local load; load=$(cut -d. -f1 /proc/loadavg)
  start=$(( $(date +%s%3N) + 3000 + (load > 24 ? 24 : load) * 500 ))
  rm -f "$out".*
  for arg in "$@"; do
    local mode=v2; [ $((i % 2)) = 1 ] && mode=wsi
    "${php[@]}" "$here/php/race_client.php" "$T_URL" $mode "$op" "$arg" "$start" $U $K > "$out.$i" 2>&1 &
    pids+=($!); i=$((i + 1))
  done
  wait "${pids[@]}"
  cat "$out".* > "$out"   # one file per contender: no interleaved lines
}
judge() { # LABEL FILE N_OK FAULTS... ; sets WINNERS
  "$PY" "$here/py/race_check.py" "$@" > "$T_TMP/judge" 2>&1
  grep -v '^OK=' "$T_TMP/judge" > "$T_TMP/judge.out"
  t_tally "$T_TMP/judge.out"
  WINNERS=$(sed -n 's/^OK=//p' "$T_TMP/judge")
  if grep -q '^FAIL' "$T_TMP/judge"; then echo "    contenders said:"; sed 's/^/      /' "$2"; fi
}
reps() { local i; for i in $(seq 1 "$N"); do echo "$1"; done; }

echo "== full creates racing on one order"
for o in 411 412 413; do
  mapfile -t a < <(reps 100000$o)
  race "$T_TMP/r" create-full "${a[@]}"
  judge "create-full 100000$o" "$T_TMP/r" 1 "102|Cannot do invoice for order."
  l=$(v2 list-order $o)
  n=$(echo "$l" | jget 'len(d["result"])')
  [ "$n" = 1 ] && t_ok "100000$o: one invoice stored" || t_bad "100000$o: $n invoices stored: $l"
  inv=$(echo "$l" | jget 'd["result"][0]["increment_id"]')
  [ "$inv" = "$WINNERS" ] && t_ok "100000$o: the stored invoice is the winner's" || t_bad "100000$o: stored $inv, winner said $WINNERS"
  info=$(v2 info "$inv")
  got=$(echo "$info" | jget '(d["result"]["grand_total"], sorted((i["order_item_id"], i["qty"]) for i in d["result"]["items"]))')
  want="('45.0000', [('${o}1', '2.0000'), ('${o}2', '1.0000')])"
  [ "$got" = "$want" ] && t_ok "100000$o: invoice covers the order once: $got" || t_bad "100000$o: invoice $got, want $want"
  again=$(v2 create 100000$o)
  [ "$again" = '{"fault":["102","Cannot do invoice for order."]}' ] && t_ok "100000$o: fully invoiced afterwards" \
    || t_bad "100000$o: create afterwards gave $again"
done

echo "== one-unit creates racing on a 3-unit order"
for o in 421 422 423; do
  mapfile -t a < <(reps "100000$o:${o}1")
  race "$T_TMP/r" create-one "${a[@]}"
  judge "create-one x$N on 100000$o (qty 3)" "$T_TMP/r" 3 "102|Cannot do invoice for order."
  l=$(v2 list-order $o)
  got=$(echo "$l" | jget 'sorted(e["increment_id"] for e in d["result"])')
  want=$("$PY" -c "import sys; print(sorted(sys.argv[1].split(',')))" "$WINNERS")
  [ "$got" = "$want" ] && t_ok "100000$o: exactly the 3 winners' invoices stored" || t_bad "100000$o: stored $got, winners $want"
  tot=$(echo "$l" | jget 'str(sum(round(float(e["grand_total"])*10000) for e in d["result"])/10000)')
  [ "$tot" = "45.0" ] && t_ok "100000$o: invoices add up to the order total 45.00 (shipping once)" \
    || t_bad "100000$o: invoices add up to $tot, order total 45.00: $l"
done

echo "== captures racing on one OPEN invoice"
for o in 431 432 433; do
  r=$(v2 create 100000$o); inv=$(echo "$r" | jget 'd["result"]')
  st=$(v2 info "$inv" | jget 'd["result"]["state"]')
  [ "$st" = 1 ] || t_bad "100000$o: invoice $inv not OPEN before the race ($r, state $st)"
  mapfile -t a < <(reps "$inv")
  race "$T_TMP/r" capture "${a[@]}"
  # V2 says true (JSON true), WS-I says "1"
  judge "capture x$N of $inv" "$T_TMP/r" 1 "104|Invoice cannot be captured."
  case "$WINNERS" in true|1) t_ok "capture of $inv: the winner got true/\"1\"";; *) t_bad "capture of $inv: winner said $WINNERS";; esac
  st=$(v2 info "$inv" | jget 'd["result"]["state"]')
  [ "$st" = 2 ] && t_ok "$inv: PAID once" || t_bad "$inv: state $st after the capture race"
done

echo "== capture and cancel racing on one OPEN invoice"
for o in 441 442; do
  r=$(v2 create 100000$o); inv=$(echo "$r" | jget 'd["result"]')
  start=$(( $(date +%s%3N) + 3000 )); rm -f "$T_TMP"/r.*; pids=()
  for i in $(seq 1 "$N"); do
    op=capture; [ $((i % 2)) = 0 ] && op=cancel
    mode=v2; [ $(((i / 2) % 2)) = 1 ] && mode=wsi
    "${php[@]}" "$here/php/race_client.php" "$T_URL" $mode $op "$inv" "$start" $U $K > "$T_TMP/r.$i" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
  cat "$T_TMP"/r.* > "$T_TMP/r"
  judge "capture/cancel x$N of $inv" "$T_TMP/r" 1 "104|Invoice cannot be captured." "104|Invoice cannot be canceled."
  winner_op=$("$PY" -c "import json,sys; print([json.loads(l)['op'] for l in open(sys.argv[1]) if l.startswith('{') and 'ok' in json.loads(l)])" "$T_TMP/r")
  st=$(v2 info "$inv" | jget 'd["result"]["state"]')
  case "$winner_op:$st" in
    "['capture']:2"|"['cancel']:3") t_ok "$inv: final state $st matches the winner $winner_op";;
    *) t_bad "$inv: final state $st, winner $winner_op";;
  esac
done

t_alive && t_ok "daemon still running" || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_stop && t_ok "daemon exits 0 on SIGTERM" || t_bad "daemon exit status on SIGTERM"
t_summary
