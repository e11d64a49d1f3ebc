#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Container health: HTTP 200 for GET /api/v2_soap/?wsdl on 127.0.0.1
# (MAGESOAPD_PORT, default 8080), over bash's /dev/tcp (no curl in the image).
# A /health endpoint that also checks the database will replace this probe.
port=${MAGESOAPD_PORT:-8080}
exec 3<> "/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /api/v2_soap/?wsdl HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
case "$status" in
  "HTTP/1."[01]" 200 "*) exit 0 ;;
  *) exit 1 ;;
esac
