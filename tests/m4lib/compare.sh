#!/bin/sh
# compare.sh -- check that m4lib builds configurations that behave like the
# ones built by the classic sendmail-cf tree.
#
# For every sample mc-samples/NAME.mc and every tests/m4lib/extra/NAME.mc
# (or the names given as arguments):
#   1. build NAME.cf with the upstream tree and with m4lib,
#   2. point /etc/mail/ paths of both at a private copy of fixtures/
#      (map .db files are rebuilt there with makemap),
#   3. feed corpus/NAME.bt (address test mode commands) to the -bt engine
#      for both files,
#   4. keep only the outcome of every command (see outcomes() below) and
#      diff the two.
#
# usage: tests/m4lib/compare.sh [-e ENGINE] [-k] [-v] [NAME ...]
#   -e ENGINE  command run as "ENGINE FILE.cf < commands" (default: the
#              oracle, /work/shared/oracle/sendmail-bt).  Also settable
#              with the M4LIB_ENGINE environment variable.  For the
#              project's runtime use a wrapper that compiles FILE.cf and
#              runs "build/cfmta -bt -C FILE.cfb".
#   -k         keep the work directory (printed at the end)
#   -v         print the differing outcome lines
# env: UPSTREAM_CF_DIR (default /usr/share/sendmail/cf/)
#
# Output: one line per sample "NAME: N commands, M mismatches", then a
# closing "P passed, F failed" line.  Exit status 1 when any sample differs
# or fails to build.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ENGINE=${M4LIB_ENGINE:-/work/shared/oracle/sendmail-bt}
UPSTREAM=${UPSTREAM_CF_DIR:-/usr/share/sendmail/cf/}
keep=0 verbose=0
while getopts e:kv opt; do
	case $opt in
	e) ENGINE=$OPTARG ;;
	k) keep=1 ;;
	v) verbose=1 ;;
	*) echo "usage: $0 [-e ENGINE] [-k] [-v] [NAME ...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# not under /tmp: sendmail refuses map files below a world-writable directory
work=$(mktemp -d "${M4LIB_WORKDIR:-${HOME:-/root}}/.m4lib-compare.XXXXXX")
[ $keep = 1 ] || trap 'rm -rf "$work"' EXIT

# the one place where the engine is invoked
run_engine() {	# run_engine CF < commands
	$ENGINE "$1" 2>&1
}

build() {	# build CFDIR MC > CF
	m4 -D_CF_DIR_="$1" -D_NO_MAKEINFO_ "$1/m4/cf.m4" "$2"
}

# Outcome lines of an address test session.  Each command's output starts
# after a "> " prompt.  Ruleset traces ("X input:"/"X returns:") nest; only
# the "returns:" of a top level ruleset is kept, internal rulesets differ
# between the two trees.  Every other line (mailer/host/user triples,
# "Rcode = ..." lines, errors) is kept.  Each kept line is prefixed with
# the command number and the command text.
outcomes() {	# outcomes CORPUS < engine-output
	awk -v corpus="$1" '
	BEGIN { while ((getline l < corpus) > 0) cmd[++nc] = l }
	{
		line = $0
		while (substr(line, 1, 2) == "> " || line == ">") {
			n++; depth = 0
			line = (line == ">") ? "" : substr(line, 3)
		}
		if (line == "") next
		# before the first prompt: diagnostics from reading the cf file
		if (n == 0) {
			# the file name and line number differ between the two files
			sub(/^[^ ]*\.cf: line [0-9]+: /, "FILE.cf: line N: ", line)
			if (line !~ /^(ADDRESS TEST MODE|Enter <ruleset> <address>)/)
				print "0: (loading the cf) => " line
			next
		}
		# automatically assigned ruleset numbers differ between trees
		gsub(/ \([0-9]+\) status/, " status", line)
		if (line ~ /^[^ ]+ +input:/) { depth++; next }
		if (line ~ /^[^ ]+ +returns:/) {
			depth--
			if (depth == 0) {
				sub(/ +returns:/, " returns:", line)
				print n ": " cmd[n] " => " line
			}
			next
		}
		print n ": " cmd[n] " => " line
	}'
}

fix=$work/fixtures
mkdir -p "$fix"
cp "$here"/fixtures/* "$fix"/ 2>/dev/null
for m in access mailertable virtusertable genericstable domaintable authinfo bcctable drac bitdomain uudomain; do
	[ -f "$fix/$m" ] && (cd "$fix" && rm -f "$m.db" && makemap hash "$m" < "$m")
done

[ $# -gt 0 ] || set -- $(cd "$root/mc-samples" && ls *.mc | sed 's/\.mc$//') \
	$(cd "$here/extra" && ls *.mc | sed 's/\.mc$//')
pass=0 fail=0
for name; do
	mc=$root/mc-samples/$name.mc
	[ -f "$mc" ] || mc=$here/extra/$name.mc
	corpus=$here/corpus/$name.bt
	if [ ! -f "$mc" ] || [ ! -f "$corpus" ]; then
		echo "$name: missing $mc or $corpus"; fail=$((fail + 1)); continue
	fi
	for tree in up our; do
		case $tree in up) dir=$UPSTREAM ;; our) dir=$root/m4lib/ ;; esac
		if ! build "$dir" "$mc" > "$work/$name.$tree.raw" 2> "$work/$name.$tree.m4err" ||
		   grep -q '^\*\*\* ERROR' "$work/$name.$tree.m4err"; then
			echo "$name: build with $tree tree failed"; cat "$work/$name.$tree.m4err"
		fi
		sed "s,/etc/mail/,$fix/,g" "$work/$name.$tree.raw" > "$work/$name.$tree.cf"
		run_engine "$work/$name.$tree.cf" < "$corpus" > "$work/$name.$tree.out"
		outcomes "$corpus" < "$work/$name.$tree.out" > "$work/$name.$tree.res"
	done
	ncmd=$(grep -c . "$corpus")
	diff "$work/$name.up.res" "$work/$name.our.res" > "$work/$name.diff"
	nbad=$(grep '^[<>]' "$work/$name.diff" | sed 's/^[<>] \([0-9]*\):.*/\1/' | sort -u | grep -c .)
	echo "$name: $ncmd commands, $nbad mismatches"
	if [ "$nbad" -eq 0 ] && [ -s "$work/$name.up.res" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		[ $verbose = 1 ] && head -40 "$work/$name.diff"
	fi
done
[ $keep = 1 ] && echo "work directory: $work"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
