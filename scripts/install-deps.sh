#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Install every Debian 12 package Stationdeck needs to build, run and test (unit, integration,
# GUI screenshots, fuzzing, packaging and the lab). Idempotent: when everything is installed it
# returns at once without touching apt.
#
#   scripts/install-deps.sh            install what is missing
#   scripts/install-deps.sh --check    only report what is missing (exit 1 if anything is)
set -euo pipefail

packages=(
    # build
    build-essential cmake ninja-build pkg-config dpkg-dev file
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qtkeychain-qt6-dev libssl-dev libgl-dev zlib1g-dev libdeflate-dev
    # run time, loaded as plugins or with dlopen (invisible to the linker)
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-qpa-plugins libsecret-1-0
    # rollouts (the full ansible: ansible-core lacks the ansible.posix.jsonl callback)
    ansible
    # integration tests and the lab
    postgresql tzdata dbus dbus-x11 gnome-keyring libsecret-tools
    prometheus-node-exporter prometheus nginx wrk
    # re-capturing the metrics-parser fixtures (tests/data/metrics/capture.sh)
    python3-prometheus-client curl
    nodejs npm
    # the OIDC lab's scripted browser as $BROWSER, reached through xdg-open (QDesktopServices)
    xdg-utils
    # GUI tests and screenshots
    xvfb xauth x11-apps imagemagick librsvg2-bin fonts-dejavu-core
    # static analysis, sanitizers, fuzzing
    clang clang-format libclang-rt-14-dev shellcheck
    # packaging checks
    desktop-file-utils appstream
)

check_only=false
case "${1:-}" in
    "") ;;
    --check) check_only=true ;;
    -h | --help)
        sed -n '3,8s/^# \{0,1\}//p' "$0"
        exit 0
        ;;
    *)
        echo "usage: $0 [--check]" >&2
        exit 2
        ;;
esac

# One dpkg-query for all of them (cheap re-runs): the names of those that are installed.
declare -A is_installed=()
while read -r name state; do
    if [[ $state == "install ok installed" ]]; then
        is_installed[$name]=1
    fi
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for pkg in "${packages[@]}"; do
    if [[ -n ${is_installed[$pkg]:-} ]]; then
        continue
    fi
    # NodeSource's nodejs ships npm itself and conflicts with Debian's npm package.
    if [[ $pkg == npm ]] && command -v npm >/dev/null; then
        continue
    fi
    missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi
echo "install-deps: missing: ${missing[*]}"
if $check_only; then
    exit 1
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi

"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: done"
