#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Real prometheus-node-exporters for the stations of an inventory, on 127.0.0.1 (see
# tests/lab/stations/stations.py for the commands: start STATE_DIR INVENTORY [--procfs real|synthetic],
# stop STATE_DIR, stop-port/start-port STATE_DIR PORT, list STATE_DIR).
set -euo pipefail
exec /usr/bin/python3 "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/stations/stations.py" "$@"
