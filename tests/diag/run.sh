#!/bin/sh
# tests/diag/run.sh BUILD -- every NAME.cf is a broken cf file; `cfc --lint`
# (plus the options in NAME.args, if any) must print exactly NAME.err and
# exit 1 if NAME.err contains an error, else 0.  With UPDATE=1 the .err
# files are rewritten (review the diff).
cd "$(dirname "$0")" || exit 2
CFC=${CFC:-$1/cfc}
pass=0; fail=0
for cf in *.cf; do
	n=${cf%.cf}
	args=""
	[ -f "$n.args" ] && args=$(cat "$n.args")
	# shellcheck disable=SC2086
	out=$("$CFC" --lint $args "$cf" 2>&1); rc=$?
	if [ "${UPDATE:-0}" = 1 ]; then printf '%s\n' "$out" > "$n.err"; fi
	want=1
	grep -qE '(: error:|"severity": "error"|"level": "error")' "$n.err" 2>/dev/null || want=0
	if [ -f "$n.err" ] && [ "$out" = "$(cat "$n.err")" ] && [ $rc -eq $want ]; then
		pass=$((pass+1))
	else
		fail=$((fail+1))
		echo "FAIL: diag $n (exit $rc, want $want)"
		printf '%s\n' "$out" | diff "$n.err" - | head -20
	fi
done
echo "diag: $pass passed, $fail failed"
[ $fail -eq 0 ]
