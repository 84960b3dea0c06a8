#!/bin/sh
# tests/golden/run.sh BUILD -- address test mode transcripts of the real
# sendmail 8.17 (NAME.out, made by `make oracle`) against cfmta.  Every
# NAME.in runs with -bt on its config (NAME.cf, or "#cf CONFIG" in the
# file) in a private copy of the configs and fixtures, with the fixed host
# name mx.example.com in a private UTS namespace (unshare -u; skipped when
# not permitted).  When `$CFC X.cf -o X.cfb` works, the compiled image
# must give the same transcript too, its decompiled text must compile to
# the identical image, and with GOLDEN_ORACLE=1 (needs sendmail-bin) the
# real sendmail must give the same transcript on the decompiled text.
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
CFMTA=${CFMTA:-$B/cfmta}
CFC=${CFC:-$B/cfc}
GOLDEN_SRC=$(cd "$(dirname "$0")" && pwd)
. "$GOLDEN_SRC/lib.sh"
pass=0; fail=0; xfail=0
if ! unshare -u true 2>/dev/null; then
	echo "SKIP: golden (unshare -u not permitted here)"
	echo "golden: 0 passed, 0 failed"
	exit 0
fi
# the real sendmail warns about world-writable parents such as /tmp
if [ -n "${GOLDEN_ORACLE:-}" ]; then wroot=${HOME:-/root}; else wroot=${TMPDIR:-/tmp}; fi
w=$(mktemp -d "$wroot/.cfmta-golden.XXXXXX") || exit 2
trap 'rm -rf "$w"' EXIT
golden_setup "$w" || { echo "FAIL: golden setup"; echo "golden: 0 passed, 1 failed"; exit 1; }

run() {	# run CONFIGFILE IN ARGS -> stdout
	# shellcheck disable=SC2086
	(cd "$w" && unshare -u sh -c 'hostname "$1"; shift; exec "$@"' sh "$GOLDEN_HOST" \
		"$CFMTA" -bt -C "$1" -ODontProbeInterfaces=true \
		-OHostsFile="$w/hosts" $3 < "$2" 2>/dev/null) | golden_filter
}

# check NAME MODE GOT: compare with NAME.out, honouring XFAIL
check() {
	why=$(awk -v n="$1" -v m="$2" '$1 == n && $2 == m { $1 = $2 = ""; sub(/^  /, ""); print; exit }' "$GOLDEN_SRC/XFAIL" 2>/dev/null)
	if cmp -s "$GOLDEN_SRC/$1.out" "$3"; then
		pass=$((pass+1))
		[ -z "$why" ] || echo "XPASS: golden $1 ($2) now matches; remove it from tests/golden/XFAIL"
	elif [ -n "$why" ]; then
		xfail=$((xfail+1))
		echo "XFAIL: golden $1 ($2): $why"
	else
		echo "FAIL: golden $1 ($2)"
		diff "$GOLDEN_SRC/$1.out" "$3" | head -20
		fail=$((fail+1))
	fi
}

for in in "$GOLDEN_SRC"/*.in; do
	[ -f "$in" ] || continue
	name=${in##*/}; name=${name%.in}
	out=$GOLDEN_SRC/$name.out
	cf=$(golden_cf "$in")
	args=$(golden_args "$in")
	if [ ! -f "$out" ]; then
		echo "FAIL: golden $name (no $name.out; run make oracle)"
		fail=$((fail+1)); continue
	fi
	run "$cf.cf" "$in" "$args" > "$w/$name.got"
	check "$name" cf "$w/$name.got"
	# the compiled image must behave the same
	if [ -x "$CFC" ] && (cd "$w" && "$CFC" --permissive "$cf.cf" -o "$cf.cfb") >/dev/null 2>&1; then
		run "$cf.cfb" "$in" "$args" > "$w/$name.gotb"
		check "$name" cfb "$w/$name.gotb"
		# decompiled text must compile to the identical image and, under
		# the real sendmail (when installed), give the same transcript
		(cd "$w" && "$CFC" --decompile "$cf.cfb" > "$cf.dec" &&
		    cp "$cf.cf" "$cf.orig" && cp "$cf.dec" "$cf.cf" &&
		    "$CFC" --permissive "$cf.cf" -o "$cf.cfb2") >/dev/null 2>&1
		if cmp -s "$w/$cf.cfb" "$w/$cf.cfb2"; then pass=$((pass+1)); else
			echo "FAIL: golden $name: decompile round trip does not give the same image"
			fail=$((fail+1)); fi
		if [ -n "${GOLDEN_ORACLE:-}" ] && command -v sendmail >/dev/null 2>&1; then
			printf 'hosts files\naliases files\npasswd files\n' > "$w/switch"
			(cd "$w" && unshare -u sh -c 'hostname "$1"; shift; exec "$@"' sh "$GOLDEN_HOST" \
			    sendmail -bt -C "$cf.cf" -ODontProbeInterfaces=true \
			    -OServiceSwitchFile="$w/switch" -OHostsFile="$w/hosts" $args < "$in" 2>/dev/null) |
			    golden_filter > "$w/$name.dec.got"
			check "$name" decompiled-under-sendmail "$w/$name.dec.got"
		fi
		[ -f "$w/$cf.orig" ] && mv "$w/$cf.orig" "$w/$cf.cf"
	fi
done
[ $xfail -eq 0 ] || echo "golden: $xfail known mismatches (tests/golden/XFAIL)"
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
