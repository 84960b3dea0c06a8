#!/bin/sh
# tables.sh -- the data tables of m4lib: options, OS types, mailer macros.
#
# Pure m4 (always run):
#   options-set     every entry of the option table (m4/options.m4), when
#                   defined in a .mc, gives "O Option=value"
#   options-unset   with nothing defined, every option (but the milter
#                   ones) is written exactly once (as "O ..." or "#O ...")
#   known-names     defining every known conf* name draws no warning
# Against the upstream tree (only when it is installed):
#   options-upstream  the same O lines (order aside) as upstream, with all
#                   options defined and with none
#   ostype-NAME     for every OS type: options, mailer definitions,
#                   trusted users and class files as upstream
#   mailer-macros   every XXX_MAILER_* / LOCAL_SHELL_* macro and
#                   MODIFY_MAILER_FLAGS of every mailer: identical M lines
#   helpers         SITECONFIG/SITE and UUCPSMTP write the same cf text
# Last line: "N passed, M failed"; failures start with "FAIL".
set -u
here=$(cd "$(dirname "$0")" && pwd)
lib=$(cd "$here/../../m4lib" && pwd)/
UPSTREAM=${UPSTREAM_CF_DIR:-/usr/share/sendmail/cf/}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/m4lib-tables.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

build() {	# build CFDIR MC > CF   (stderr to MC.err)
	m4 -D_CF_DIR_="$1" -D_NO_MAKEINFO_ "$1/m4/cf.m4" "$2" 2> "$2.err"
}
olines() { grep -E '^#?O ' | sort; }

