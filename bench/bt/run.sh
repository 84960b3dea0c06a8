#!/bin/sh
# bench/bt/run.sh -- address test mode throughput: N "3,0 address" lines
# through the upstream generic-linux config, the real sendmail 8.17 vs
# cfmta on the compiled image, in one run; outputs must be identical.
# Also image verify+load time.  Prints numbers and ratios; asserts nothing
# about speed.   usage: sh bench/bt/run.sh [N]   (default 20000)
# RUNS=k (default 1): each program runs k times on the same input and
# its fastest run counts, for both alike (a loaded or shared machine
# makes single runs vary by tens of percent).  Both the wall time and the
# CPU time (user + system of all the processes of a run) are given.
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
RUNS=${RUNS:-1}
# the CPU time (user + system) of this shell's finished children that
# `times > "$t/times"` saw, in seconds (times must run in this shell:
# in a $(...) subshell it would see that subshell's children)
child_cpu() {
	sed -n 2p "$t/times" | tr 'ms' '  ' |
	    awk '{ printf "%.3f\n", $1 * 60 + $2 + $3 * 60 + $4 }'
}
# best RUNS wall time of the command "$@", in seconds, in $wall; the
# best CPU time (user + system, the command's processes) in $cpu
best() {
	wall= cpu=
	for k in $(seq "$RUNS"); do
		times > "$t/times"; c0=$(child_cpu)
		s=$(now); "$@"; e=$(now)
		times > "$t/times"; c1=$(child_cpu)
		d=$(echo "$e - $s" | bc); c=$(echo "$c1 - $c0" | bc)
		if [ -z "$wall" ] || [ "$(echo "$d < $wall" | bc)" = 1 ]; then wall=$d; fi
		if [ -z "$cpu" ] || [ "$(echo "$c < $cpu" | bc)" = 1 ]; then cpu=$c; fi
	done
}
run_sm() { /work/shared/oracle/sendmail-bt "$t/gl.cf" < "$t/in" > "$t/sm.out"; }
best run_ours; ours=$wall ours_cpu=$cpu
echo "cfmta:    $N lines in ${ours}s (CPU ${ours_cpu}s)"
if [ -x /work/shared/oracle/sendmail-bt ] && command -v sendmail >/dev/null 2>&1; then
	best run_sm; sm=$wall sm_cpu=$cpu
	echo "sendmail: $N lines in ${sm}s (CPU ${sm_cpu}s)"
	if cmp -s "$t/sm.out" "$t/ours.out"; then echo "outputs identical"; else echo "OUTPUTS DIFFER"; diff "$t/sm.out" "$t/ours.out" | head -5; fi
	echo "ratio (sendmail / cfmta): $(echo "scale=1; $sm / $ours" | bc)x wall, $(echo "scale=1; $sm_cpu / $ours_cpu" | bc)x CPU"
else
	echo "sendmail not installed: no ratio"
fi
cc -O2 -I"$top/runtime/lib" -o "$t/loadtime" "$top/bench/bt/loadtime.c" "$B/libcfrt.a" -ldb -lresolv
"$t/loadtime" "$t/gl.cfb" 200
