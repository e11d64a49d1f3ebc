#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# cmake --install into a temporary prefix: binary, unit, man page, example
# config and docs land where GNUInstallDirs puts them, and nothing else does.
. "$(dirname "$0")/lib.sh"
: "${MD_BUILD_DIR:?build tree}"
p=$T_TMP/prefix
cmake --install "$MD_BUILD_DIR" --prefix "$p" > "$T_TMP/install.log" 2>&1 \
  && t_ok "cmake --install" || { cat "$T_TMP/install.log"; t_bad "cmake --install failed"; }
for f in sbin/magesoapd lib/systemd/system/magesoapd.service share/man/man8/magesoapd.8 \
         share/doc/magesoapd/magesoapd.conf.example share/doc/magesoapd/README.md \
         share/doc/magesoapd/LICENSE share/doc/magesoapd/operations.md \
         share/doc/magesoapd/order-import.md share/doc/magesoapd/demo-data.md; do
  [ -s "$p/$f" ] && t_ok "installed $f" || t_bad "missing $f"
done
[ -x "$p/sbin/magesoapd" ] && "$p/sbin/magesoapd" --version | grep -q '^magesoapd ' \
  && t_ok "installed binary runs" || t_bad "installed binary does not run"
# only the daemon: no test programs, no build tree files
extra=$(cd "$p" && find . -type f | grep -v -e '^./sbin/magesoapd$' -e '^./lib/systemd/system/' \
  -e '^./share/man/man8/' -e '^./share/doc/magesoapd/')
[ -z "$extra" ] && t_ok "nothing else installed" || t_bad "unexpected files: $extra"
# the installed unit starts the installed binary's configured path
grep -qE '^ExecStart=/[^ ]*/sbin/magesoapd -c /etc/magesoapd.conf serve$' \
  "$p/lib/systemd/system/magesoapd.service" && t_ok "unit ExecStart names sbin/magesoapd" \
  || t_bad "unit ExecStart: $(grep ExecStart "$p/lib/systemd/system/magesoapd.service")"
# the installed man page is found by man(1) (and by the unit's Documentation=man:)
MANPATH=$p/share/man man -w magesoapd 2>/dev/null | grep -qF "$p/share/man/man8/magesoapd.8" \
  && t_ok "man finds magesoapd(8)" || t_bad "man -w magesoapd does not find the installed page"
sed "s#^ExecStart=[^ ]*#ExecStart=$p/sbin/magesoapd#" "$p/lib/systemd/system/magesoapd.service" \
  > "$T_TMP/magesoapd.service"
out=$(MANPATH=$p/share/man systemd-analyze verify --man=yes "$T_TMP/magesoapd.service" 2>&1)
[ -z "$out" ] && t_ok "verify with Documentation=man: checked" || t_bad "verify: $out"
# the installed example config is a valid config
"$p/sbin/magesoapd" -c "$p/share/doc/magesoapd/magesoapd.conf.example" --check-config > /dev/null \
  && t_ok "example config accepted" || t_bad "example config rejected"
t_summary
