#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Container health: HTTP 200 for GET /health on 127.0.0.1 (MAGESOAPD_PORT,
# default 8080): the public health check, which reads the database (503 when
# it is gone).  Over bash's /dev/tcp (no curl in the image).
port=${MAGESOAPD_PORT:-8080}
exec 3<> "/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
case "$status" in
  "HTTP/1."[01]" 200 "*) exit 0 ;;
  *) exit 1 ;;
esac
