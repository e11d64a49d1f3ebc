#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# contrib/systemd/magesoapd.service.in: systemd-analyze verify accepts the
# configured unit without a word, and it has the options the daemon relies on.
. "$(dirname "$0")/lib.sh"
unit=$MD_BUILD_DIR/magesoapd.service
[ -f "$unit" ] || { echo "FAIL: $unit not configured"; exit 1; }
command -v systemd-analyze > /dev/null || { echo "FAIL: systemd-analyze missing (scripts/deps.sh test)"; exit 1; }

# the configured ExecStart names the install prefix; point it at the built binary
sed "s#^ExecStart=[^ ]*/magesoapd #ExecStart=$MAGESOAPD #" "$unit" > "$T_TMP/magesoapd.service"
grep -q "^ExecStart=$MAGESOAPD -c /etc/magesoapd.conf serve$" "$T_TMP/magesoapd.service" \
  && t_ok "ExecStart rewritten for the check" || t_bad "ExecStart not found in $unit"
# verify prints (and still exits 0 on) unknown keys and bad values: any output fails
out=$(systemd-analyze verify --man=no "$T_TMP/magesoapd.service" 2>&1); rc=$?
[ $rc = 0 ] && [ -z "$out" ] && t_ok "systemd-analyze verify: clean" \
  || t_bad "systemd-analyze verify (rc $rc): $out"
# the check itself catches a bad value
sed 's/^Type=notify$/Type=notifyy/' "$T_TMP/magesoapd.service" > "$T_TMP/bad.service"
out=$(systemd-analyze verify --man=no "$T_TMP/bad.service" 2>&1)
[ -n "$out" ] && t_ok "a bad Type= is reported" || t_bad "verify missed Type=notifyy"

# [Service] keys the daemon and the docs rely on
want=(
  "Type=notify"
  "ExecStart=$MAGESOAPD -c /etc/magesoapd.conf serve"
  "DynamicUser=yes" "StateDirectory=magesoapd" "WorkingDirectory=%S/magesoapd"
  "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" "NoNewPrivileges=yes"
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "KillSignal=SIGTERM"
)
service=$(awk '/^\[/{s=($0=="[Service]")} s && /^[A-Za-z]/' "$T_TMP/magesoapd.service")
for w in "${want[@]}"; do
  grep -qxF "$w" <<< "$service" && t_ok "[Service] $w" || t_bad "[Service] lacks $w"
done
# SIGHUP reloads (31-signals): systemctl reload sends it
grep -qxF 'ExecReload=/bin/kill -HUP $MAINPID' <<< "$service" && t_ok "ExecReload sends SIGHUP" \
  || t_bad "no ExecReload=/bin/kill -HUP \$MAINPID"
grep -qx 'WantedBy=multi-user.target' "$T_TMP/magesoapd.service" && t_ok "[Install] WantedBy" \
  || t_bad "[Install] WantedBy missing"
# exposure score: lower is safer; 2.0 or less is "OK" in systemd's scale
score=$(systemd-analyze security --offline=yes "$T_TMP/magesoapd.service" 2>&1 \
  | sed -n 's/.*Overall exposure level for magesoapd.service: \([0-9.]*\).*/\1/p')
echo "systemd-analyze security exposure: ${score:-?}"
awk -v s="${score:-99}" 'BEGIN{exit !(s <= 2.0)}' && t_ok "exposure ${score} <= 2.0" \
  || t_bad "exposure level ${score:-unknown} > 2.0"
t_summary
