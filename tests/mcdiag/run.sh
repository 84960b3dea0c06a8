#!/bin/sh
# tests/mcdiag/run.sh BUILD -- .mc input through cfc's m4 driver over the
# small fixture tree in tree/: each NAME.mc must print exactly NAME.err
# (errors at the .mc line), exit 1, and write no output file.
# UPDATE=1 rewrites the .err files.
cd "$(dirname "$0")" || exit 2
CFC=${CFC:-$1/cfc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfc-mcdiag.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
for mc in *.mc; do
	n=${mc%.mc}
	out=$("$CFC" -o "$tmp/$n.cfb" --cf-dir tree "$mc" 2>&1); rc=$?
	[ "${UPDATE:-0}" = 1 ] && printf '%s\n' "$out" > "$n.err"
	if [ $rc -ne 1 ]; then
		echo "FAIL: mcdiag $n: exit $rc, want 1"; fail=$((fail+1))
	elif [ -e "$tmp/$n.cfb" ]; then
		echo "FAIL: mcdiag $n: output file written"; fail=$((fail+1))
	elif [ "$out" != "$(cat "$n.err" 2>/dev/null)" ]; then
		echo "FAIL: mcdiag $n: diagnostics differ"
		printf '%s\n' "$out" | diff "$n.err" - | head -20; fail=$((fail+1))
	else
		pass=$((pass+1))
	fi
done
# our m4lib names the .mc line in its own messages: cfc reports them there
for mc in m4lib/*.mc; do
	[ -f "$mc" ] || continue
	n=${mc%.mc}
	out=$("$CFC" -o "$tmp/x.cfb" --cf-dir ../../m4lib "$mc" 2>&1); rc=$?
	[ "${UPDATE:-0}" = 1 ] && printf '%s\n' "$out" > "$n.err"
	if [ $rc -ne 1 ] || [ -e "$tmp/x.cfb" ] || [ "$out" != "$(cat "$n.err" 2>/dev/null)" ]; then
		echo "FAIL: mcdiag $n (exit $rc)"; printf '%s\n' "$out" | diff "$n.err" - | head -10
		fail=$((fail+1))
	else
		pass=$((pass+1))
	fi
	rm -f "$tmp/x.cfb"
done
echo "mcdiag: $pass passed, $fail failed"
[ $fail -eq 0 ]
