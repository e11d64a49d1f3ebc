#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Magento 2 style REST (issue 4) from PHP: json_encode + an http stream
# context for the REST calls, SoapClient (V2) for the cross-API checks --
# the seed 004 example body, full and partial invoices, capture true/false on
# checkmo and authorizenet orders, notify with a comment (stored, outbox
# row), error statuses and bodies, REST -> SOAP info and SOAP -> REST.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/rest/lib_rest.sh"

command -v php > /dev/null || { echo "php not installed"; exit 1; }
t_config
rest_setup
t_start
php "$here/rest/rest_client.php" "$T_URL" "$REST_USER" "$REST_KEY" "$T_TMP/test.db" > "$T_TMP/out" 2>&1
rc=$?
t_tally "$T_TMP/out"
[ $rc = 0 ] || grep -q '^FAIL' "$T_TMP/out" || t_bad "PHP client exited with status $rc"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_summary
