#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Idempotency-Key under SIGKILL (issue 11 part 4): creates with keys over
# REST and XML-RPC, the daemon killed at random moments for 20 s, every key
# retried after each restart; never two invoices for one key, never an
# invoice without its key (idem/crash_retry.py).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_config idempotency_window=3600
"$PY" "$here/idem/fixture.py" 40 > "$T_TMP/orders.json"
t_cli import "$T_TMP/orders.json" > /dev/null || { echo "FAIL: import"; exit 1; }
t_cli user add --username crash --api-key crashKey1 > /dev/null || exit 1
timeout 60 "$PY" "$here/idem/crash_retry.py" "$MAGESOAPD" "$T_TMP/magesoapd.conf" "$T_TMP/test.db" \
  crash crashKey1 40 20 > "$T_TMP/crash.out" 2>&1
rc=$?
t_tally "$T_TMP/crash.out"
[ "$rc" = 0 ] && t_ok "crash loop exit status 0" || t_bad "crash loop exit status $rc"
t_summary
