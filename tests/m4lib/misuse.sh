#!/bin/sh
# misuse.sh -- diagnostics of the m4lib macro library (pure m4, no sendmail).
#
# Each tests/m4lib/misuse/NAME.mc lists the messages it must produce in
# lines of the form
#	dnl EXPECT: *** ERROR: NAME.mc:LINE: text
# The file is run through m4 exactly as the compiler does; every stderr
# line starting with "*** " must match the EXPECT lines (same text, same
# order) and m4 itself must not complain.  Also checks that the output
# does not depend on how _CF_DIR_ is given and that -s keeps working.
set -u
here=$(cd "$(dirname "$0")" && pwd)
lib=$(cd "$here/../../m4lib" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/m4lib-misuse.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
cd "$here/misuse" || exit 2
for mc in *.mc; do
	sed -n 's/^dnl EXPECT: //p' "$mc" > "$tmp/want"
	m4 -D_CF_DIR_="$lib/" -D_NO_MAKEINFO_ "$lib/m4/cf.m4" "$mc" > "$tmp/cf" 2> "$tmp/err"
	grep '^\*\*\* ' "$tmp/err" > "$tmp/got"
	grep -v '^\*\*\* ' "$tmp/err" > "$tmp/other"
	if cmp -s "$tmp/want" "$tmp/got" && [ ! -s "$tmp/other" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $mc"
		diff "$tmp/want" "$tmp/got" | sed 's/^/    /'
		sed 's/^/    m4: /' "$tmp/other"
	fi
done
# the same file built three ways must give the same cf:
# explicit _CF_DIR_, _CF_DIR_ derived from the path of cf.m4, and -s
# (synclines removed afterwards)
mc=$here/../../mc-samples/generic.mc
m4 -D_CF_DIR_="$lib/" -D_NO_MAKEINFO_ "$lib/m4/cf.m4" "$mc" > "$tmp/a.cf" 2>&1
m4 -D_NO_MAKEINFO_ "$lib/m4/cf.m4" "$mc" > "$tmp/b.cf" 2>&1
m4 -s -D_CF_DIR_="$lib/" -D_NO_MAKEINFO_ "$lib/m4/cf.m4" "$mc" 2>&1 | grep -v '^#line ' > "$tmp/c.cf"
for v in b c; do
	if cmp -s "$tmp/a.cf" "$tmp/$v.cf"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: build variant $v differs"; diff "$tmp/a.cf" "$tmp/$v.cf" | head -5
	fi
done
# deterministic: no user, host, date or directory names in the output
if grep -q -e "$lib" -e "$(hostname)" -e "$(date +%Y)" "$tmp/a.cf"; then
	fail=$((fail + 1)); echo "FAIL: output mentions the directory, host or date"
else pass=$((pass + 1)); fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
