#!/usr/bin/env bash
# scripts/doctor's verdicts on simulated machines: a fake perf (working, refused
# by perf_event_paranoid, or Ubuntu's wrapper refusing the kernel with a versioned
# binary behind it), a fake valgrind (clean, or finding errors), a fake dpkg-query,
# and the paranoid level, capabilities, huge-page mode, memory, free disk and an
# arm64 /proc/cpuinfo under x86_64 (emulation) given
# through the doctor's DOCTOR_* files and figures — nothing on the host is changed.
# The build and ./main are the real ones (a scratch tree links to them).  Each
# case checks the item's mark, its fix, the exit status and --json's verdict.
source "$(dirname "$0")/lib.sh"
tree="$TMP/tree" bin="$TMP/bin"
mkdir -p "$tree/docs" "$bin" "$TMP/linux-tools/6.8.0-1"
cp -r "$SRC/scripts" "$tree/scripts"
for link in common suppressions docs/records; do ln -s "$SRC/$link" "$tree/$link"; done
ln -s "$BLD" "$tree/build"
if [ ! -x "$BLD/main" ] || [ ! -x "$BLD/tests/valgrind/tiny_data" ]; then
    echo "skipped: build/main or tiny_data is not built"; exit 77
fi

# fake perf: FAKE_PERF=ok (default) | denied (perf_event_paranoid refuses) |
# wrapper (Ubuntu's /usr/bin/perf without a package for this kernel); FAKE_COUNTERS=1
# counts cycles and instructions, else they are <not supported> as on a VM.
cat >"$bin/perf" <<'EOF'
#!/usr/bin/env bash
case ${FAKE_PERF:-ok} in
wrapper) echo "WARNING: perf not found for kernel 6.99.0-fake" >&2; exit 2 ;;
denied) [ "$1" = --version ] && { echo "perf version 9.9"; exit 0; }
    printf 'Error:\nAccess to performance monitoring and observability operations is limited.\nperf_event_paranoid setting is 4\n' >&2; exit 255 ;;
esac
case $1 in
--version) echo "perf version 9.9" ;;
stat | record) out=""; prev=""
    for arg in "$@"; do [ "$prev" = -o ] && out=$arg; prev=$arg; done
    [ -z "$out" ] || echo fake >"$out"
    if [[ " $* " == *" cycles,instructions "* ]]; then
        if [ -n "${FAKE_COUNTERS:-}" ]; then printf '123456,,cycles,1,100.00,,\n234567,,instructions,1,100.00,,\n' >&2
        else printf '<not supported>,,cycles,0,100.00,,\n<not supported>,,instructions,0,100.00,,\n' >&2; fi
    fi ;;
