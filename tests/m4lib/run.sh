#!/bin/sh
# run.sh [BUILD] -- the m4lib test group, as run by tests/run.sh (make check).
#
# Always (pure m4, no sendmail needed, a few seconds):
#   misuse.sh   exact diagnostics of misused .mc files, determinism
#   tables.sh   the conf* -> option table, OS types and mailer macros
#               (compared with the upstream tree when it is installed)
#   samples     every mc-samples/*.mc and tests/m4lib/extra/*.mc builds
#               with m4lib without "*** ERROR" or m4 complaints, and with
#               the upstream tree when it is installed
# Only with M4LIB_COMPARE=1 (slow, needs the oracle and makemap):
#   compare.sh  behaviour of m4lib-built vs upstream-built cf files
# Only with M4LIB_COMPARE=golden (needs M4LIB_ENGINE, e.g. the runtime):
#   compare.sh -g  the m4lib-built cf run by that engine vs the goldens
#               the real sendmail gave on the upstream-built cf
#
# BUILD (the build directory) is accepted for the tests/run.sh interface
# and not used: nothing here needs the compiled programs.
# Failures are lines starting with "FAIL"; the last line is
# "m4lib: N passed, M failed".
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$root/m4lib
UPSTREAM=${UPSTREAM_CF_DIR:-/usr/share/sendmail/cf/}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/m4lib-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
p=0 f=0

# sub NAME CMD...: run a script whose last line is "N passed, M failed"
sub() {
	name=$1; shift
	"$@" > "$tmp/$name.out" 2>&1; rc=$?
	sed '$d' "$tmp/$name.out"
	set -- $(tail -1 "$tmp/$name.out")
	case "$1:$3" in
	*[!0-9:]*|:*|*:) echo "FAIL: $name: no summary line"; f=$((f + 1)); return ;;
	esac
	p=$((p + $1)) f=$((f + $3))
	if [ $rc -ne 0 ] && [ "$3" -eq 0 ]; then
		echo "FAIL: $name exited with status $rc"; f=$((f + 1))
	fi
}

sub misuse sh "$here/misuse.sh"
sub tables sh "$here/tables.sh"

# every sample builds cleanly with both trees
have_up=0
[ -f "$UPSTREAM/m4/cf.m4" ] && have_up=1
[ $have_up = 1 ] || echo "SKIP: upstream tree $UPSTREAM not installed: samples built with m4lib only"
for mc in "$root"/mc-samples/*.mc "$here"/extra/*.mc; do
	[ -f "$mc" ] || continue
	n=${mc##*/}
	for tree in our up; do
		case $tree in
		our) dir=$lib/ ;;
		up) [ $have_up = 1 ] || continue; dir=$UPSTREAM ;;
		esac
		m4 -D_CF_DIR_="$dir" -D_NO_MAKEINFO_ "$dir/m4/cf.m4" "$mc" > "$tmp/cf" 2> "$tmp/err"
		rc=$?
		# upstream prints multi-line warnings: only "*** ERROR" and
		# m4's own messages ("m4:...") count as failures
		if [ $rc -eq 0 ] && [ -s "$tmp/cf" ] &&
		   ! grep -q -e '^\*\*\* ERROR' -e '^m4:' "$tmp/err"; then
			p=$((p + 1))
		else
			f=$((f + 1)); echo "FAIL: $n does not build with the $tree tree (m4 status $rc)"
			sed 's/^/    /' "$tmp/err" | head -10
		fi
	done
done

if [ "${M4LIB_COMPARE:-0}" = golden ]; then
	# no upstream tree or sendmail needed: M4LIB_ENGINE (e.g. a wrapper
	# around the project's cfmta) against the committed goldens
	sub golden sh "$here/compare.sh" -g
elif [ "${M4LIB_COMPARE:-0}" = 1 ]; then
	engine=${M4LIB_ENGINE:-/work/shared/oracle/sendmail-bt}
	if [ $have_up = 1 ] && command -v makemap > /dev/null 2>&1 &&
	   { [ -x "$engine" ] || command -v "${engine%% *}" > /dev/null 2>&1; }; then
		sub compare sh "$here/compare.sh"
	else
		echo "FAIL: M4LIB_COMPARE=1 but the upstream tree, makemap or the engine ($engine) is missing"
		f=$((f + 1))
	fi
fi

echo "m4lib: $p passed, $f failed"
[ $f -eq 0 ]
