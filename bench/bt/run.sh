#!/bin/sh
# bench/bt/run.sh -- address test mode throughput: N "3,0 address" lines
# through the upstream generic-linux config, the real sendmail 8.17 vs
# cfmta on the compiled image, in one run; outputs must be identical.
# Also image verify+load time.  Prints numbers and ratios; asserts nothing
# about speed.   usage: sh bench/bt/run.sh [N]   (default 20000)
# RUNS=k (default 5) rounds; each round runs cfmta 3 times and sendmail
# once, one after the other, so both programs' samples are spread over
# the whole measurement: on a shared machine the speed changes for
# seconds at a time, and samples taken back to back would all fall in
# one fast or one slow spell.  Reported: the best (least disturbed) and
# the median run of each, wall time and CPU time (user + system of the
# run's processes), and the ratios of bests and of medians.
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-20000}
B=$top/build
t=$(mktemp -d "${HOME:-/root}/.bench-bt.XXXXXX"); trap 'rm -rf "$t"' EXIT
cfdir=${UPSTREAM_CF_DIR:-/usr/share/sendmail/cf}
if [ -d "$cfdir/cf" ]; then
	(cd "$cfdir/cf" && m4 -D_NO_MAKEINFO_ ../m4/cf.m4 generic-linux.mc) > "$t/gl.cf"
else
	echo "bench/bt: upstream cf tree not found; using m4lib's generic.mc"
	m4 -D_NO_MAKEINFO_ "$top/m4lib/m4/cf.m4" "$top/mc-samples/generic.mc" > "$t/gl.cf"
fi
"$B/cfc" "$t/gl.cf" -o "$t/gl.cfb"
# varied addresses (no two lines alike), in the shapes real traffic has
awk -v n="$N" 'BEGIN {
	m = split("%u|%u@%h|%u@mx.example.com|<%u@%h>|%h!%u|%u%%%h@relay.example.net|\"%u x\"@%h|<@r.example:%u@%h>|%u@[192.0.2.%d]|%u@relay|%u@www|Full Name <%u@%h>|%u+tag@%h|%u@%h.", f, "|");
	for (i = 0; i < n; i++) {
		s = f[i % m + 1]
		gsub(/%u/, "user" i, s); gsub(/%h/, "host" (i % 97) ".example.org", s)
		gsub(/%d/, i % 250, s)
		printf "3,0 %s\n", s
	}
}' > "$t/in"
run_ours() {
	unshare -u sh -c 'hostname mx.example.com; exec "$@"' sh "$B/cfmta" -bt -C "$t/gl.cfb" \
	    -ODontProbeInterfaces=true -OHostsFile=/work/shared/oracle/hosts < "$t/in" > "$t/ours.out"
}
now() { date +%s.%N; }
RUNS=${RUNS:-5}
# the CPU time (user + system) of this shell's finished children that
# `times > "$t/times"` saw, in seconds (times must run in this shell:
# in a $(...) subshell it would see that subshell's children)
child_cpu() {
	sed -n 2p "$t/times" | tr 'ms' '  ' |
	    awk '{ printf "%.3f\n", $1 * 60 + $2 + $3 * 60 + $4 }'
}
# run "$2..." once; append "wall cpu" (seconds) to the file $1
sample() {
	f=$1; shift
	times > "$t/times"; c0=$(child_cpu)
	s=$(now); "$@"; e=$(now)
	times > "$t/times"; c1=$(child_cpu)
	echo "$(echo "$e - $s" | bc) $(echo "$c1 - $c0" | bc)" >> "$f"
}
# "best median" of column $2 of file $1
stats() {
	sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
	    END { printf "%.3f %.3f\n", v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
run_sm() { /work/shared/oracle/sendmail-bt "$t/gl.cf" < "$t/in" > "$t/sm.out"; }
have_sm=false
if [ -x /work/shared/oracle/sendmail-bt ] && command -v sendmail >/dev/null 2>&1; then
	have_sm=true
fi
: > "$t/ours.t"; : > "$t/sm.t"
for k in $(seq "$RUNS"); do
	sample "$t/ours.t" run_ours
	$have_sm && sample "$t/sm.t" run_sm
	sample "$t/ours.t" run_ours
	sample "$t/ours.t" run_ours
done
set -- $(stats "$t/ours.t" 1) $(stats "$t/ours.t" 2)
ow=$1 owm=$2 oc=$3 ocm=$4
echo "cfmta:    $N lines: best ${ow}s, median ${owm}s wall; CPU best ${oc}s, median ${ocm}s ($((RUNS * 3)) runs)"
if $have_sm; then
	set -- $(stats "$t/sm.t" 1) $(stats "$t/sm.t" 2)
	sw=$1 swm=$2 sc=$3 scm=$4
	echo "sendmail: $N lines: best ${sw}s, median ${swm}s wall; CPU best ${sc}s, median ${scm}s ($RUNS runs)"
	if cmp -s "$t/sm.out" "$t/ours.out"; then echo "outputs identical"; else echo "OUTPUTS DIFFER"; diff "$t/sm.out" "$t/ours.out" | head -5; fi
	r() { echo "scale=1; $1 / $2" | bc; }
	echo "ratio (sendmail / cfmta): best $(r "$sw" "$ow")x, median $(r "$swm" "$owm")x wall; best $(r "$sc" "$oc")x, median $(r "$scm" "$ocm")x CPU"
else
	echo "sendmail not installed: no ratio"
fi
cc -O2 -I"$top/runtime/lib" -o "$t/loadtime" "$top/bench/bt/loadtime.c" "$B/libcfrt.a" -ldb -lresolv
"$t/loadtime" "$t/gl.cfb" 200
