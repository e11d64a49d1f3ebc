#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# systemd Type=notify readiness: the daemon under a fake NOTIFY_SOCKET sends
# READY=1 once the port answers and STOPPING=1 on SIGTERM.
. "$(dirname "$0")/lib.sh"
t_config
t_cli demo > /dev/null || { echo "FAIL: demo"; exit 1; }
"$PY" "$MD_SOURCE_DIR/tests/integration/ops/sd_notify.py" "$MAGESOAPD" "$T_TMP/magesoapd.conf" "$T_TMP"
