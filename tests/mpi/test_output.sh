#!/usr/bin/env bash
# tests/mpi/test_output.sh MAIN-MPI TINY-DATA MPI-DATA NP [MPIRUN OPTIONS] — main-mpi
# on NP ranks writes v7's image bit for bit (both written by common/png_write.c,
# so equal pixels are equal files), with independent and with collective
# transfers, on: generate_data's size s (HDF5 only, in a scratch folder); a 45-row
# image (not a multiple of 2 or 4 ranks); a 3-row image (fewer rows than 4 ranks:
# a rank with nothing to read); a deflated, chunked file; a float32 file; and on
# s once more without Open MPI's single-copy (CMA) transfers; v6's portable kernel.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
# shellcheck source=tests/mpi/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
np=$1
shift
mpirun_options=("$@")

"$BLD/generate_data/generate_data" --sizes s --no-csv --out "$TMP/generated" >/dev/null 2>&1 ||
    { fail "generate_data --sizes s failed"; finish; }
tiny odd 45 61 && tiny three 3 7 || { fail "tiny_data failed"; finish; }
mkdir -p "$TMP/deflated" "$TMP/float32"
"$MPI_DATA" "$TMP/deflated" deflated 37 29 && "$MPI_DATA" "$TMP/float32" float32 37 29 ||
    { fail "mpi_data failed"; finish; }

for case in generated/s:0 odd:8 three:0 deflated:8 float32:0; do
    data=$TMP/${case%:*} band_rows=${case#*:}
    "$MAIN" v7 --data "$data" --threads 2 --out "$TMP/v7.png" >/dev/null 2>"$TMP/v7.err" ||
        { fail "${case%:*}: ./main v7 failed: $(cat "$TMP/v7.err")"; continue; }
    for transfer in independent collective; do
        what="${case%:*}, $np rank(s), $transfer, --band-rows $band_rows"
        rm -f "$TMP/mpi.png"
        run_job "$np" "${mpirun_options[@]}" -- --data "$data" --out "$TMP/mpi.png" \
            --transfer "$transfer" --band-rows "$band_rows"
        if [ "$status" -ne 0 ]; then
            fail "$what: exit $status"; sed 's/^/    | /' "$TMP/err" >&2; continue
        fi
        if cmp -s "$TMP/v7.png" "$TMP/mpi.png"; then pass "$what: v7's image, bit for bit"
        else fail "$what: the image differs from ./main v7's"; fi
        assert_no_line "$TMP/err" "." "$what: nothing on stderr"
        assert_line "$TMP/out" "^mpi +[0-9]+ ms – +[0-9.]+ MB   load [0-9]+ ms · compute [0-9]+ ms · cpu [0-9]+ ms · [0-9]+ page faults$" \
            "$what: ./main's line format"
        assert_line "$TMP/out" "^      rank peaks( [0-9.]+( ·)?){$np} MB · assemble " \
            "$what: one peak per rank"
    done
done
assert_line "$TMP/out" "HDF5 did independent, not collective as asked.*type conversion" \
    "float32: HDF5 says why it fell back to independent transfers"

# v6's portable kernel (POR_NO_AVX2=1, as the ladder's tests run it too).
"$MAIN" v7 --data "$TMP/odd" --threads 2 --out "$TMP/v7.png" >/dev/null 2>&1
POR_NO_AVX2=1 run_job "$np" "${mpirun_options[@]}" -- --data "$TMP/odd" --out "$TMP/mpi.png" \
    --band-rows 8
assert_eq "$status" 0 "odd, POR_NO_AVX2=1: exit 0"
cmp -s "$TMP/v7.png" "$TMP/mpi.png" && pass "odd, POR_NO_AVX2=1: v7's image" ||
    fail "odd, POR_NO_AVX2=1: the image differs from ./main v7's"

# The gather without CMA, as scripts/mpirun runs it under a seccomp filter.
if [ "$np" -gt 1 ]; then
    "$MAIN" v7 --data "$TMP/generated/s" --threads 2 --out "$TMP/v7.png" >/dev/null 2>&1
    OMPI_MCA_btl_vader_single_copy_mechanism=none \
        run_job "$np" "${mpirun_options[@]}" -- --data "$TMP/generated/s" --out "$TMP/mpi.png"
    assert_eq "$status" 0 "s, $np ranks, single-copy mechanism none: exit 0"
    cmp -s "$TMP/v7.png" "$TMP/mpi.png" && pass "s, $np ranks, single-copy none: v7's image" ||
        fail "s, $np ranks, single-copy none: the image differs from ./main v7's"
fi
finish
