#!/bin/sh
# tests/maps/run.sh BUILD -- map classes against the real sendmail 8.17:
# NAME.in runs in address test mode on maps.cf (cfmta, and the compiled
# image) and must print NAME.out byte for byte (made by oracle.sh).  The
# fixture maps are built with our cfmakemap, so the real makemap is not
# needed; when it is installed, the interop checks run too (real makemap
# writes -> cfmta reads; cfmakemap writes -> real makemap -u and, with
# sendmail installed, sendmail -bt reads).  Also: cfmakemap/cfeditmap
# behaviour and the aliases database (cfmta -bi, cfpraliases).
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
CFMTA=${CFMTA:-$B/cfmta}
CFC=${CFC:-$B/cfc}
MK=$B/cfmakemap
ED=$B/cfeditmap
MAPS_SRC=$(cd "$(dirname "$0")" && pwd)
. "$MAPS_SRC/lib.sh"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: maps $1"; fail=$((fail+1)); }
if ! unshare -u true 2>/dev/null; then
	echo "SKIP: maps (unshare -u not permitted here)"
	echo "maps: 0 passed, 0 failed"
	exit 0
fi
w=$(mktemp -d "${TMPDIR:-/tmp}/cfmta-maps.XXXXXX") || exit 2
chmod 700 "$w"
trap 'rm -rf "$w"' EXIT
maps_setup "$w" "$MK" || { echo "FAIL: maps setup"; echo "maps: 0 passed, 1 failed"; exit 1; }

bt() {	# bt CONFIG < commands
	(cd "$w" && unshare -u sh -c 'hostname "$1"; shift; exec "$@"' sh "$MAPS_HOST" \
		"$CFMTA" -bt -C "$1" -ODontProbeInterfaces=true \
		-OServiceSwitchFile="$w/switch" -OHostsFile="$w/hosts" 2>/dev/null) |
		maps_filter "$w"
}

for in in "$MAPS_SRC"/*.in; do
	name=${in##*/}; name=${name%.in}
	bt "$w/maps.cf" < "$in" > "$w/$name.got"
	if cmp -s "$MAPS_SRC/$name.out" "$w/$name.got"; then ok; else
		bad "$name (cf)"; diff "$MAPS_SRC/$name.out" "$w/$name.got" | head -20; fi
	if [ -x "$CFC" ] && "$CFC" --permissive "$w/maps.cf" -o "$w/maps.cfb" >/dev/null 2>&1; then
		bt "$w/maps.cfb" < "$in" | sed 's#maps\.cfb#maps.cf#g' > "$w/$name.gotb"
		if cmp -s "$MAPS_SRC/$name.out" "$w/$name.gotb"; then ok; else
			bad "$name (cfb)"; diff "$MAPS_SRC/$name.out" "$w/$name.gotb" | head -10; fi
	fi
done

# cfmakemap: dump, duplicates, -N keys, -o append, -r replace, errors
d=$w/mk
mkdir -p "$d"
printf 'Key1\tv1\nkey2 v2 two\n# c\n\n' | "$MK" hash "$d/a" && ok || bad "cfmakemap build"
[ "$("$MK" -u hash "$d/a" | sort)" = "$(printf 'key1\tv1\nkey2\tv2 two')" ] && ok || bad "cfmakemap -u"
printf 'a b\na c\n' | "$MK" hash "$d/dup" 2> "$d/err"; rc=$?
[ $rc -eq 65 ] && grep -q "line 2: key a: duplicate key" "$d/err" && ok || bad "cfmakemap duplicate"
printf 'a b\na c\n' | "$MK" -r hash "$d/dup" && [ "$("$MK" -u hash "$d/dup")" = "$(printf 'a\tc')" ] && ok || bad "cfmakemap -r"
printf 'n x\n' | "$MK" -o hash "$d/a" && [ "$("$MK" -u hash "$d/a" | wc -l)" -eq 3 ] && ok || bad "cfmakemap -o"
printf ' lead x\nnorhs\n' | "$MK" hash "$d/e" 2> "$d/err"
grep -q "line 1: syntax error (leading space)" "$d/err" && grep -q "line 2: no RHS for LHS norhs" "$d/err" && ok || bad "cfmakemap syntax errors"
printf 'k:v x\n' | "$MK" -t: -N btree "$d/t" && "$ED" -N -q btree "$d/t" k | grep -qx 'v x' && ok || bad "cfmakemap -t -N"
ls "$d" | grep -q tmp && bad "cfmakemap left a temp file" || ok
# cfeditmap
"$ED" -u hash "$d/a" New 'val ue' && [ "$("$ED" -q hash "$d/a" new)" = "val ue" ] && ok || bad "cfeditmap -u"
"$ED" -x hash "$d/a" new && ! "$ED" -q hash "$d/a" new && ok || bad "cfeditmap -x"
"$ED" -x hash "$d/a" new 2>/dev/null; [ $? -eq 69 ] && ok || bad "cfeditmap -x missing"

