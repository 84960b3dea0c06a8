#!/bin/sh
# tests/equiv/run.sh BUILD -- the big fidelity test: every mc-sample built
# with our m4lib, compiled by cfc and run by cfmta -bt over its corpus
# (tests/m4lib/corpus, ~2,700 commands each: /parse, /try under every
# /tryflags, check_relay/check_mail/check_rcpt, ...) must give exactly the
# outcomes the real sendmail 8.17 gave on the upstream-built cf
# (tests/m4lib/golden, made by compare.sh -G with the oracle).
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
here=$(cd "$(dirname "$0")" && pwd)
export BUILD=$B
if ! unshare -u true 2>/dev/null; then
	echo "SKIP: equiv: unshare -u not permitted (run as root)"
	echo "equiv: 0 passed, 0 failed"
	exit 0
fi
if ! command -v db_load >/dev/null 2>&1 && ! command -v makemap >/dev/null 2>&1; then
	echo "SKIP: equiv: neither db_load nor makemap to build the fixture maps"
	echo "equiv: 0 passed, 0 failed"
	exit 0
fi
out=$(sh "$here/../m4lib/compare.sh" -g -e "$here/engine.sh" 2>&1); rc=$?
printf '%s\n' "$out" | grep -E '^(FAIL|SKIP)'
set -- $(printf '%s\n' "$out" | tail -1)
p=${1:-0} f=${3:-1}
# with the upstream tree: every sample and extra .mc built by both trees,
# both images run by cfmta, must give the same outcomes
up=${UPSTREAM_CF_DIR:-/usr/share/sendmail/cf}
if [ -f "$up/m4/cf.m4" ] && command -v makemap >/dev/null 2>&1; then
	out=$(sh "$here/../m4lib/compare.sh" -e "$here/engine.sh" 2>&1) || rc=1
	printf '%s\n' "$out" | grep -E '^(FAIL|SKIP)'
	set -- $(printf '%s\n' "$out" | tail -1)
	p=$((p + ${1:-0})) f=$((f + ${3:-1}))
else
	echo "SKIP: equiv: upstream cf tree or makemap absent: m4lib-vs-upstream run skipped"
fi
echo "equiv: $p passed, $f failed"
[ $rc -eq 0 ]
