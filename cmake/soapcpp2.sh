#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# soapcpp2.sh SOAPCPP2 OUTDIR PREFIX IDL STRICT
# Runs soapcpp2 for one service into the build tree.  STRICT=1 fails the
# build on any WS-I Basic Profile "Compliance warning" (document/literal).
set -e
soapcpp2=$1 out=$2 prefix=$3 idl=$4 strict=$5 kind=${6:-service}
mkdir -p "$out"
n=-n
[ "$kind" = plain ] && n=
if ! "$soapcpp2" -c -S $n -x -p"$prefix" -d"$out" -I/usr/share/gsoap/import "$idl" > "$out/soapcpp2.log" 2>&1; then
  cat "$out/soapcpp2.log"; exit 1
fi
if [ "$strict" = 1 ] && grep -q 'Compliance warning' "$out/soapcpp2.log"; then
  grep 'Compliance warning' "$out/soapcpp2.log"; exit 1
fi
