#!/bin/sh
# golden-mc.sh -- (re)create the byte-for-byte goldens of our own .mc
# samples: tests/golden/mc-NAME.cf (built with m4lib, /etc/mail/X
# renamed to the relative mc-X), the fixtures they use, and mc-NAME.in
# (a slice of tests/m4lib/corpus/NAME.bt).  Then run `make oracle` (or
# scripts/oracle.sh mc-NAME ...) to write the real sendmail's .out files.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
g=$top/tests/golden
for s in ${*:-hub virtual masquerade policy smarthost}; do
	m4 -D_NO_MAKEINFO_ "$top/m4lib/m4/cf.m4" "$top/mc-samples/$s.mc" |
	    sed 's#/etc/mail/\([A-Za-z0-9_.-]*\)#mc-\1#g' > "$g/mc-$s.cf"
	# fixtures: maps named on K lines become .map files, the rest are copied
	for f in $(grep -o 'mc-[A-Za-z0-9_.-]*' "$g/mc-$s.cf" | sort -u); do
		src=$top/tests/m4lib/fixtures/${f#mc-}
		[ -f "$src" ] || continue
		if grep -q "^K.* $f\$\|^K.* $f " "$g/mc-$s.cf"; then
			awk '/^#/ || NF == 0 { next }
			    { k = $1; v = $0; sub(/^[^ \t]+[ \t]+/, "", v); print k "\t" v }' \
			    "$src" > "$g/fixtures/$f.map"
		else
			cp "$src" "$g/fixtures/$f"
		fi
	done
	{ echo "#cf mc-$s"; grep -v '^#' "$top/tests/m4lib/corpus/$s.bt" | awk 'NR <= 150 || /^(check_|\.D|\.C)/' | head -320; } > "$g/mc-$s.in"
done
