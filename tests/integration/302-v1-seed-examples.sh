#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every SOAP V1 example of the seed documents (shared/seeds/000, 001, 003)
# runs as written with PHP's SoapClient in WSDL mode (/api/soap/?wsdl)
# against `magesoapd demo` data, host and credentials aside (issue 3): keyed
# arguments read positionally, itemsQty as a map or as one {order_item_id,
# qty} object, info('200000006') field for field as documented.  Examples
# that use an unset `$session` are run as written (fault 5, as Magento
# answers a nil session) and with the variable fixed.  Each example gets a
# fresh database (two of them invoice the same order item).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
php=(php -d soap.wsdl_cache_enabled=0 -d display_errors=stderr "$here/v1/seeds_v1.php")

while read -r name; do
  t_fresh
  if ! t_cli demo > "$T_TMP/demo.log" 2>&1; then
    t_bad "$name: magesoapd demo failed: $(cat "$T_TMP/demo.log")"; continue
  fi
  t_start
  echo "== $name"
  "${php[@]}" "$T_URL" "$name" > "$T_TMP/out" 2> "$T_TMP/err"
  t_tally "$T_TMP/out"
  grep -q '^PASS\|^FAIL' "$T_TMP/out" || { cat "$T_TMP/err"; t_bad "$name: the PHP harness printed no result"; }
  t_alive || t_bad "$name: daemon died (log: $(tail -5 "$T_TMP/daemon.log"))"
done < <("${php[@]}" --list)

echo "== s001-info on serve --demo (empty database)"
t_fresh
t_start --demo
"${php[@]}" "$T_URL" s001-info > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_fresh
t_summary