# corrupt map file: a clear error naming the file, lookups tempfail
head -c 3000 /dev/urandom > "$w/corrupt.db" 2>/dev/null || printf 'garbage' > "$w/corrupt.db"
printf 'V10/Berkeley\nKc hash %s/corrupt\n' "$w" > "$w/c.cf"
printf '/map c foo\n' | bt "$w/c.cf" > "$w/c.got"
grep -q 'Cannot open hash database @DIR@/corrupt.db' "$w/c.got" && grep -q 'no match (75)' "$w/c.got" && ok || { bad "corrupt map"; cat "$w/c.got"; }

# interop with the real makemap (when installed)
if command -v makemap >/dev/null 2>&1; then
	printf 'Real\tfrom makemap\n' | makemap -N hash "$d/real" 2>/dev/null && ok || bad "makemap"
	printf 'V10/Berkeley\nKr hash %s/real\nKo hash %s/a\n' "$d" "$d" > "$w/i.cf"
	printf '/map r real\n/map o key2\n' | bt "$w/i.cf" | grep -c 'returns' | grep -qx 2 && ok || bad "makemap -> cfmta"
	[ "$(makemap -u hash "$d/a" 2>/dev/null | sort | head -1)" = "$(printf 'key1\tv1')" ] && ok || bad "cfmakemap -> makemap -u"
	[ "$("$MK" -u hash "$d/real")" = "$(printf 'real\tfrom makemap')" ] && ok || bad "makemap -> cfmakemap -u"
	# our files read by the real sendmail (its -bt /map), when installed;
	# sendmail refuses maps below world-writable directories: use $HOME
	if command -v sendmail >/dev/null 2>&1; then
		h=$(mktemp -d "${HOME:-/root}/.cfmta-maps.XXXXXX")
		printf 'Key1\tfrom cfmakemap\n' | "$MK" hash "$h/ours"
		printf 'V10/Berkeley\nKo hash %s/ours\nMlocal, P=/bin/true, F=lsDFM, A=true $u\n' "$h" > "$h/o.cf"
		printf '/map o key1\n' | sendmail -bt -C "$h/o.cf" -ODontProbeInterfaces=true 2>/dev/null |
		    grep -q 'returns from cfmakemap (0)' && ok || bad "cfmakemap -> real sendmail /map"
		rm -rf "$h"
	fi
else
	echo "SKIP: maps interop (real makemap not installed)"
fi
# cfc --env compares K flags with the keys stored in the .db
printf 'Mixed\tv\n' | "$MK" -f hash "$w/upper"
printf 'key\tv\n' | "$MK" -N hash "$w/withnul"
printf 'V10/Berkeley\nKa hash %s/upper\nKb hash -O %s/withnul\nKc hash -N %s/upper\nMlocal, P=/bin/true, F=lsDFM, A=true $u\n' \
    "$w" "$w" "$w" > "$w/env.cf"
envout=$("$CFC" --lint --env "$w/env.cf" 2>&1)
for want in "map 'a' folds keys to lower case" "map 'b' looks keys up without a trailing NUL" \
    "map 'c' looks keys up with a trailing NUL"; do
	printf '%s\n' "$envout" | grep -q "$want" && ok || bad "cfc --env: $want"
done
echo "maps: $pass passed, $fail failed"
[ $fail -eq 0 ]
