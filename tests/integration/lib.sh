# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for integration tests: start the real daemon on 127.0.0.1
# with a fresh database and config, stop it on exit.
# Environment (set by ctest): MAGESOAPD, MD_SOURCE_DIR, MD_SHARED_DIR.
set -u
: "${MAGESOAPD:?path to the magesoapd binary}"
: "${MD_SOURCE_DIR:?source tree}"
MD_SHARED_DIR=${MD_SHARED_DIR:-$MD_SOURCE_DIR/../shared}
# Debian's python3 (the clients' Debian packages, e.g. python3-zeep, live there)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
T_TMP=$(mktemp -d /tmp/magesoapd-test.XXXXXX)
T_PID=
T_PORT=
T_URL=

t_cleanup() {
  if [ -n "$T_PID" ]; then kill "$T_PID" 2>/dev/null; wait "$T_PID" 2>/dev/null; fi
  rm -rf "$T_TMP"
}
trap t_cleanup EXIT

# t_config KEY=VALUE...: write $T_TMP/magesoapd.conf
t_config() {
  : > "$T_TMP/magesoapd.conf"
  echo "db = $T_TMP/test.db" >> "$T_TMP/magesoapd.conf"
  echo "pbkdf2_iterations = 1000" >> "$T_TMP/magesoapd.conf"
  for kv in "$@"; do echo "${kv%%=*} = ${kv#*=}" >> "$T_TMP/magesoapd.conf"; done
}

# t_cli ARGS...: run a CLI command against the test database
t_cli() { "$MAGESOAPD" -c "$T_TMP/magesoapd.conf" "$@"; }

# t_start [serve options]: start the daemon on a free port; sets T_PORT/T_URL
t_start() {
  [ -f "$T_TMP/magesoapd.conf" ] || t_config
  "$MAGESOAPD" -c "$T_TMP/magesoapd.conf" serve --listen 127.0.0.1:0 "$@" \
    2> "$T_TMP/daemon.log" &
  T_PID=$!
  for _ in $(seq 1 100); do
    T_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_TMP/daemon.log")
    [ -n "$T_PORT" ] && break
    kill -0 "$T_PID" 2>/dev/null || { cat "$T_TMP/daemon.log"; echo "daemon died"; exit 1; }
    sleep 0.1
  done
  [ -n "$T_PORT" ] || { cat "$T_TMP/daemon.log"; echo "daemon did not start"; exit 1; }
  T_URL="http://127.0.0.1:$T_PORT"
}

t_stop() {
  if [ -n "$T_PID" ]; then kill "$T_PID"; wait "$T_PID"; local rc=$?; T_PID=; return $rc; fi
}
