#!/bin/sh
# run.sh -- all m4lib tests: misuse diagnostics (pure m4) and, when the
# classic sendmail-cf tree and a -bt engine are available, the behaviour
# comparison.  Closing line: "N passed, M failed".
here=$(cd "$(dirname "$0")" && pwd)
engine=${M4LIB_ENGINE:-/work/shared/oracle/sendmail-bt}
"$here/misuse.sh" > /tmp/m4lib-misuse.$$ 2>&1; rc1=$?
sed '$d' /tmp/m4lib-misuse.$$
set -- $(tail -1 /tmp/m4lib-misuse.$$); p=$1 f=$3
rm -f /tmp/m4lib-misuse.$$
rc2=0
if [ -d "${UPSTREAM_CF_DIR:-/usr/share/sendmail/cf/}" ] && command -v makemap >/dev/null 2>&1 &&
   { [ -x "$engine" ] || command -v "${engine%% *}" >/dev/null 2>&1; }; then
	"$here/compare.sh" > /tmp/m4lib-compare.$$ 2>&1; rc2=$?
	sed '$d' /tmp/m4lib-compare.$$
	set -- $(tail -1 /tmp/m4lib-compare.$$); p=$((p + $1)) f=$((f + $3))
	rm -f /tmp/m4lib-compare.$$
else
	echo "compare.sh skipped: no upstream tree, makemap or engine"
fi
echo "m4lib: $p passed, $f failed"
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]
