#!/bin/sh
# tests/run.sh BUILD -- run every test group with the binaries in BUILD.
# Each group is tests/<group>/run.sh, called with the absolute path of
# BUILD; it prints "<group>: N passed, M failed" as its last line and
# exits non-zero on failure.  Unit tests are the tests/unit/t_* binaries.
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
export CFC="$B/cfc" CFMTA="$B/cfmta" BUILD="$B" TOP="$(pwd)"
fail=0; total_p=0; total_f=0
for t in "$B"/tests/t_*; do
	[ -x "$t" ] || continue
	if "$t" > "$B/tests/${t##*/}.log" 2>&1; then total_p=$((total_p+1)); else
		echo "FAIL: unit ${t##*/}"; sed 's/^/  /' "$B/tests/${t##*/}.log" | tail -20
		total_f=$((total_f+1)); fail=1; fi
done
echo "unit: $total_p passed, $total_f failed"
for g in tests/*/run.sh; do
	[ -f "$g" ] || continue
	out=$(sh "$g" "$B" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E '^(FAIL|SKIP)' | head -30
	last=$(printf '%s\n' "$out" | tail -1)
	echo "$last"
	[ $rc -eq 0 ] || { fail=1; echo "group $g failed (exit $rc)"; }
done
exit $fail
