# tests/smtp/common.sh -- sourced by tests/smtp/*.sh (". common.sh"): the
# build directory from $1 (absolute), the tree, the binaries, the
# pass/fail counters and their ok/bad helpers.  Each script prints
# "NAME: N passed, M failed" last; run.sh adds them up.
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
CFC=$B/cfc CFMTA=$B/cfmta MKMAP=$B/cfmakemap
pass=0 fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }

# smtp_test NAME: the start of a test script that needs perl (SKIP and
# exit without it): $G, golden/lib.sh sourced, the work directory $T,
# removed at exit unless KEEP is set, when the processes named by
# $SINKPID, $DPID and $LOGPID are killed too
smtp_test() {
	G=$TOP/tests/smtp/golden
	if ! command -v perl > /dev/null 2>&1; then
		echo "SKIP: $1 tests (no perl)"; echo "$1: 0 passed, 0 failed"
		exit 0
	fi
	T=$(mktemp -d "/tmp/cfmta-$1.XXXXXX")
	SINKPID= DPID= LOGPID=
	trap 'for p in $SINKPID $DPID $LOGPID; do kill "$p" 2>/dev/null; done
	    [ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
	. "$G/lib.sh"
	chmod 755 "$T"
}
