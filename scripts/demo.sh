#!/bin/sh
# demo.sh BUILD -- the main job on the embedded sample: compile
# mc-samples/generic.mc (through m4 and our m4lib) into an image, look
# inside it, and run addresses through it in sendmail's address test mode.
set -e
B=${1:-build}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
echo "== cfc mc-samples/generic.mc -o generic.cfb   (m4 + m4lib + checks + image)"
"$B/cfc" mc-samples/generic.mc -o "$d/generic.cfb"
echo "   $(wc -c < "$d/generic.cfb") bytes; the first lines of cfc --disasm:"
"$B/cfc" --disasm "$d/generic.cfb" | sed -n '1,4p' | sed 's/^/   /'
echo
echo "== cfmta -C generic.cfb -bt   (the same commands a sendmail admin types)"
printf '3,0 user@example.org\n/parse <postmaster>\n/try esmtp Joe <joe@example.org>\n$=w\n' |
	"$B/cfmta" -C "$d/generic.cfb" -bt -ODontProbeInterfaces=true
echo
echo
echo "== cfmta -C generic.cfb -bv root someone@example.org"
"$B/cfmta" -C "$d/generic.cfb" -bv -ODontProbeInterfaces=true -OAliasFile=/dev/null root someone@example.org || true
