#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Same-moment A/B comparison of daemon builds or configurations against the bare gSOAP
# baseline: V2 info (and optionally other bodies) at C keep-alive connections, ROUNDS
# alternating rounds of DUR seconds each (baseline, A, B, ... in turn), req/s and p99 per
# round, the median of each and its ratio to the baseline's median.  On a shared machine only
# alternating same-moment figures compare.
#
#   bench/ab.sh WORKDIR NAME=BINARY[:CONFIG_LINES] ...
#
# WORKDIR is a kept bench/run.sh scratch directory (BENCH_KEEP=1 or BENCH_WORK=...): its
# demo.db, baseline/baseline and info-answer.xml are used.  CONFIG_LINES are extra config
# lines separated by ';' (e.g. 'inline_reads = off').  Environment: AB_CONN (16), AB_DUR (3),
# AB_ROUNDS (3), AB_BODY (bodies/v2-info.xml), AB_PATH (/api/v2_soap/), AB_ACTION (the V2
# SOAPAction; "" for WS-I), AB_CTYPE.  Everything listens on 127.0.0.1.
# The baseline answers every request with the canned V2 info answer: its figure is the
# reference for the V2 info body only (bench/run.sh compares every dialect with that).
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
WORK=${1:?usage: bench/ab.sh WORKDIR NAME=BINARY[:CONFIG] ...}
shift
CONN=${AB_CONN:-16}
DUR=${AB_DUR:-3}
ROUNDS=${AB_ROUNDS:-3}
BODY=${AB_BODY:-$BENCH/bodies/v2-info.xml}
APATH=${AB_PATH:-/api/v2_soap/}
ACTION=${AB_ACTION-'"urn:Mage_Api_Model_Server_V2_HandlerAction"'}
CTYPE=${AB_CTYPE:-text/xml; charset=utf-8}
V2_ACTION='"urn:Mage_Api_Model_Server_V2_HandlerAction"'
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

port=$((23000 + RANDOM % 2000))
wait_listen() { # LOG
  for _ in $(seq 1 100); do
    grep -q listening "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "did not start: $1" >&2
  exit 1
}

names=(baseline)
ports=("$port")
"$WORK/baseline/baseline" "$port" 32 "$WORK/info-answer.xml" 2>"$WORK/ab-baseline.log" &
PIDS+=($!)
wait_listen "$WORK/ab-baseline.log"
for spec in "$@"; do
  name=${spec%%=*}
  rest=${spec#*=}
  bin=${rest%%:*}
  conf=""
  [ "$rest" != "$bin" ] && conf=${rest#*:}
  port=$((port + 1))
  cp "$WORK/demo.db" "$WORK/ab-$name.db"
  {
    echo "listen = 127.0.0.1:$port"
    echo "db = $WORK/ab-$name.db"
    tr ';' '\n' <<<"$conf"
  } >"$WORK/ab-$name.conf"
  "$bin" serve --config "$WORK/ab-$name.conf" 2>"$WORK/ab-$name.log" &
  PIDS+=($!)
  wait_listen "$WORK/ab-$name.log"
  names+=("$name")
  ports+=("$port")
done

login() { # PORT
  curl -s -H "SOAPAction: $V2_ACTION" -H 'Content-Type: text/xml' \
    --data-binary @"$BENCH/bodies/v2-login.xml" "http://127.0.0.1:$1/api/v2_soap/" |
    sed -n 's/.*<loginReturn[^>]*>\([0-9a-f]*\)<.*/\1/p'
}
inv=$(sqlite3 "$WORK/demo.db" "SELECT increment_id FROM sales_flat_invoice ORDER BY entity_id LIMIT 1")
declare -A SIDS
for i in "${!names[@]}"; do
  [ "$i" = 0 ] && continue
  SIDS[$i]=$(login "${ports[$i]}")
done

run() { # INDEX -> "req_s p99_us"
  local i=$1 extra=()
  [ -n "$ACTION" ] && extra=(BENCH_ACTION="$ACTION")
  env BENCH_BODY="$BODY" BENCH_SID="${SIDS[$i]:-x}" BENCH_INV="$inv" BENCH_CTYPE="$CTYPE" "${extra[@]}" \
    wrk -t2 -c"$CONN" -d"${DUR}s" --timeout 10s -s "$BENCH/soap.lua" "http://127.0.0.1:${ports[$i]}$APATH" 2>&1 |
    sed -n 's/^RESULT .*req_s=\([0-9.]*\) .*p99_us=\([0-9]*\) .*failed=\([0-9]*\).*/\1 \2 \3/p'
}

declare -A RS P99
for r in $(seq 1 "$ROUNDS"); do
  for i in "${!names[@]}"; do
    read -r rs p99 failed <<<"$(run "$i")"
    printf '%s round %d  %-24s %8.0f req/s  p99 %6d us  failed %s\n' "$(date -u +%T)" "$r" \
      "${names[$i]}" "$rs" "$p99" "$failed"
    RS[$i]="${RS[$i]:-} $rs"
    P99[$i]="${P99[$i]:-} $p99"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median <<<"${RS[0]}")
echo
printf '| %s | req/s (rounds) | median | x gSOAP baseline | p99 us (median) |\n' "$CONN conn, $(basename "$BODY")"
echo '| --- | --- | ---: | ---: | ---: |'
for i in "${!names[@]}"; do
  m=$(median <<<"${RS[$i]}")
  printf '| %s | %s | %.0f | %.2f | %s |\n' "${names[$i]}" \
    "$(for v in ${RS[$i]}; do printf '%.0f ' "$v"; done | sed 's/ $//; s/ / \/ /g')" "$m" \
    "$(awk -v a="$m" -v b="$base" 'BEGIN {print a / b}')" "$(median <<<"${P99[$i]}")"
done
