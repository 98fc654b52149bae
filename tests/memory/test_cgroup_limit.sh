#!/usr/bin/env bash
# tests/memory/test_cgroup_limit.sh — the other limit ./main reads: a memory
# cgroup (a container's --memory, a systemd slice).  Size m (--scale 2, in a
# scratch folder) in a fresh cgroup of 150 MB: v3 refuses in one line naming at
# most the cgroup's room as available, and v9 runs in it and writes v3's image,
# byte for byte.  Skipped where this process cannot make a memory cgroup (not
# root, or a cgroup v2 tree without the memory controller delegated).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
MAIN=$BLD/main GEN=$BLD/generate_data/generate_data
for exe in "$MAIN" "$GEN"; do [ -x "$exe" ] || { echo "skipped: $exe not built"; exit 77; }; done
LIMIT=150000000

# make_cgroup: a new memory cgroup limited to LIMIT bytes, its directory printed
# (cgroup v1's memory hierarchy, else v2's unified one)
make_cgroup() {
    local v1=/sys/fs/cgroup/memory v2=/sys/fs/cgroup dir
    if [ -w "$v1" ]; then
        dir=$v1/por-test-$$
        mkdir "$dir" 2>/dev/null && echo "$LIMIT" >"$dir/memory.limit_in_bytes" 2>/dev/null && echo "$dir" && return
    elif [ -w "$v2/cgroup.subtree_control" ] && grep -qw memory "$v2/cgroup.controllers" 2>/dev/null; then
        dir=$v2/por-test-$$
        echo +memory >"$v2/cgroup.subtree_control" 2>/dev/null
        mkdir "$dir" 2>/dev/null && echo "$LIMIT" >"$dir/memory.max" 2>/dev/null && echo "$dir" && return
    fi
    [ -z "${dir:-}" ] || rmdir "$dir" 2>/dev/null
    return 1
}
cgroup=$(make_cgroup) || { echo "skipped: no memory cgroup can be made here (needs root and a memory controller)"; exit 77; }
trap 'rmdir "$cgroup" 2>/dev/null; rm -rf "$TMP"' EXIT
# in_cgroup COMMAND…: COMMAND run inside the cgroup (a subshell moves itself in, then execs)
in_cgroup() { (echo "$BASHPID" >"$cgroup/cgroup.procs" && exec "$@"); }

"$GEN" --scale 2 --no-csv --out "$TMP" >/dev/null 2>"$TMP/gen.err" ||
    { fail "generate_data --scale 2"; cat "$TMP/gen.err" >&2; finish; }
DATA=$TMP/scale2
"$MAIN" v3 --data "$DATA" --out "$TMP/expected.png" >/dev/null || fail "v3 without a limit"

in_cgroup "$MAIN" v3 --data "$DATA" --out "$TMP/v3.png" >"$TMP/v3.out" 2>"$TMP/v3.err"
assert_eq "$?" 1 "v3 in a cgroup of 150 MB: exit 1"
assert_eq "$(wc -l <"$TMP/v3.err")" 1 "v3: one line"
available=$(sed -nE 's/.* but ([0-9]+) bytes .* are available.*/\1/p' "$TMP/v3.err")
if [ -n "$available" ] && [ "$available" -le "$LIMIT" ]; then pass "v3: the bytes available are the cgroup's room ($available)"
else fail "v3: the bytes available should be at most $LIMIT: $(cat "$TMP/v3.err")"; fi
if [ -e "$TMP/v3.png" ]; then fail "v3: left $TMP/v3.png"; else pass "v3: no --out file"; fi

in_cgroup "$MAIN" v9 --data "$DATA" --out "$TMP/v9.png" >"$TMP/v9.out" 2>"$TMP/v9.err"
assert_eq "$?" 0 "v9 runs in the cgroup"; [ -s "$TMP/v9.err" ] && sed "s/^/    | /" "$TMP/v9.err" >&2
if cmp -s "$TMP/v9.png" "$TMP/expected.png"; then pass "v9: the same image as v3, byte for byte"
else fail "v9: its image differs from v3's"; fi
finish
