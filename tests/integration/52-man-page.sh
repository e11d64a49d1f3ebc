#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# docs/magesoapd.8 formats without a warning and names every command,
# option and config key the program has.
. "$(dirname "$0")/lib.sh"
page=$MD_SOURCE_DIR/docs/magesoapd.8
command -v groff > /dev/null || { echo "FAIL: groff missing (scripts/deps.sh test)"; exit 1; }
out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$out" ] && t_ok "groff -man -ww: no warnings" || t_bad "groff warnings: $out"
out=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" 2>&1 > "$T_TMP/page.txt")
[ -z "$out" ] && t_ok "man --warnings -l: no warnings" || t_bad "man warnings: $out"
# the check catches a broken page
printf '.TH X 8\n.SH NAME\nx\n.BOGUS\n\\fQ\n' > "$T_TMP/bad.8"
out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$T_TMP/bad.8" 2>&1)
[ -n "$out" ] && t_ok "a broken page is reported" || t_bad "groff missed a broken page"

text=$(col -b < "$T_TMP/page.txt" | tr -s ' \n' '  ')
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS CONFIGURATION SIGNALS FILES "EXIT STATUS" EXAMPLES; do
  grep -q "^$s" "$T_TMP/page.txt" && t_ok "section $s" || t_bad "section $s missing"
done
# every config key of the example config (which a unit test keeps in step with the code)
for k in $(sed -n 's/^\([a-z_0-9]*\) =.*/\1/p' "$MD_SOURCE_DIR/conf/magesoapd.conf.example"); do
  grep -qF " $k = " <<< "$text" && t_ok "key $k" || t_bad "config key $k not in the man page"
done
# every command and option of --help
for w in $("$MAGESOAPD" --help | grep -o -- '--[a-z-]*\|^  [a-z-]*' | tr -d ' ' | sort -u); do
  grep -qF -- "$w" <<< "$text" && t_ok "help word $w" || t_bad "--help names $w, the man page does not"
done
grep -qF "magesoapd $("$MAGESOAPD" --version | awk '{print $2}')" <<< "$text" \
  && t_ok "version matches --version" || t_bad "the man page's version differs from --version"
t_summary
