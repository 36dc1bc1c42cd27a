#!/usr/bin/env bash
# Quorum set-up for a fresh Debian 12 machine: installs what is missing, builds, then either starts
# Quorum on the demo database (`./setup.sh run`) or runs the whole test suite (`./setup.sh test`).
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-}"
case "$mode" in
run | test) ;;
*)
    echo "usage: ./setup.sh run|test" >&2
    exit 2
    ;;
esac

packages=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite libsqlite3-dev qt6-l10n-tools
    postgresql-15 libqt6sql6-psql libpq-dev qtkeychain-qt6-dev openssl
    libgtest-dev libgmock-dev
    libxlsxwriter-dev libminizip-dev libqpdf-dev libyaml-cpp-dev qt6-svg-dev python3
    dpkg-dev file groff-base appstream desktop-file-utils
    poppler-utils sqlite3 fonts-dejavu-core xvfb xauth
    clang clang-format libclang-rt-14-dev libbenchmark-dev
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ccache keys on paths relative to the clone and not on the build folder, so that another clone of the
# repository (CI's) reuses what a build here compiled.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

build_dir="${QUORUM_BUILD_DIR:-build}"
build_type=RelWithDebInfo
werror=OFF
[ "$mode" = test ] && werror=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DQUORUM_WERROR="$werror"
cmake --build "$build_dir" --parallel "$(nproc)"

if [ "$mode" = run ]; then
    # With no --db, Quorum opens the default database and creates the demo organisation there on first start.
    exec "$build_dir/app/quorum" "${@:2}"
fi

# The whole suite, headless.
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 900

# The proof stages (issue 7): the whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer,
# then a bounded libFuzzer run of every parser. QUORUM_PROOF=0 skips them for a quick local run.
if [ "${QUORUM_PROOF:-1}" = 0 ]; then
    exit 0
fi

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer (at -O1, without the
# packaging tests, to keep the time down): any memory error, leak or undefined behaviour fails it. Only
# third-party leaks are suppressed, in tests/sanitizers/lsan.supp (which says why for each).
asan_dir="${build_dir}-asan"
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
cmake -S . -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DQUORUM_SANITIZE=ON -DQUORUM_BUILD_PACKAGING=OFF -DQUORUM_WERROR="$werror"
cmake --build "$asan_dir" --parallel "$(nproc)"
ctest --test-dir "$asan_dir" --output-on-failure --parallel "$(nproc)" --timeout 900

# Hostile input: each libFuzzer target for a bounded time (tests/fuzz/run_fuzzers.sh says how).
tests/fuzz/run_fuzzers.sh "${build_dir}-fuzz"
