#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is needed, builds Stationdeck and opens the console on the demo lab inventory
# (resources/demo/inventory.yml: four sites in far-apart time zones, 13 stations), with a demo
# database of its own so that your real one is left alone. Idempotent; sudo only when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)"
data="${XDG_DATA_HOME:-$HOME/.local/share}/Stationdeck"
mkdir -p "$data"
exec build/app/gui/stationdeck --database "sqlite:$data/demo.db" --inventory "$(pwd)/resources/demo/inventory.yml" "$@"
