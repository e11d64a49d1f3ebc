#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# MAGESOAPD_DEMO=1 loads the demo data into an empty database first.
set -e
if [ "${MAGESOAPD_DEMO:-0}" = 1 ] && [ "$1" = magesoapd ]; then
  exec "$@" --demo
fi
exec "$@"
