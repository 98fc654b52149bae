#!/usr/bin/env bash
# scripts/setup.sh's installer on a busy machine, with a fake apt-get in PATH:
# a held lock is waited for (and said so) instead of failing at once, up to
# APT_LOCK_TIMEOUT; any other failure fails at once; every call asks dpkg's
# lock to be waited for too (DPkg::Lock::Timeout); "a|b" installs the first
# name the package lists know.  Nothing is installed for real.
source "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/bin"
calls="$TMP/calls"
# fake apt-get: the first $LOCKED_CALLS calls find the lock held
cat >"$TMP/bin/apt-get" <<'EOF'
#!/usr/bin/env bash
echo "$*" >>"$CALLS"
n=$(wc -l <"$CALLS")
if [ "$n" -le "${LOCKED_CALLS:-0}" ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
    echo "E: Unable to lock directory /var/lib/apt/lists/" >&2
    exit 100
fi
[ -z "${FAIL_OTHERWISE:-}" ] || { echo "E: Unable to locate package nosuch" >&2; exit 100; }
exit 0
EOF
# fake apt-cache: knows "bar" and "baz" only; fake dpkg-query: nothing installed;
# fake sudo: runs the command (the tests may run as a user)
printf '#!/bin/sh\n[ "$1" = show ] && case "$2" in bar|baz) exit 0 ;; esac\nexit 100\n' >"$TMP/bin/apt-cache"
printf '#!/bin/sh\nexit 1\n' >"$TMP/bin/dpkg-query"
printf '#!/bin/sh\nexec "$@"\n' >"$TMP/bin/sudo"
chmod +x "$TMP/bin"/*
export PATH="$TMP/bin:$PATH" CALLS="$calls" APT_LOCK_POLL=0.1
setup() { (source "$SRC/scripts/setup.sh" && "$@"); }

: >"$calls"
LOCKED_CALLS=2 setup apt_get update -qq 2>"$TMP/err"
assert_eq "$?" 0 "apt_get succeeds once the lock is free"
assert_eq "$(wc -l <"$calls")" 3 "it tried three times"
assert_line "$TMP/err" 'another apt or dpkg is running \(held by process 4242 \(apt-get\)\): waiting for it, up to 600 s' \
    "it says what it waits for, and how long at most"
assert_eq "$(grep -c 'waiting for it' "$TMP/err")" 1 "it says so once"
assert_line "$calls" '^-o DPkg::Lock::Timeout=600 update -qq$' "every call asks apt to wait for dpkg's lock too"

: >"$calls"
LOCKED_CALLS=1000 APT_LOCK_TIMEOUT=1 setup apt_get update -qq 2>"$TMP/err"
assert_eq "$?" 1 "a lock held longer than APT_LOCK_TIMEOUT fails"
assert_line "$TMP/err" 'gave up waiting for the apt lock after 1 s' "and says why"
assert_line "$TMP/err" 'Could not get lock' "with apt's own message"

: >"$calls"
FAIL_OTHERWISE=1 setup apt_get install -y nosuch 2>"$TMP/err"
assert_eq "$?" 1 "any other failure fails"
assert_eq "$(wc -l <"$calls")" 1 "at once, without waiting"

: >"$calls"
PACKAGES_x="foo|bar baz" setup ensure_packages x 2>"$TMP/err"
assert_eq "$?" 0 "ensure_packages installs the missing ones"
assert_line "$calls" 'install -y -qq --no-install-recommends bar baz$' "for foo|bar, the name the lists know (bar)"
finish
