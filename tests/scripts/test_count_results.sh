#!/usr/bin/env bash
# scripts/count-results sums meson's own counts: the checks of a TAP program and
# one per other test from testlog.junit.xml, skips left out; from testlog.json
# only what the JUnit file leaves out (a timeout, a TAP program that crashed
# after some checks); a build without a test log is one failure.
source "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/a/meson-logs" "$TMP/b/meson-logs" "$TMP/none"
cat >"$TMP/a/meson-logs/testlog.junit.xml" <<'XML'
<?xml version='1.0' encoding='utf-8'?>
<testsuites tests="9" errors="0" failures="2"><testsuite name="p.common" tests="5" errors="0" failures="1" skipped="0"></testsuite><testsuite name="p.crashed" tests="2" errors="0" failures="0" skipped="0"></testsuite><testsuite name="p" tests="3" errors="1" failures="0" skipped="1"></testsuite></testsuites>
XML
printf '%s\n' '{"name": "common", "result": "FAIL", "stdout": "ok 1\nnot ok 2\n"}' \
    '{"name": "crashed", "result": "ERROR", "stdout": "ok 1 - a\nok 2 - b\n"}' \
    '{"name": "script", "result": "ERROR", "stdout": "no TAP here"}' \
    '{"name": "slow", "result": "TIMEOUT", "stdout": ""}' >"$TMP/a/meson-logs/testlog.json"
printf '<testsuites><testsuite name="fuzz csv" tests="1" errors="0" failures="0" skipped="0"/></testsuites>\n' \
    >"$TMP/b/meson-logs/testlog.junit.xml"
out=$("$SRC/scripts/count-results" "$TMP/a" "$TMP/b" 2>"$TMP/err")
assert_eq "$?" 1 "count-results exits 1 when anything failed"
# passed: common 4, crashed 2, the plain suite 3 - 1 error - 1 skip = 1, fuzz 1
# failed: common 1, the plain suite's error 1, crashed 1 and slow 1 (testlog.json)
assert_eq "$out" "8 passed, 4 failed" "meson's counts summed, the crash and the timeout added once"
assert_line "$TMP/err" 'crashed: crashed' "the crashed TAP program is named"
out=$("$SRC/scripts/count-results" "$TMP/b" "$TMP/none" 2>/dev/null)
assert_eq "$out" "1 passed, 1 failed" "a build without a test log is one failure"
out=$("$SRC/scripts/count-results" "$TMP/b")
assert_eq "$?:$out" "0:1 passed, 0 failed" "all passed: exit 0"
finish
