#!/usr/bin/env bash
# CTest screenshots_script: runs docs/screenshots/make.sh into a temporary folder and checks that it
# writes the five pictures, not empty, at their sizes (not their pixels: the screens change).
#   check_screenshots.sh MAKE_SH BUILD_DIR
set -euo pipefail
make_sh=$1
build=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bash "$make_sh" "$build" "$out"

# A PNG's width and height are the big-endian 32-bit numbers at bytes 16 and 20.
size_of() {
    local bytes
    read -r -a bytes < <(od -An -tu1 -j16 -N8 "$1")
    echo "$(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]))x$(((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]))"
}

status=0
check() {
    local file=$out/$1 wanted=$2
    if [[ ! -s $file ]]; then
        echo "FAIL: $1 was not written or is empty"
        status=1
        return
    fi
    if [[ $(head -c 8 "$file" | od -An -tx1 | tr -d ' \n') != 89504e470d0a1a0a ]]; then
        echo "FAIL: $1 is not a PNG"
        status=1
        return
    fi
    local got
    got=$(size_of "$file")
    if [[ ! $got =~ ^($wanted)$ ]]; then
        echo "FAIL: $1 is $got, expected $wanted"
        status=1
        return
    fi
    echo "ok: $1 $got, $(stat -c %s "$file") bytes"
}
check dashboard.png 1400x900
check dashboard-ssc.png 1400x900
check actions.png 1400x900
# A4 at 75 dpi; pdftoppm may round either way.
check boardpack.png '(620|621)x(876|877|878)'
check boardpack-maturity.png '(620|621)x(876|877|878)'
exit $status
