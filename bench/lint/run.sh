#!/bin/sh
# bench/lint/run.sh [BUILD] -- time `cfc --lint` on the generic-linux cf
# next to the time m4 takes to generate it (per run, averaged over N runs).
# Prints numbers only; no assertions.  Needs sendmail-cf (the upstream
# tree) or CFDIR=DIR pointing at a cf tree with cf/generic-linux.mc.
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
CFC=${CFC:-$B/cfc}
CFDIR=${CFDIR:-/usr/share/sendmail/cf}
N=${N:-50}
[ -f "$CFDIR/cf/generic-linux.mc" ] || { echo "bench/lint: no $CFDIR/cf/generic-linux.mc; skipped"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfc-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
(cd "$CFDIR/cf" && m4 -D_NO_MAKEINFO_ ../m4/cf.m4 generic-linux.mc) > "$tmp/g.cf" 2>/dev/null
now() { date +%s%N; }
t0=$(now); i=0
while [ $i -lt "$N" ]; do
	(cd "$CFDIR/cf" && m4 -D_NO_MAKEINFO_ ../m4/cf.m4 generic-linux.mc) >/dev/null 2>&1
	i=$((i+1))
done
t1=$(now); i=0
while [ $i -lt "$N" ]; do "$CFC" --lint "$tmp/g.cf" >/dev/null 2>&1; i=$((i+1)); done
t2=$(now); i=0
while [ $i -lt "$N" ]; do (cd "$CFDIR/cf" && "$CFC" --lint --cf-dir "$CFDIR" generic-linux.mc) >/dev/null 2>&1; i=$((i+1)); done
t3=$(now)
lines=$(wc -l < "$tmp/g.cf")
awk -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v l="$lines" 'BEGIN {
	printf "generic-linux.cf: %d lines, %d runs each\n", l, n
	printf "  m4 (generate the cf)     %8.2f ms/run\n", (b - a) / n / 1e6
	printf "  cfc --lint FILE.cf       %8.2f ms/run (process start included)\n", (c - b) / n / 1e6
	printf "  cfc --lint FILE.mc       %8.2f ms/run (m4 + lint)\n", (d - c) / n / 1e6
}'