esac
EOF
# the versioned binary behind Ubuntu's wrapper: works
printf '#!/bin/sh\nFAKE_PERF=ok exec "%s" "$@"\n' "$bin/perf" >"$TMP/linux-tools/6.8.0-1/perf"
# fake valgrind: FAKE_VALGRIND=errors makes memcheck find some
cat >"$bin/valgrind" <<'EOF'
#!/usr/bin/env bash
[ "$1" = --version ] && { echo "valgrind-9.9"; exit 0; }
for arg in "$@"; do
    case $arg in
    --callgrind-out-file=*) printf 'events: Ir\nsummary: 4242\n' >"${arg#*=}" ;;
    --log-file=*) log=${arg#*=} ;;
    esac
done
if [ "${FAKE_VALGRIND:-}" = errors ] && [ -n "${log:-}" ]; then
    echo "==1== ERROR SUMMARY: 3 errors from 2 contexts" >"$log"; exit 99
fi
echo "==1== ERROR SUMMARY: 0 errors from 0 contexts" >"${log:-/dev/null}"
EOF
printf '#!/bin/sh\nexit 0\n' >"$bin/heaptrack"
# fake dpkg-query: every package installed but $FAKE_MISSING
cat >"$bin/dpkg-query" <<'EOF'
#!/bin/sh
for last; do :; done
[ "$last" = "${FAKE_MISSING:-}" ] && exit 1
printf 'install ok installed'
EOF
chmod +x "$bin"/* "$TMP/linux-tools/6.8.0-1/perf"

echo 2 >"$TMP/paranoid2"
echo 4 >"$TMP/paranoid4"
printf 'Name:\tbash\nCapEff:\t0000000000000000\n' >"$TMP/user-status"
printf 'Name:\tbash\nCapEff:\t000001ffffffffff\n' >"$TMP/root-status"
echo "always [madvise] never" >"$TMP/thp-madvise"
echo "always madvise [never]" >"$TMP/thp-never"
printf 'MemTotal:       16000000 kB\nMemAvailable:   12000000 kB\n' >"$TMP/meminfo"
export PATH="$bin:$PATH" DOCTOR_LINUX_TOOLS="$TMP/no-linux-tools" DOCTOR_DATA="$TMP/data" \
    DOCTOR_PARANOID_FILE="$TMP/paranoid2" DOCTOR_STATUS_FILE="$TMP/user-status" \
    DOCTOR_THP_FILE="$TMP/thp-madvise" DOCTOR_MEMINFO_FILE="$TMP/meminfo" \
    DOCTOR_FREE_BYTES=50000000000
unset FAKE_PERF FAKE_COUNTERS FAKE_VALGRIND FAKE_MISSING

out="$TMP/out" json="$TMP/json"
# doctor CASE [VAR=VALUE…]: the doctor, then its --json, in the environment given.
doctor() {
    local scenario=$1
    shift
    (cd "$tree" && env "$@" scripts/doctor >"$out" 2>"$TMP/err")
    status=$?
    (cd "$tree" && env "$@" scripts/doctor --json >"$json" 2>/dev/null)
    json_status=$?
    echo "--- $scenario: exit $status"
}
# item NAME MARK [REGEX]: the line of NAME has MARK (and matches REGEX).
item() {
    assert_line "$out" "^$2 $1 +.*${3:-}" "$scenario: $1 is $2${3:+ (/$3/)}"
}
# verdict EXIT CORE_OK: the exit status, the verdict line and --json's core_ok.
verdict() {
    assert_eq "$status" "$1" "$scenario: exit $1"
    assert_eq "$json_status" "$1" "$scenario: --json exits $1 too"
    assert_jq "$json" ".core_ok == $2" "$scenario: --json says core_ok $2"
    if [ "$2" = true ]; then assert_line "$out" "^The workshop's core works here" "$scenario: verdict line"
    else assert_line "$out" "^The workshop's core does not work here yet: .*$3" "$scenario: verdict line names $3"; fi
}

scenario=healthy; doctor "$scenario"
verdict 0 true
for name in compiler packages build "disk s" "perf" paranoid "perf runs" memcheck callgrind; do item "$name" ✓; done
item "disk xl" ✓ "1.55 GB needed"
item counters – "no hardware counters.*callgrind"
item "huge pages" ✓ "madvise"
assert_jq "$json" '[.items[] | select(.status == "fail")] | length == 0' "$scenario: --json lists no failure"
assert_jq "$json" '(.items | length) > 15 and all(.items[]; .name and .detail and (.core | type == "boolean"))' \
    "$scenario: --json has every item with name, detail and core"
assert_eq "$(grep -cE '^(✓|✗|–) ' "$out")" "$(jq '.items | length' "$json")" "$scenario: one line per JSON item"

scenario="perf refused"; doctor "$scenario" FAKE_PERF=denied
verdict 1 false "perf runs"
item "perf runs" ✗ "fails: Access to performance monitoring.* → fix: sudo sysctl kernel.perf_event_paranoid=1"
assert_jq "$json" '.items[] | select(.name == "perf runs") | .status == "fail" and .core and (.fix | test("sysctl"))' \
    "$scenario: --json carries the failure and its fix"
item counters – "not tried: perf does not run"

scenario="Ubuntu's wrapper"; doctor "$scenario" FAKE_PERF=wrapper DOCTOR_LINUX_TOOLS="$TMP/linux-tools"
verdict 1 false perf
item perf ✗ "refuses kernel .*WARNING: perf not found.*$TMP/linux-tools/6.8.0-1/perf works → fix: export PATH=$TMP/linux-tools/6.8.0-1:"
item "perf runs" ✓

scenario="wrapper, no versioned perf"; doctor "$scenario" FAKE_PERF=wrapper
verdict 1 false perf
item perf ✗ "perf --version fails: WARNING.* → fix: install the perf of this kernel"
item "perf runs" – "not tried"

scenario="paranoid 4"; doctor "$scenario" DOCTOR_PARANOID_FILE="$TMP/paranoid4"
verdict 1 false paranoid
item paranoid ✗ "perf_event_paranoid 4: nothing without CAP_PERFMON.* → fix: sudo sysctl kernel.perf_event_paranoid=1"
scenario="paranoid 4, CAP_PERFMON"; doctor "$scenario" DOCTOR_PARANOID_FILE="$TMP/paranoid4" DOCTOR_STATUS_FILE="$TMP/root-status"
verdict 0 true
item paranoid ✓ "4 .*CAP_PERFMON or CAP_SYS_ADMIN"

scenario="full disk"; doctor "$scenario" DOCTOR_FREE_BYTES=1000000
verdict 1 false "disk s"
item "disk s" ✗ "only 0.00 GB free .* → fix: free 0.1[0-9] GB there"
scenario="room for s, not xl"; doctor "$scenario" DOCTOR_FREE_BYTES=500000000
verdict 0 true
item "disk s" ✓
item "disk xl" ✗ "\(optional\) 1.55 GB needed .*only 0.50 GB free.* → fix: free 1.2[0-9] GB there, or .*--data /bigdisk/xl"

scenario="huge pages never"; doctor "$scenario" DOCTOR_THP_FILE="$TMP/thp-never"
verdict 0 true
item "huge pages" ✗ "\(optional\) .*never.* → fix: echo madvise \| sudo tee"

scenario="memcheck errors"; doctor "$scenario" FAKE_VALGRIND=errors
verdict 1 false memcheck
item memcheck ✗ "3 errors"
item callgrind ✓ "4242 instructions"

scenario="counters"; doctor "$scenario" FAKE_COUNTERS=1
verdict 0 true
item counters ✓ "cycles and instructions are counted"

scenario="a package missing"; doctor "$scenario" FAKE_MISSING=valgrind
verdict 1 false packages
item packages ✗ "missing: valgrind → fix: scripts/run installs them"

printf 'MemTotal:       2000000 kB\nMemAvailable:   1000000 kB\n' >"$TMP/meminfo-1g"
printf 'MemTotal:       2000000 kB\nMemAvailable:     50000 kB\n' >"$TMP/meminfo-50m"
scenario="1 GB of memory"; doctor "$scenario" DOCTOR_MEMINFO_FILE="$TMP/meminfo-1g"
verdict 0 true
item memory ✗ "\(optional\) 1.02 GB available: enough for s, not for v[0-9] at xl .* → fix: "
scenario="50 MB of memory"; doctor "$scenario" DOCTOR_MEMINFO_FILE="$TMP/meminfo-50m"
verdict 1 false memory
item memory ✗ "0.05 GB available, less than size s needs"

# No build: the sizes come from common/sizes.c's table, the build's line says how.
mkdir -p "$TMP/fresh/docs"
cp -r "$SRC/scripts" "$TMP/fresh/scripts"
for link in common suppressions docs/records; do ln -s "$SRC/$link" "$TMP/fresh/$link"; done
scenario="a fresh clone"
(cd "$TMP/fresh" && scripts/doctor >"$out" 2>"$TMP/err")
assert_eq "$?" 1 "$scenario: exit 1"
item build ✗ "no build/ yet → fix: scripts/run"
item "disk s" ✓ "0.17 GB needed \(960 × 1280, csv\)"
item "disk xl" ✓ "1.55 GB needed \(5760 × 7680, no-csv\)"
item memcheck – "not run: no working ./main"

if [ "$(uname -m)" = x86_64 ]; then
    printf 'processor\t: 0\nCPU implementer\t: 0x61\nCPU architecture: 8\n' >"$TMP/cpuinfo-arm"
    scenario="x86_64 emulated on arm64"; doctor "$scenario" DOCTOR_CPUINFO_FILE="$TMP/cpuinfo-arm"
    verdict 1 false platform
    item platform ✗ "x86_64 emulated on an arm64 CPU.* → fix: build the image for arm64"
else
    echo "skipped: the emulation case: this machine is not x86_64"
fi

scenario="bad argument"
(cd "$tree" && scripts/doctor --jsn >"$out" 2>"$TMP/err")
assert_eq "$?" 2 "$scenario: exit 2"
assert_eq "$(wc -l <"$TMP/err")" 1 "$scenario: one line on stderr"
assert_line "$TMP/err" "^scripts/doctor: unknown argument '--jsn'" "$scenario: names the argument"
finish
