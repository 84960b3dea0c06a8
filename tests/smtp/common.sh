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

# net_test NAME SCRIPT TOOL... -- ARGS...: the start of a test that runs
# in private mount, network and UTS namespaces (root, unshare, ip and
# the TOOLs needed; SKIP and exit without them): SCRIPT runs again in
# them, where net_test returns with loopback up, golden/lib.sh sourced,
# $G set and the host name $GOLDEN_HOST
net_test() {
	_nn=$1 _ns=$2
	shift 2
	_miss=
	for _t in unshare ip; do
		command -v "$_t" >/dev/null 2>&1 || _miss="$_miss $_t"
	done
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		command -v "$1" >/dev/null 2>&1 || _miss="$_miss $1"
		shift
	done
	[ $# -gt 0 ] && shift
	if [ "$(id -u)" != 0 ] || [ -n "$_miss" ] || ! unshare -mnu true 2>/dev/null; then
		echo "SKIP: $_nn (needs root, unshare -mnu, ip and$_miss)"
		echo "$_nn: 0 passed, 0 failed"
		exit 0
	fi
	if [ "${NET_TEST_INNER:-}" != 1 ]; then
		NET_TEST_INNER=1 exec unshare -mnu sh "$_ns" "$@"
	fi
	G=$TOP/tests/smtp/golden
	. "$G/lib.sh"
	mount --make-rprivate / 2>/dev/null
	ip link set lo up || { echo "$_nn: 0 passed, 1 failed"; exit 1; }
	hostname "$GOLDEN_HOST"
}

# oracle_mta NAME: after net_test, in a script that also writes its own
# golden: $MTA is the real sendmail when ORACLE=1 (without sendmail-bin
# nothing is regenerated: exit 0), else cfmta; $T a work directory that
# sendmail accepts (not under /tmp: it refuses a world-writable parent)
oracle_mta() {
	if [ "${ORACLE:-}" = 1 ]; then
		MTA=${SENDMAIL:-/usr/sbin/sendmail}
		if ! [ -x "$MTA" ] || ! dpkg -s sendmail-bin >/dev/null 2>&1; then
			echo "$1 oracle: sendmail-bin is not installed; nothing regenerated" >&2
			exit 0
		fi
	else
		MTA=$CFMTA
	fi
	T=$(mktemp -d "${HOME:-/root}/.cfmta-$1.XXXXXX")
	chmod 755 "$T"
}
