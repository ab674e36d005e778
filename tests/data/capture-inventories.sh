#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Captures what the real `ansible-inventory --list` prints for each test inventory, as fixtures
# for the parser's data-driven tests. Re-run after changing an inventory or upgrading Ansible.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/inventory-json"
mkdir -p "$out"
export LC_ALL=C.UTF-8 ANSIBLE_INVENTORY_UNPARSED_FAILED=True ANSIBLE_NOCOLOR=1
for source in "$here"/inventories/*.yml "$here"/inventories/ini_layout/hosts.ini "$here/../../resources/demo/inventory.yml"; do
    case "$source" in *broken_syntax*) continue ;; esac
    name=$(basename "$(dirname "$source")")_$(basename "${source%.*}")
    case "$source" in */inventories/*.yml) name=$(basename "${source%.*}") ;; esac
    case "$source" in */resources/demo/*) name=demo ;; esac
    ansible-inventory -i "$source" --list > "$out/$name.json"
    echo "captured $name.json"
done
