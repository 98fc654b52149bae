# scripts/setup.sh — sourced by the scripts: install what is missing, build,
# generate the default data.  Each step does nothing when its work is done, so
# every script can call them and a fresh clone needs no other step.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build"

# libgomp's idle workers spin by default; on this 2-core VM a spinning worker
# steals the core a reading thread needs (v7 at size s: 16 ms spinning, 10 ms
# passive, measured).  libgomp reads this before main, so ./main cannot set it
# itself: every script runs passive unless told otherwise, and ./main prints the
# policy in force.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"

# Debian packages per purpose; `build` is what ./main and the tests need.
PACKAGES_build="gcc libc6-dev meson ninja-build pkg-config libhdf5-dev check libpng-dev"
# The test suite renders the slides headless (suite "slides"): pandoc, Chromium
# and poppler-utils come with it, so that test runs in CI instead of skipping.
PACKAGES_test="$PACKAGES_build jq valgrind clang libclang-rt-14-dev pandoc chromium poppler-utils"
PACKAGES_bench="$PACKAGES_build jq gnuplot-nox valgrind"
PACKAGES_profile="$PACKAGES_build linux-perf valgrind libc6-dbg heaptrack binutils"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# ensure_packages PURPOSE: apt-get installs the missing packages of PURPOSE.
ensure_packages() {
    local wanted="PACKAGES_$1" missing=() package
    for package in ${!wanted}; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
            missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
}

# ensure_build: configures build/ on first use, then lets ninja decide what is stale.
ensure_build() {
    if [ ! -f "$BUILD/build.ninja" ]; then
        say "configuring build/ (meson, debugoptimized)"
        meson setup "$BUILD" "$ROOT" >/dev/null || return 1
    fi
    say "building"
    ninja -C "$BUILD" >/dev/null || { ninja -C "$BUILD"; return 1; }
}

# ensure_data SIZE: generates data/SIZE unless it is there already.
ensure_data() {
    if [ ! -f "$ROOT/data/$1/data.hdf5" ]; then
        say "generating data/$1 (once; see data/README.md)"
        "$BUILD/generate_data/generate_data" --sizes "$1" --out "$ROOT/data" || return 1
    fi
}
