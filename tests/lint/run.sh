#!/bin/sh
# tests/lint/run.sh BUILD -- the upstream sendmail-cf samples must lint
# clean: every .cf made from the 33 sample .mc files exits 0, and the
# generic-*.mc and submit.mc ones print no warning at all.  The .mc path
# (cfc runs m4 itself) is checked on generic-linux.mc.  Skipped when
# sendmail-cf is not installed.
CFC=${CFC:-$1/cfc}
UP=/usr/share/sendmail/cf
pass=0; fail=0
if [ ! -d "$UP/cf" ]; then
	echo "SKIP: lint: sendmail-cf not installed ($UP)"
	echo "lint: 0 passed, 0 failed"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfc-lint.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
for mc in "$UP"/cf/*.mc; do
	n=$(basename "$mc" .mc)
	if ! (cd "$UP/cf" && m4 -D_NO_MAKEINFO_ ../m4/cf.m4 "$n.mc") \
	    > "$tmp/$n.cf" 2> "$tmp/$n.m4err"; then
		echo "FAIL: lint $n: m4 failed"; fail=$((fail+1)); continue
	fi
	out=$("$CFC" --lint "$tmp/$n.cf" 2>&1); rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: lint $n: exit $rc"; printf '%s\n' "$out" | head -10
		fail=$((fail+1)); continue
	fi
	case $n in generic-*|submit)
		if printf '%s\n' "$out" | grep -q ': warning:'; then
			echo "FAIL: lint $n: warnings"; printf '%s\n' "$out" | head -10
			fail=$((fail+1)); continue
		fi;;
	esac
	pass=$((pass+1))
done
# .mc input through cfc's own m4 driver, and an image-free JSON run
out=$(cd "$UP/cf" && "$CFC" --lint --cf-dir "$UP" generic-linux.mc 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -z "$out" ]; then pass=$((pass+1)); else
	echo "FAIL: lint generic-linux.mc via cfc (exit $rc)"; printf '%s\n' "$out" | head; fail=$((fail+1)); fi
echo "lint: $pass passed, $fail failed"
[ $fail -eq 0 ]
