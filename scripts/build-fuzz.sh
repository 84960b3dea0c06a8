#!/bin/sh
# scripts/build-fuzz.sh -- build the libFuzzer targets tests/fuzz/fuzz_*.c
# with clang (-fsanitize=fuzzer,address,undefined) into build/fuzz/ and run
# each for a bounded number of inputs over a seed corpus made from the
# test cf files.  Usage: sh scripts/build-fuzz.sh [RUNS]   (default 20000)
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-${FUZZ_RUNS:-20000}}
B=build/fuzz
SAN="-fsanitize=fuzzer-no-link,address,undefined"
command -v clang >/dev/null 2>&1 || { echo "build-fuzz: clang not found" >&2; exit 2; }
make -s B=$B CC=clang OPT="-O1 -g" SAN="$SAN" $B/libcfrt.a $B/fuzzobjs
objs=$(ls $B/obj/cfc/*.o $B/obj/gen/*.o | grep -v '/main\.o$')
mkdir -p $B/corpus
for f in tests/diag/*.cf tests/parse/*.cf; do
	[ -f "$f" ] && cp "$f" "$B/corpus/$(basename "$f")"
done
for src in tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	clang -std=c11 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -Iruntime/lib -Icfc -I$B/gen \
	    -o "$B/$name" "$src" $objs $B/libcfrt.a -ldb -lssl -lcrypto -lresolv
	mkdir -p "$B/corpus-$name"
	if [ "$name" = fuzz_cfb_load ] && [ -x build/cfc ]; then
		for f in tests/parse/*.cf; do
			[ -f "$f" ] && build/cfc --permissive "$f" -o "$B/corpus-$name/$(basename "$f" .cf).cfb" 2>/dev/null || true
		done
	fi
	echo "build-fuzz: $name, $RUNS runs"
	"$B/$name" -runs="$RUNS" -max_len=4096 -print_final_stats=0 \
	    "$B/corpus-$name" "$B/corpus" 2>&1 | tail -3
done