# NAME<TAB>Option<TAB>kind of every table entry
sed -n "s/^_m4l_opt(\`\([^']*\)',[	 ]*\`\([^']*\)',.*\`\([a-z]*\)')dnl\$/\1	\2	\3/p;
	s/^_m4l_opt(\`\([^']*\)',[	 ]*\`\([^']*\)',[^\`]*\`[^']*')dnl\$/\1	\2	/p" \
	"$lib/m4/options.m4" > "$tmp/table"
sed -n "s/^[	 ]*_m4l_name(\`\([^']*\)')\$/\1/p" "$lib/m4/options.m4" > "$tmp/names"
n=$(grep -c . "$tmp/table")
[ "$n" -gt 150 ] || bad "options: only $n table entries parsed from m4/options.m4"

# all options defined; a mail filter so that the milter options appear
{
	echo "OSTYPE(\`linux')dnl"
	cut -f1 "$tmp/table" | while read -r name; do
		echo "define(\`$name', \`V_$name')dnl"
	done
	echo "MAIL_FILTER(\`f1', \`S=local:/var/run/f1.sock')dnl"
	echo "MAILER(\`local')dnl"
	echo "MAILER(\`smtp')dnl"
} > "$tmp/all.mc"
printf "OSTYPE(\`linux')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n" > "$tmp/none.mc"

build "$lib" "$tmp/all.mc" > "$tmp/all.our"
build "$lib" "$tmp/none.mc" > "$tmp/none.our"
missing=$(while IFS='	' read -r name opt kind; do
	grep -qxF "O $opt=V_$name" "$tmp/all.our" || printf ' %s' "$name"
done < "$tmp/table")
[ -z "$missing" ] && ok || bad "options-set: no \"O Option=value\" line for$missing"
dups=$(while IFS='	' read -r name opt kind; do
	[ "$kind" = milter ] && continue	# only written with mail filters
	c=$(grep -cE "^#?O $opt(=|\$)" "$tmp/none.our" | tr -dc 0-9)
	[ "$c" = 1 ] || printf ' %s(%s)' "$opt" "$c"
done < "$tmp/table")
[ -z "$dups" ] && ok || bad "options-unset: options not written exactly once:$dups"

{
	echo "OSTYPE(\`linux')dnl"
	cat "$tmp/names" "$tmp/table" | cut -f1 | while read -r name; do
		echo "define(\`$name', \`')dnl"
	done
} > "$tmp/known.mc"
build "$lib" "$tmp/known.mc" > /dev/null
if grep -q 'unknown option name' "$tmp/known.mc.err"; then
	bad "known-names: known names reported as unknown:"; grep 'unknown option name' "$tmp/known.mc.err" | head -5
else ok; fi

if [ ! -f "$UPSTREAM/m4/cf.m4" ]; then
	echo "SKIP: upstream tree $UPSTREAM not installed: comparisons skipped"
	echo "$pass passed, $fail failed"
	[ $fail -eq 0 ]; exit
fi

d=""
for mc in all none; do
	build "$UPSTREAM" "$tmp/$mc.mc" | olines > "$tmp/$mc.up.o"
	olines < "$tmp/$mc.our" > "$tmp/$mc.our.o"
	cmp -s "$tmp/$mc.up.o" "$tmp/$mc.our.o" || d="$d $mc"
done
if [ -z "$d" ]; then ok; else
	bad "options-upstream: O lines differ from upstream ($d )"
	for mc in $d; do diff "$tmp/$mc.up.o" "$tmp/$mc.our.o" | head -10 | sed 's/^/    /'; done
fi

# every OS type both trees know (unknown refuses to build in both)
defs='^(#?O |M|[	 ]+[A-Z]=|T|Ft|Fw|Cw)'
for f in "$UPSTREAM"/ostype/*.m4; do
	os=${f##*/}; os=${os%.m4}
	[ "$os" = unknown ] && continue
	if [ ! -f "$lib/ostype/$os.m4" ]; then bad "ostype-$os: not in m4lib"; continue; fi
	mc=$tmp/os-$os.mc
	printf "OSTYPE(\`%s')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\nMAILER(\`procmail')dnl\nMAILER(\`uucp')dnl\n" "$os" > "$mc"
	build "$UPSTREAM" "$mc" | grep -E "$defs" | sort > "$mc.up"
	build "$lib" "$mc" | grep -E "$defs" | sort > "$mc.our"
	if cmp -s "$mc.up" "$mc.our"; then ok; else
		bad "ostype-$os: definitions differ from upstream"
		diff "$mc.up" "$mc.our" | head -6 | sed 's/^/    /'
	fi
done

# every mailer macro of the mailers m4lib has, and MODIFY_MAILER_FLAGS
mc=$tmp/mailers.mc
mailers='local smtp procmail uucp cyrus cyrusv2 pop phquery qpage fax usenet mail11 ssh xagent'
{
	echo "OSTYPE(\`linux')dnl"
	for m in $mailers; do cat "$UPSTREAM/mailer/$m.m4"; done |
		grep -ohE '\b[A-Z0-9]+_(MAILER|SHELL)_[A-Z_]+\b' | grep -v '_FLAGS$' | sort -u |
		while read -r v; do echo "define(\`$v', \`V_$v')dnl"; done
	for v in LOCAL_MAILER_FLAGS LOCAL_SHELL_FLAGS UUCP_MAILER_FLAGS SMTP_MAILER_FLAGS SSH_MAILER_FLAGS XAGENT_MAILER_FLAGS; do
		echo "define(\`$v', \`Wq')dnl"
	done
	for m in LOCAL SMTP ESMTP SMTP8 DSMTP RELAY UUCP PROCMAIL CYRUS CYRUSV2 POP PH QPAGE FAX USENET MAIL11 SSH; do
		echo "MODIFY_MAILER_FLAGS(\`$m', \`+Q-m')dnl"
	done
	for m in $mailers; do echo "MAILER(\`$m')dnl"; done
} > "$mc"
# mailer definitions, blanks between fields normalised (not significant)
mdefs() { awk '/^M/ { m = 1 } /^$/ { m = 0 } m { gsub(/[ \t]+/, " "); print }'; }
build "$UPSTREAM" "$mc" | mdefs > "$mc.up"
build "$lib" "$mc" | mdefs > "$mc.our"
if [ -s "$mc.up" ] && cmp -s "$mc.up" "$mc.our"; then ok; else
	bad "mailer-macros: mailer definitions differ from upstream"
	diff "$mc.up" "$mc.our" | head -10 | sed 's/^/    /'
fi

# helper macros that write cf text: SITECONFIG/SITE and UUCPSMTP, in a
# copy of each tree with a site file added
for tree in up our; do
	case $tree in up) src=$UPSTREAM ;; our) src=$lib ;; esac
	t=$tmp/tree-$tree
	mkdir -p "$t/siteconfig"
	for e in "$src"/*; do
		[ "${e##*/}" = siteconfig ] || ln -s "$e" "$t/${e##*/}"
	done
	printf 'SITE(alpha)\nSITE(beta, S)\nSITE(gamma)\n' > "$t/siteconfig/uucp.test.m4"
	{
		printf "OSTYPE(\`linux')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n"
		printf "MAILER(\`uucp')dnl\nLOCAL_CONFIG\nSITECONFIG(\`uucp.test', \`ourhost', \`U')\n"
		printf "SITECONFIG(\`uucp.test', \`ourname', \`Z')\n"
		printf "LOCAL_UUCP\nUUCPSMTP(\`oldhost', \`oldhost.example.com')\n"
	} > "$tmp/helpers.mc"
	m4 -D_CF_DIR_="$t/" -D_NO_MAKEINFO_ "$t/m4/cf.m4" "$tmp/helpers.mc" 2> "$tmp/helpers.$tree.err" |
		grep -E '^(DU|DZ|C[wUYZ]|R.*oldhost)' | sed 's/[ 	]*$//' | sort > "$tmp/helpers.$tree"
done
if [ -s "$tmp/helpers.up" ] && cmp -s "$tmp/helpers.up" "$tmp/helpers.our"; then ok; else
	bad "helpers: SITECONFIG/SITE/UUCPSMTP output differs from upstream"
	diff "$tmp/helpers.up" "$tmp/helpers.our" | head -10 | sed 's/^/    /'
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
