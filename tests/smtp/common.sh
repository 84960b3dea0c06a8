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
