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
# usage: tests/m4lib/compare.sh [-e ENGINE] [-g|-G] [-k] [-v] [NAME ...]
#   -e ENGINE  command run as "ENGINE FILE.cf < commands" (default: the
#              oracle, /work/shared/oracle/sendmail-bt).  Also settable
#              with the M4LIB_ENGINE environment variable.  For the
#              project's runtime use a wrapper that compiles FILE.cf and
#              runs "build/cfmta -bt -C FILE.cfb".
#   -g         golden mode: compare the m4lib-built cf run by ENGINE with
#              golden/NAME.res.gz (the real sendmail's outcomes on the
#              upstream-built cf) -- needs neither the upstream tree nor
#              sendmail when ENGINE is the project's runtime; maps are then
#              built with db_load instead of makemap.  Without NAMEs: every
#              sample that has a golden file
#   -G         write golden/NAME.res.gz from the upstream tree and ENGINE
#              (the oracle); without NAMEs for every mc-samples/*.mc
#   -k         keep the work directory (printed at the end)
#   -v         print the differing outcome lines
# env: UPSTREAM_CF_DIR (default /usr/share/sendmail/cf/)
#
# Output: one line per sample "NAME: N commands, M mismatches (L differing
# outcome lines)" (M counts commands), "FAIL: ..." lines, the total of
# differing outcome lines, then a closing "P passed, F failed" line.  Exit status 1 when any sample differs
# or fails to build.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ENGINE=${M4LIB_ENGINE:-/work/shared/oracle/sendmail-bt}
UPSTREAM=${UPSTREAM_CF_DIR:-/usr/share/sendmail/cf/}
keep=0 verbose=0 mode=compare
while getopts e:gGkv opt; do
	case $opt in
	e) ENGINE=$OPTARG ;;
	g) mode=golden ;;
	G) mode=write-golden ;;
	k) keep=1 ;;
	v) verbose=1 ;;
	*) echo "usage: $0 [-e ENGINE] [-g|-G] [-k] [-v] [NAME ...]" >&2; exit 2 ;;
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

# a map from a fixture source: makemap when sendmail is installed,
# otherwise Berkeley DB's db_load with makemap's defaults (keys folded to
# lower case, no trailing NUL, "#" lines and blank lines skipped)
mkmap() {	# mkmap NAME   (in the fixtures directory)
	rm -f "$1.db"
	if command -v makemap > /dev/null 2>&1; then
		makemap hash "$1" < "$1"
	else
		awk '/^[ \t]*(#|$)/ { next }
		{ k = tolower($1); v = $0; sub(/^[^ \t]+[ \t]+/, "", v)
		  if (v == $0) v = ""; print k; print v }' "$1" | db_load -T -t hash "$1.db"
	fi
}
fix=$work/fixtures
mkdir -p "$fix"
cp "$here"/fixtures/* "$fix"/ 2>/dev/null
for m in access mailertable virtusertable genericstable domaintable authinfo bcctable drac bitdomain uudomain; do
	[ -f "$fix/$m" ] && (cd "$fix" && mkmap "$m")
done

# number of command prompts the engine answered
prompts() { awk '{ while (substr($0, 1, 2) == "> " || $0 == ">") { n++; $0 = ($0 == ">") ? "" : substr($0, 3) } }
	END { print n + 0 }' "$1"; }

if [ $# -eq 0 ]; then
	set -- $(cd "$root/mc-samples" && ls *.mc | sed 's/\.mc$//')
	case $mode in
	compare) set -- "$@" $(cd "$here/extra" && ls *.mc | sed 's/\.mc$//') ;;
	golden) set -- $(cd "$here/golden" && ls *.res.gz | sed 's/\.res\.gz$//') ;;
	esac
fi
case $mode in
compare) trees="up our" ;;
golden) trees="our" ;;
write-golden) trees="up"; mkdir -p "$here/golden" ;;
esac
pass=0 fail=0 total=0
for name; do
	mc=$root/mc-samples/$name.mc
	[ -f "$mc" ] || mc=$here/extra/$name.mc
	corpus=$here/corpus/$name.bt
	if [ ! -f "$mc" ] || [ ! -f "$corpus" ]; then
		echo "FAIL: $name: missing $mc or $corpus"; fail=$((fail + 1)); continue
	fi
	ncmd=$(grep -c . "$corpus")
	ok=1
	for tree in $trees; do
		case $tree in up) dir=$UPSTREAM ;; our) dir=$root/m4lib/ ;; esac
		if ! build "$dir" "$mc" > "$work/$name.$tree.raw" 2> "$work/$name.$tree.m4err" ||
		   grep -q '^\*\*\* ERROR' "$work/$name.$tree.m4err"; then
			echo "FAIL: $name: build with $tree tree failed"; cat "$work/$name.$tree.m4err"; ok=0
		fi
		sed "s,/etc/mail/,$fix/,g" "$work/$name.$tree.raw" > "$work/$name.$tree.cf"
		run_engine "$work/$name.$tree.cf" < "$corpus" > "$work/$name.$tree.out"
		outcomes "$corpus" < "$work/$name.$tree.out" > "$work/$name.$tree.res"
		# an engine that did not start answers no prompt: never a pass
		np=$(prompts "$work/$name.$tree.out")
		if [ "$np" -lt "$ncmd" ]; then
			echo "FAIL: $name: the engine answered $np of $ncmd commands ($tree tree)"
			head -3 "$work/$name.$tree.out" | sed 's/^/    /'; ok=0
		fi
	done
	case $mode in
	write-golden)
		if [ $ok = 1 ]; then
			gzip -n -9 < "$work/$name.up.res" > "$here/golden/$name.res.gz"
			echo "$name: golden written ($ncmd commands)"; pass=$((pass + 1))
		else fail=$((fail + 1)); fi
		continue ;;
	golden)
		if [ ! -f "$here/golden/$name.res.gz" ]; then
			echo "FAIL: $name: no golden file golden/$name.res.gz"; fail=$((fail + 1)); continue
		fi
		gzip -dc "$here/golden/$name.res.gz" > "$work/$name.up.res" ;;
	esac
	diff "$work/$name.up.res" "$work/$name.our.res" > "$work/$name.diff"
	nbad=$(grep '^[<>]' "$work/$name.diff" | sed 's/^[<>] \([0-9]*\):.*/\1/' | sort -u | grep -c .)
	nlines=$(grep -c '^[<>]' "$work/$name.diff")
	total=$((total + nlines))
	echo "$name: $ncmd commands, $nbad mismatches ($nlines differing outcome lines)"
	if [ $ok = 1 ] && [ "$nbad" -eq 0 ] && [ -s "$work/$name.up.res" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		[ "$nbad" -eq 0 ] || echo "FAIL: $name: $nbad commands with different outcomes"
		[ $verbose = 1 ] && head -40 "$work/$name.diff"
	fi
done
[ $keep = 1 ] && echo "work directory: $work"
[ $mode = write-golden ] || echo "differing outcome lines in all: $total"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
