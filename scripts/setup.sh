# shellcheck shell=bash disable=SC2034  # sourced: the PACKAGES_* are read by name
# scripts/setup.sh — sourced by the scripts: install what is missing, build, generate the
# default data; each step does nothing when its work is done, so a fresh clone needs no other.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build"

# libgomp's idle workers spin by default and steal the core a reading thread needs
# (v7 at s: 16 ms spinning, 10 ms passive).  ./main sets the passive policy itself
# (common/wait_policy.c); exported here for the tools that start it (valgrind, heaptrack).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"

# Debian packages per purpose; "a|b": the first that the package lists know (Ubuntu
# names perf linux-tools-*).  Installing libhdf5-openmpi-dev (for mpi/) points the plain
# `hdf5` pkg-config name at the MPI build, which is not thread-safe: meson.build asks
# for hdf5-serial by name.
PACKAGES_build="gcc libc6-dev meson ninja-build pkg-config libhdf5-dev check libpng-dev
    libhdf5-openmpi-dev openmpi-bin"
# The Python original (scripts/bench --python): what its versions import, g++ for its extension.
PACKAGES_python="python3-numpy python3-h5py python3-numba python3-pybind11 python3-dev g++"
# The tests also render the slides (pandoc, Chromium, poppler) and run the profiler.
PACKAGES_test="$PACKAGES_build $PACKAGES_python jq gnuplot-nox valgrind clang libclang-rt-14-dev|libclang-common-14-dev pandoc chromium|chromium-browser poppler-utils linux-perf|linux-tools-generic libdevel-nytprof-perl"
PACKAGES_bench="$PACKAGES_build jq gnuplot-nox valgrind"
# libdevel-nytprof-perl ships flamegraph.pl (the only flame graph renderer in Debian).
PACKAGES_profile="$PACKAGES_build linux-perf|linux-tools-generic valgrind libc6-dbg heaptrack binutils libdevel-nytprof-perl"
# scripts/test-container: the container engine, and debootstrap for a base image without a registry.
PACKAGES_container="podman runc debootstrap"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# How long apt waits for another apt or dpkg (a boot-time upgrade, a second terminal).
APT_LOCK_TIMEOUT=${APT_LOCK_TIMEOUT:-600}
APT_LOCK_POLL=${APT_LOCK_POLL:-5}

# apt_get ARGS…: apt-get that waits for the locks.  DPkg::Lock::Timeout covers dpkg's
# lock, but `apt-get update` fails at once on the lists lock (apt 2.6), so any
# "Could not get lock" is retried here until APT_LOCK_TIMEOUT.
apt_get() {
    local sudo="" log deadline=$((SECONDS + APT_LOCK_TIMEOUT)) waited=0 holder failed=0
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    log=$(mktemp)
    while ! DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout="$APT_LOCK_TIMEOUT" "$@" 2>"$log"; do
        if ! grep -qE "Could not get lock|Unable to lock" "$log"; then
            failed=1
        elif [ $SECONDS -ge $deadline ]; then
            say "gave up waiting for the apt lock after ${APT_LOCK_TIMEOUT} s (APT_LOCK_TIMEOUT)"
            failed=1
        fi
        [ $failed -eq 0 ] || break
        if [ $waited -eq 0 ]; then
            holder=$(grep -oE "held by process [0-9]+( \([^)]*\))?" "$log" | head -n 1)
            say "another apt or dpkg is running${holder:+ ($holder)}: waiting for it, up to ${APT_LOCK_TIMEOUT} s (APT_LOCK_TIMEOUT)"
        fi
        waited=1
        sleep "$APT_LOCK_POLL"
    done
    [ $failed -eq 0 ] || cat "$log" >&2
    rm -f "$log"
    return $failed
}

# installed PACKAGE: dpkg says it is installed.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

# missing_packages PURPOSE: the packages of PURPOSE that are not installed, one a
# line ("a|b" when neither is); scripts/doctor lists them.
missing_packages() {
    local wanted="PACKAGES_$1" package choice found
    for package in ${!wanted}; do
        found=0
        for choice in ${package//|/ }; do installed "$choice" && found=1 && break; done
        [ $found -eq 1 ] || echo "$package"
    done
}

# ensure_packages PURPOSE: apt-get installs the missing packages of PURPOSE
# (for "a|b", the first that the package lists know).
ensure_packages() {
    local missing package choice candidate
    mapfile -t missing < <(missing_packages "$1")
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    apt_get update -qq || return 1
    local names=()
    for package in "${missing[@]}"; do
        choice=""
        for candidate in ${package//|/ }; do
            if apt-cache show "$candidate" >/dev/null 2>&1; then choice=$candidate; break; fi
        done
        names+=("${choice:-${package%%|*}}")
    done
    apt_get install -y -qq --no-install-recommends "${names[@]}" >/dev/null
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

# ensure_data SIZE [DIR]: DIR/SIZE (default data/SIZE) unless it is there, made by
# ./main's first-use generation, which knows the sizes and which get CSVs
# (--generate: the script names the folder, which may be a data root of the user's).
ensure_data() {
    local dir=${2:-$ROOT/data}
    [ -f "$dir/$1/data.hdf5" ] || "$BUILD/main" floor --data "$dir/$1" --threads 1 --generate >/dev/null
}
