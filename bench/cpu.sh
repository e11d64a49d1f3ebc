#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# CPU time per request: the figure that holds on a shared machine.  For each dialect's
# info body and each daemon build, and for the bare gSOAP baseline, wrk drives C keep-alive
# connections for DUR seconds while the server's utime+stime (/proc/PID/stat) is read before
# and after; CPU microseconds per answered request = delta / requests.  ROUNDS alternating
# rounds (baseline, A, B, ... in turn), median kept.  Throughput drifts with the other load on
# the cores; CPU per request does not (much): it is what the server itself spends.
#
#   bench/cpu.sh WORKDIR NAME=BINARY[:CONFIG_LINES] ...
#
# WORKDIR is a kept bench/run.sh scratch directory (BENCH_KEEP=1 or BENCH_WORK=...): its
# demo.db, baseline/baseline and info-answer.xml are used.  Environment: CPU_CONN (16),
# CPU_DUR (3), CPU_ROUNDS (3), CPU_ONLY (comma list of v2,wsi,v1,xmlrpc,jsonrpc; default all).
# The baseline answers every request with the canned V2 info answer (no parsing of the
# request into a call, no storage); each dialect is compared with that one figure.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
WORK=${1:?usage: bench/cpu.sh WORKDIR NAME=BINARY[:CONFIG] ...}
shift
CONN=${CPU_CONN:-16}
DUR=${CPU_DUR:-3}
ROUNDS=${CPU_ROUNDS:-3}
ONLY=",${CPU_ONLY:-v2,wsi,v1,xmlrpc,jsonrpc},"
V2_ACTION='"urn:Mage_Api_Model_Server_V2_HandlerAction"'
TICK=$(getconf CLK_TCK)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

port=$((24000 + RANDOM % 2000))
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
"$WORK/baseline/baseline" "$port" 32 "$WORK/info-answer.xml" 2>"$WORK/cpu-baseline.log" &
pids=($!)
PIDS+=($!)
wait_listen "$WORK/cpu-baseline.log"
for spec in "$@"; do
  name=${spec%%=*}
  rest=${spec#*=}
  bin=${rest%%:*}
  conf=""
  [ "$rest" != "$bin" ] && conf=${rest#*:}
  port=$((port + 1))
  cp "$WORK/demo.db" "$WORK/cpu-$name.db"
  {
    echo "listen = 127.0.0.1:$port"
    echo "db = $WORK/cpu-$name.db"
    tr ';' '\n' <<<"$conf"
  } >"$WORK/cpu-$name.conf"
  "$bin" serve --config "$WORK/cpu-$name.conf" 2>"$WORK/cpu-$name.log" &
  pids+=($!)
  PIDS+=($!)
  wait_listen "$WORK/cpu-$name.log"
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

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run INDEX BODY PATH CTYPE ACTION FAULT -> "cpu_us_per_req req_s failed"
run() {
  local i=$1 body=$2 path=$3 ctype=$4 action=$5 fault=$6 extra=() t0 t1 out n
  [ -n "$action" ] && extra=(BENCH_ACTION="$action")
  t0=$(cpu_ticks "${pids[$i]}")
  out=$(env BENCH_BODY="$BENCH/bodies/$body" BENCH_SID="${SIDS[$i]:-x}" BENCH_INV="$inv" \
    BENCH_CTYPE="$ctype" BENCH_FAULT="$fault" "${extra[@]}" \
    wrk -t2 -c"$CONN" -d"${DUR}s" --timeout 10s -s "$BENCH/soap.lua" \
    "http://127.0.0.1:${ports[$i]}$path" 2>&1)
  t1=$(cpu_ticks "${pids[$i]}")
  n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
  awk -v d=$((t1 - t0)) -v n="$n" -v tk="$TICK" -v r="$(sed -n 's/^RESULT .*req_s=\([0-9.]*\).*/\1/p' <<<"$out")" \
    -v f="$(sed -n 's/^RESULT .*failed=\([0-9]*\).*/\1/p' <<<"$out")" \
    'BEGIN {printf "%.1f %.0f %s\n", (n > 0 ? d * 1e6 / tk / n : 0), r, f}'
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

SCEN=(
  "v2|V2 info|v2-info.xml|/api/v2_soap/|text/xml; charset=utf-8|$V2_ACTION|<faultcode>"
  "wsi|WS-I info|wsi-info.xml|/api/v2_soap/|text/xml; charset=utf-8|\"\"|<faultcode>"
  "v1|V1 call info|v1-info.xml|/api/soap/|text/xml; charset=utf-8|\"urn:Action\"|<faultcode>"
  "xmlrpc|XML-RPC call info|xmlrpc-info.xml|/api/xmlrpc/|text/xml||<name>faultCode</name>"
  "jsonrpc|JSON-RPC call info|jsonrpc-info.json|/api/jsonrpc/|application/json||\"error\":"
)
declare -A CPU RS
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  for s in "${SCEN[@]}"; do
    IFS='|' read -r key label body path ctype action fault <<<"$s"
    [[ $ONLY == *",$key,"* ]] || continue
    for i in "${!names[@]}"; do
      # the baseline answers the same canned bytes whatever the dialect: measure it once a round
      [ "$i" = 0 ] && [ "$key" != "${CPU_FIRST:-v2}" ] && [[ $ONLY == *",${CPU_FIRST:-v2},"* ]] && continue
      read -r us rs failed <<<"$(run "$i" "$body" "$path" "$ctype" "$action" "$fault")"
      k=$key
      [ "$i" = 0 ] && k=base
      printf '%s round %d  %-18s %-12s %7s us CPU/req  %8s req/s  failed %s\n' "$(date -u +%T)" "$r" \
        "$label" "${names[$i]}" "$us" "$rs" "$failed" >&2
      CPU[$k.$i]="${CPU[$k.$i]:-} $us"
      RS[$k.$i]="${RS[$k.$i]:-} $rs"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
b=$(median <<<"${CPU[base.0]}")
echo
echo "| scenario, $CONN conn | server | CPU µs/request (median of $ROUNDS) | × gSOAP baseline's CPU/request | req/s (median) |"
echo '| --- | --- | ---: | ---: | ---: |'
printf '| canned V2 info answer | gSOAP baseline | %s | 1.00 | %s |\n' "$b" "$(median <<<"${RS[base.0]}")"
for s in "${SCEN[@]}"; do
  IFS='|' read -r key label _ <<<"$s"
  [[ $ONLY == *",$key,"* ]] || continue
  for i in "${!names[@]}"; do
    [ "$i" = 0 ] && continue
    m=$(median <<<"${CPU[$key.$i]}")
    printf '| %s | %s | %s | %.2f | %s |\n' "$label" "${names[$i]}" "$m" \
      "$(awk -v a="$m" -v b="$b" 'BEGIN {print (b > 0 ? a / b : 0)}')" "$(median <<<"${RS[$key.$i]}")"
  done
done
