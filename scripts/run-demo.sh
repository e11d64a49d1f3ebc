#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what is missing, build, and run the daemon in the foreground with
# the demo data (API user apiUser / key apiKey) on 127.0.0.1:8080.
# Extra arguments go to `magesoapd serve` (e.g. --listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)"
mkdir -p var
exec ./build/magesoapd serve --demo "$@"
