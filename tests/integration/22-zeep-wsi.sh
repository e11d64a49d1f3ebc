#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Proves python-zeep, built from the daemon's own WS-I WSDL (?wsdl&wsi=1), runs the invoice life cycle: login, create partial/full, typed info, capture, cancel, void, addComment, list with filter and complex_filter, faults with their exact code and message, the WS-I call and multiCall operations read back as anyType (docs/wsi-call.md), endSession.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! "$PY" -c 'import zeep' 2>/dev/null; then
  echo "SKIP: python3-zeep not installed"; exit 77
fi
t_config
"$PY" "$here/py/make_orders.py" "$T_TMP/orders.json" 100000101:gw:4 100000102:gw:2 100000103:checkmo:3
t_cli import "$T_TMP/orders.json" || { t_bad "import"; t_summary; exit 1; }
t_cli user add --username zeepuser --api-key zeepkey123 || { t_bad "user add"; t_summary; exit 1; }
t_start
timeout 120 "$PY" "$here/py/zeep_wsi.py" "$T_URL" zeepuser zeepkey123 > "$T_TMP/out" 2>&1
rc=$?
t_tally "$T_TMP/out"
[ $rc = 0 ] || [ "$T_FAIL" -gt 0 ] || t_bad "zeep client exited $rc"
t_alive && t_ok "daemon still running" || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_stop && t_ok "daemon exits 0 on SIGTERM" || t_bad "daemon exit status on SIGTERM"
t_summary
