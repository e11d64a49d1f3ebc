#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Proves every SOAP V2 and WS-I example of the seed documents (shared/seeds/000, 001, 003) runs as written with PHP's SoapClient against `magesoapd demo` data and gets the right answers (info('200000006') field for field as documented).
# Each example gets a fresh database loaded by `magesoapd demo` (the examples
# are independent: two of them invoice the same order item).  WS-I examples
# run with wsi_compliance = on and the URL as written; the info/list/capture
# ones once more with wsi_compliance = off and `?wsdl&wsi=1`.  One example
# also runs on `serve --demo` instead of the demo command.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
php=(php -d soap.wsdl_cache_enabled=0 -d display_errors=stderr "$here/php/seed_examples.php")

run() { # NAME MODE [wsi1]
  local name=$1 mode=$2 extra=${3:-}
  local conf=()
  [ "$mode" = wsi ] && [ -z "$extra" ] && conf=(wsi_compliance=on)
  t_fresh "${conf[@]}"
  if ! t_cli demo > "$T_TMP/demo.log" 2>&1; then
    t_bad "$name: magesoapd demo failed: $(cat "$T_TMP/demo.log")"; return
  fi
  t_start
  echo "== $name ($mode${extra:+, ?wsdl&wsi=1}${conf:+, ${conf[*]}})"
  "${php[@]}" "$T_URL" "$name" $extra > "$T_TMP/out" 2>&1
  t_tally "$T_TMP/out"
  grep -q '^PASS\|^FAIL' "$T_TMP/out" || t_bad "$name: the PHP harness printed no result"
  t_alive || t_bad "$name: daemon died (log: $(tail -5 "$T_TMP/daemon.log"))"
}

while read -r name mode; do
  run "$name" "$mode"
done < <("${php[@]}" --list)

for name in s001-wsi-info s001-wsi-list s001-wsi-capture s001-wsi-create-fixed; do
  run "$name" wsi wsi1
done

echo "== s001-v2-info on serve --demo (empty database)"
t_fresh
t_start --demo
"${php[@]}" "$T_URL" s001-v2-info > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_fresh
t_summary
