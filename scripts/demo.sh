#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is needed, builds Stationdeck and opens the console on the demo lab:
#  - the demo inventory (resources/demo/inventory.yml: four sites in far-apart time zones, 13
#    stations) in a demo database of its own, so that your real one is left alone;
#  - a local OpenID provider (tests/lab/oidc: npm oidc-provider on 127.0.0.1) to sign in with:
#    "Sign In" opens your browser; sign in as alice (password alice; operator and approver),
#    bob (password bob; viewer) or carol (password carol; no roles);
#  - one real prometheus-node-exporter per demo station on 127.0.0.1 (tests/lab/stations.sh), each
#    reading a /proc of its own that a loader varies, so that every station shows its own CPU and
#    memory; stop one with `tests/lab/stations.sh stop-port "$lab_dir" PORT` to see it turn down.
# Everything started here stops when the console closes.
# Idempotent; sudo only when not root. Extra arguments go to the console.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)"
data="${XDG_DATA_HOME:-$HOME/.local/share}/Stationdeck"
mkdir -p "$data"
lab="$data/demo-oidc-lab"
stations="$data/demo-stations"
trap 'tests/lab/oidc.sh stop "$lab" >/dev/null 2>&1 || true; tests/lab/stations.sh stop "$stations" >/dev/null 2>&1 || true' EXIT
tests/lab/stations.sh start "$stations" resources/demo/inventory.yml --procfs synthetic
echo "Demo stations: node_exporters in $stations (tests/lab/stations.sh list \"$stations\")"
issuer=$(tests/lab/oidc.sh start "$lab")
echo "Demo identity provider: $issuer (users alice, bob, carol; the password is the user name)"
build/app/gui/stationdeck --database "sqlite:$data/demo.db" --inventory "$(pwd)/resources/demo/inventory.yml" \
    --issuer "$issuer" --client-id stationdeck "$@"
