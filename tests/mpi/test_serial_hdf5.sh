#!/usr/bin/env bash
# tests/mpi/test_serial_hdf5.sh MAIN-MPI TINY-DATA MPI-DATA — the serial ladder on a
# machine where the MPI build of HDF5 is installed too (the normal build now:
# scripts/setup.sh installs libhdf5-openmpi-dev).  That package points the plain
# `hdf5` pkg-config name at the MPI build, which is not thread-safe; ./main and
# every other program must still link the serial one, and the threaded steps
# must run through it: `main verify` and v8's overlapped reads, many tiles.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
# shellcheck source=tests/mpi/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dpkg-query -W -f='${Status}' libhdf5-openmpi-dev 2>/dev/null | grep -q "ok installed" ||
    { echo "libhdf5-openmpi-dev is not installed: nothing to guard against"; exit 77; }
assert_line <(pkg-config --libs hdf5) "hdf5/openmpi" \
    "the trap is set: pkg-config hdf5 names the MPI build"

# Every program of the build but main-mpi and the test that links the MPI build
# on purpose: serial HDF5 only.
while IFS= read -r program; do
    libraries=$(ldd "$program" 2>/dev/null) || continue
    grep -q libhdf5 <<<"$libraries" || continue
    if grep -q libhdf5_openmpi <<<"$libraries"; then fail "${program#$BLD/} links the MPI build of HDF5"
    else pass "${program#$BLD/} links the serial HDF5"; fi
done < <(find "$BLD" -path "$BLD/mpi" -prune -o \
              -path "$BLD/tests/mpi/test_threadsafe_openmpi" -prune -o -type f -perm -u+x -print)
assert_line <(ldd "$MAIN") "libhdf5_serial\.so" "./main links libhdf5_serial"

# No build file and no script asks for the plain name.
(cd "$SRC" && find . -path './build*' -prune -o -name meson.build -print; ls "$SRC"/scripts/*) \
    >"$TMP/build-files"
(cd "$SRC" && xargs grep -nE "dependency\\('hdf5'|pkg-config[^)]*[ (]hdf5([ )]|$)") \
    <"$TMP/build-files" >"$TMP/plain" 2>/dev/null
assert_no_line "$TMP/plain" "." "no meson.build and no script asks for the plain hdf5 name"

tiny verify 45 61 && tiny tiles 240 320 || { fail "tiny_data failed"; finish; }
"$MAIN" verify --data "$TMP/verify" --threads 2 --chunk-size 16 >"$TMP/verify.out" 2>&1 &&
    pass "main verify on a 45 × 61 set, 2 threads" ||
    { fail "main verify failed"; sed 's/^/    | /' "$TMP/verify.out" >&2; }
for run in 1 2 3; do
    "$MAIN" v8 --data "$TMP/tiles" --threads 2 --chunk-size 16 --repeat 5 \
        --out "$TMP/v8.png" >/dev/null 2>"$TMP/v8.err" &&
        pass "v8, 300 tiles read while others compute, 5 runs ($run)" ||
        fail "v8 failed: $(cat "$TMP/v8.err")"
done
"$MAIN" v1 --data "$TMP/tiles" --out "$TMP/v1.png" >/dev/null 2>&1 &&
    cmp -s "$TMP/v1.png" "$TMP/v8.png" && pass "v8's image is v1's" || fail "v8's image differs from v1's"
finish
