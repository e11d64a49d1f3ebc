#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Crash test (issue 9 item 12): mixed writes (partial and full create, capture, cancel, void, addComment) over
# SOAP V1 call, SOAP V2, XML-RPC, JSON-RPC and REST from several threads on imported gateway orders; the daemon
# is killed with SIGKILL at random moments 20 times and restarted; after each restart every acknowledged write
# must be there with its acknowledged state, no order over-invoiced, invoice and order totals equal the sums
# they come from, and PRAGMA integrity_check ok.  CRASH_SEED, CRASH_KILLS, CRASH_THREADS adjust a run.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_config
specs=()
for i in $(seq 1 1000); do specs+=("$((100020000 + i)):gw:2+2+3+3"); done
"$PY" "$here/py/make_orders.py" "$T_TMP/orders.json" "${specs[@]}"
t_cli import "$T_TMP/orders.json" > /dev/null || { t_bad "import"; t_summary; exit 1; }
t_cli user add --username crash --api-key crashkey123 > /dev/null || { t_bad "user add"; t_summary; exit 1; }
timeout 500 "$PY" "$here/py/crash.py" "$MAGESOAPD" "$T_TMP/magesoapd.conf" "$T_TMP/test.db" "$T_TMP" \
  "$T_TMP/orders.json" crash crashkey123 > "$T_TMP/out" 2>&1
rc=$?
t_tally "$T_TMP/out"
grep '^crash test:\|^counts:\|^FAILED' "$T_TMP/out" >&2
grep -q '^counts: ' "$T_TMP/out" || t_bad "the crash driver did not finish (exit $rc)"
[ $rc = 0 ] || [ "$T_FAIL" -gt 0 ] || t_bad "the crash driver exited $rc"
t_summary
