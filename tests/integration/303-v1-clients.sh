#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SOAP V1 without a WSDL (issue 3): Perl SOAP::Lite (c-gensym part names,
# its own typing, hashes as SOAPStruct) calling login/call/multiCall/
# globalFaults/endSession, and PHP's SoapClient in non-WSDL mode in SOAP 1.1
# and SOAP 1.2 -- all bound by position, all on `serve --demo` data; and the
# core operations (resources, globalFaults, resourceFaults, startSession,
# endSession) through SoapClient in WSDL mode.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

echo "== Perl SOAP::Lite, no WSDL"
t_fresh
t_start --demo
if perl -MSOAP::Lite -e 1 2>/dev/null; then
  perl "$here/v1/soaplite.pl" "$T_URL" > "$T_TMP/out" 2>&1
  t_tally "$T_TMP/out"
else
  t_bad "Perl SOAP::Lite is not installed (Debian: libsoap-lite-perl)"
fi
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"

echo "== PHP SoapClient, non-WSDL mode (SOAP 1.1 and 1.2), and the core operations in WSDL mode"
t_fresh
t_start --demo
php -d display_errors=stderr "$here/v1/nowsdl.php" "$T_URL" > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
php -d display_errors=stderr "$here/v1/wsdl_core.php" "$T_URL" > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_fresh
t_summary
