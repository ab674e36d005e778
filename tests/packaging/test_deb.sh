#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Build the Stationdeck .deb with CPack (or take a built one) and check that it is sane.
#
#   test_deb.sh BUILD_DIR [EXPECTED_VERSION]     run `cpack -G DEB` in BUILD_DIR, then check
#   test_deb.sh PACKAGE.deb [EXPECTED_VERSION]   check an existing package
#
# Environment: CPACK (default: cpack). Needs dpkg-deb, readelf, ldd, desktop-file-validate and
# appstreamcli (scripts/install-deps.sh installs them).
set -euo pipefail

readonly app_id=io.github.stationdeck.Stationdeck

usage() {
    echo "usage: $0 BUILD_DIR|PACKAGE.deb [EXPECTED_VERSION]" >&2
    exit 2
}

failures=0
# check DESCRIPTION COMMAND...: run COMMAND, report ok or FAIL, carry on.
check() {
    local description=$1
    shift
    if "$@"; then
        echo "ok:   $description"
    else
        echo "FAIL: $description" >&2
        failures=$((failures + 1))
    fi
}

[[ $# -ge 1 && $# -le 2 ]] || usage
target=$1
expected_version=${2:-}

for tool in dpkg-deb readelf ldd desktop-file-validate appstreamcli; do
    if ! command -v "$tool" >/dev/null; then
        echo "missing tool: $tool (run scripts/install-deps.sh)" >&2
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/stationdeck-deb.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

if [[ -d $target ]]; then
    if [[ ! -f $target/CPackConfig.cmake ]]; then
        echo "no CPackConfig.cmake in $target (configure it first)" >&2
        exit 1
    fi
    echo "== cpack -G DEB in $target"
    if ! (cd "$target" && "${CPACK:-cpack}" -G DEB -B "$work/out") >"$work/cpack.log" 2>&1; then
        cat "$work/cpack.log" >&2
        echo "FAIL: cpack -G DEB" >&2
        exit 1
    fi
    shopt -s nullglob
    debs=("$work"/out/*.deb)
    shopt -u nullglob
    if [[ ${#debs[@]} -ne 1 ]]; then
        cat "$work/cpack.log" >&2
        echo "FAIL: expected one .deb from cpack, got ${#debs[@]}" >&2
        exit 1
    fi
    deb=${debs[0]}
elif [[ -f $target && $target == *.deb ]]; then
    deb=$target
else
    usage
fi

echo "== $(basename "$deb") ($(stat -c %s "$deb") bytes)"
dpkg-deb --info "$deb" | sed -n '/^ Package:/,$p'

field() { dpkg-deb --field "$deb" "$1"; }
# has_relation "FIELD VALUE" PACKAGE: PACKAGE appears in a Depends-style list (any version constraint).
has_relation() { [[ ", $1, " =~ ,\ "$2"[\ ,] ]]; }
equals() { [[ $1 == "$2" ]]; }

# --- control fields ---
version=$(field Version)
arch=$(field Architecture)
check "Package: stationdeck" equals "$(field Package)" stationdeck
if [[ -n $expected_version ]]; then
    check "Version: $version (expected $expected_version)" equals "$version" "$expected_version"
fi
check "file name $(basename "$deb") is stationdeck_${version}_${arch}.deb" \
    equals "$(basename "$deb")" "stationdeck_${version}_${arch}.deb"
check "Section: admin" equals "$(field Section)" admin

depends=$(field Depends)
for pkg in libc6 libqt6core6; do
    check "Depends has $pkg (dpkg-shlibdeps)" has_relation "$depends" "$pkg"
done
for pkg in libqt6sql6-sqlite libqt6svg6 libsecret-1-0; do
    check "Depends has $pkg" has_relation "$depends" "$pkg"
done
recommends=$(field Recommends)
for pkg in ansible libqt6sql6-psql; do
    check "Recommends has $pkg" has_relation "$recommends" "$pkg"
done

# --- contents ---
root=$work/root
dpkg-deb -x "$deb" "$root"
check "every file is owned by root/root" \
    equals "$(dpkg-deb --contents "$deb" | awk '$2 != "root/root"')" ""

# needed_libraries BINARY: "soname path" for each DT_NEEDED entry, path as resolved by ldd
# (the dynamic loader is a DT_NEEDED entry too when the binary uses __tls_get_addr).
needed_libraries() {
    local soname
    while read -r soname; do
        # ldd prints "soname => path (addr)", but the dynamic loader as "path (addr)".
        echo "$soname $(ldd "$1" | awk -v so="$soname" '
            $1 == so && $2 == "=>" { print $3; exit }
            $1 ~ "^/" && $2 ~ "^[(]" { n = split($1, part, "/"); if (part[n] == so) { print $1; exit } }')"
    done < <(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
}
# owner_of PATH: the Debian package that ships PATH (tries both sides of the /usr merge).
owner_of() {
    local candidate
    [[ -n $1 ]] || return 0 # "dpkg-query -S /usr" would name dozens of packages
    for candidate in "$1" "/usr${1#/usr}" "${1#/usr}"; do
        if dpkg-query -S "$candidate" 2>/dev/null | sed -n '1s/:.*//p' | grep .; then
            return 0
        fi
    done
    return 0
}
no_rpath() { ! readelf -d "$1" | grep -Eq '\((RPATH|RUNPATH)\)'; }
resolves() { ! ldd "$1" | grep -q 'not found'; }
for bin in stationdeck stationdeck-cli; do
    f=$root/usr/bin/$bin
    check "usr/bin/$bin is an executable" test -x "$f"
    [[ -x $f ]] || continue
    check "usr/bin/$bin has no RPATH/RUNPATH" no_rpath "$f"
    check "usr/bin/$bin resolves all its libraries" resolves "$f"
    # Every library the binary links directly must come from a package in Depends.
    while read -r soname path; do
        owner=$(owner_of "$path")
        check "usr/bin/$bin: $soname (${owner:-no package}) is in Depends" has_relation "$depends" "${owner:-?}"
    done < <(needed_libraries "$f")
done

if [[ -x $root/usr/bin/stationdeck-cli ]]; then
    cli_version=$("$root/usr/bin/stationdeck-cli" --version 2>&1) || cli_version="(exit status $?)"
    check "stationdeck-cli --version prints 'stationdeck-cli $version' (got '$cli_version')" \
        equals "$cli_version" "stationdeck-cli $version"
    check "stationdeck-cli --help" "$root/usr/bin/stationdeck-cli" --help
fi

desktop=$root/usr/share/applications/$app_id.desktop
check "usr/share/applications/$app_id.desktop" test -f "$desktop"
if [[ -f $desktop ]]; then
    check "desktop-file-validate" desktop-file-validate "$desktop"
    check "desktop Exec=stationdeck" grep -qx 'Exec=stationdeck' "$desktop"
    check "desktop Icon=$app_id" grep -qx "Icon=$app_id" "$desktop"
fi

metainfo=$root/usr/share/metainfo/$app_id.metainfo.xml
check "usr/share/metainfo/$app_id.metainfo.xml" test -f "$metainfo"
if [[ -f $metainfo ]]; then
    check "appstreamcli validate --no-net" appstreamcli validate --no-net "$metainfo"
    check "metainfo lists <release version=\"$version\">" grep -q "<release version=\"$version\"" "$metainfo"
    check "metainfo <launchable> is $app_id.desktop" \
        grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"
fi

icon=$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg
check "icon hicolor/scalable/apps/$app_id.svg" test -s "$icon"
if [[ -s $icon ]]; then
    check "icon is SVG" grep -q '<svg' "$icon"
    check "icon embeds no raster image" test "$(grep -c '<image' "$icon")" -eq 0
fi

doc=$root/usr/share/doc/stationdeck
check "usr/share/doc/stationdeck/copyright" test -f "$doc/copyright"
check "usr/share/doc/stationdeck/changelog.gz" test -f "$doc/changelog.gz"
if [[ -f $doc/changelog.gz ]]; then
    check "changelog.gz starts with 'stationdeck ($version)'" \
        equals "$(gzip -dc "$doc/changelog.gz" | head -n 1 | cut -d ' ' -f 1-2)" "stationdeck ($version)"
fi

echo "== Installed-Size: $(field Installed-Size) KiB"
if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all checks passed"
