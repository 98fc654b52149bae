# shellcheck shell=bash disable=SC2034  # sourced: SRC, BLD and TMP are for the tests
# tests/scripts/lib.sh — sourced by the script tests: where the tree and the
# build are (meson passes POR_SOURCE_ROOT and POR_BUILD_ROOT), a scratch
# folder removed at exit, and assertions that print what they expected.
set -uo pipefail
SRC=${POR_SOURCE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BLD=${POR_BUILD_ROOT:-$SRC/build}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() { printf 'FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
pass() { printf 'ok: %s\n' "$*"; }

# assert_line FILE REGEX WHAT: some line of FILE matches the extended REGEX.
assert_line() {
    if grep -qE -- "$2" "$1"; then pass "$3"; else fail "$3: no line of $1 matches /$2/"; sed 's/^/    | /' "$1" >&2; fi
}
# assert_no_line FILE REGEX WHAT
assert_no_line() {
    if grep -qE -- "$2" "$1"; then fail "$3: a line of $1 matches /$2/"; grep -E -- "$2" "$1" | sed 's/^/    | /' >&2
    else pass "$3"; fi
}
# assert_jq FILE FILTER WHAT: the jq FILTER is true on FILE.
assert_jq() {
    if jq -e "$2" "$1" >/dev/null 2>&1; then pass "$3"; else fail "$3: jq '$2' is not true on $1"; fi
}
# assert_eq GOT WANTED WHAT
assert_eq() {
    if [ "$1" = "$2" ]; then pass "$3"; else fail "$3: got '$1', wanted '$2'"; fi
}
# assert_near GOT WANTED TOLERANCE WHAT: |GOT − WANTED| ≤ TOLERANCE.
assert_near() {
    if awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; exit !(g != "" && (d < 0 ? -d : d) <= t) }'
    then pass "$4 ($1)"; else fail "$4: got '$1', wanted $2 ± $3"; fi
}
finish() {
    if [ "$failures" -gt 0 ]; then echo "$failures failure(s)" >&2; exit 1; fi
    echo "all passed"
}
command -v jq >/dev/null || { echo "jq is missing"; exit 77; }
