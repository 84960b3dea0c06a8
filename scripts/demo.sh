#!/bin/sh
# demo.sh BUILD -- compile the embedded sample .mc with our m4lib and run
# a few addresses through it in sendmail's address test mode.
set -e
B=${1:-build}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
echo "== m4: mc-samples/generic.mc -> $d/generic.cf"
m4 -D_NO_MAKEINFO_ m4lib/m4/cf.m4 mc-samples/generic.mc > "$d/generic.cf"
wc -l "$d/generic.cf"
if "$B/cfc" --lint "$d/generic.cf" 2>/dev/null; then echo "== cfc --lint: clean"; fi
if "$B/cfc" "$d/generic.cf" -o "$d/generic.cfb" 2>/dev/null; then
	echo "== cfc: $d/generic.cfb ($(wc -c < "$d/generic.cfb") bytes)"
	printf '3,0 user@example.org\n3,0 <@a.example:u@b.example>\n/parse postmaster\n' |
		"$B/cfmta" -C "$d/generic.cfb" -bt
else
	echo "== (compiler not built yet)"
fi
