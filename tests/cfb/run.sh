#!/bin/sh
# tests/cfb/run.sh BUILD -- images: deterministic output, decompile round
# trip, .cf and .cfb behave the same under cfmta -bt, strict vs
# --permissive builds, and load errors.  Configs: the mc-samples built
# with our m4lib (no sendmail needed) and the files in this directory.
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CFC=${CFC:-$B/cfc}; CFMTA=${CFMTA:-$B/cfmta}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "FAIL: cfb: $*"; }

for mc in "$top"/mc-samples/*.mc; do
	n=$(basename "$mc" .mc)
	m4 -D_NO_MAKEINFO_ "$top/m4lib/m4/cf.m4" "$mc" > "$t/$n.cf" 2>/dev/null || { bad "$n: m4"; continue; }
	if ! "$CFC" "$t/$n.cf" -o "$t/$n.cfb" 2>"$t/$n.err"; then bad "$n: compile: $(head -3 "$t/$n.err")"; continue; fi
	"$CFC" "$t/$n.cf" -o "$t/$n.2.cfb" 2>/dev/null
	cmp -s "$t/$n.cfb" "$t/$n.2.cfb" && ok || bad "$n: output not deterministic"
	"$CFC" --decompile "$t/$n.cfb" > "$t/$n.dec.cf" && "$CFC" "$t/$n.dec.cf" -o "$t/$n.3.cfb" 2>/dev/null
	cmp -s "$t/$n.cfb" "$t/$n.3.cfb" && ok || bad "$n: decompile round trip differs"
	"$CFC" --disasm "$t/$n.cfb" > "$t/$n.dis" && grep -q 'MATCH_' "$t/$n.dis" && ok || bad "$n: disasm"
	"$CFMTA" -bt -C "$t/$n.cf" < "$here/cmds.in" 2>&1 | sed "s#$t/##" > "$t/$n.out.cf"
	"$CFMTA" -bt -C "$t/$n.cfb" < "$here/cmds.in" 2>&1 | sed "s#$t/##" > "$t/$n.out.cfb"
	if cmp -s "$t/$n.out.cf" "$t/$n.out.cfb" && grep -q 'returns:' "$t/$n.out.cf"; then ok; else
		bad "$n: -bt differs between .cf and .cfb"; diff "$t/$n.out.cf" "$t/$n.out.cfb" | head -5; fi
done

# .mc input with the default cf tree (our m4lib; sendmail-cf not needed)
if (unset CFC_M4LIB; "$CFC" "$top/mc-samples/generic.mc" -o "$t/generic-mc.cfb") 2>"$t/mc.err"; then
	printf '3,0 user@example.org\n' | "$CFMTA" -bt -C "$t/generic-mc.cfb" 2>&1 | grep -q 'returns: \$# ' && ok ||
	    bad "generic.mc image does not resolve an address"
	m4 -D_NO_MAKEINFO_ "$top/m4lib/m4/cf.m4" "$top/mc-samples/generic.mc" > "$t/generic-m4.cf"
	"$CFC" "$t/generic-m4.cf" -o "$t/generic-m4.cfb" 2>/dev/null
	"$CFMTA" -bt -C "$t/generic-mc.cfb" < "$here/cmds.in" 2>&1 | sed 's#^[^ ]*generic[^ ]*: line#FILE: line#' > "$t/o1"
	"$CFMTA" -bt -C "$t/generic-m4.cfb" < "$here/cmds.in" 2>&1 | sed 's#^[^ ]*generic[^ ]*: line#FILE: line#' > "$t/o2"
	cmp -s "$t/o1" "$t/o2" && ok || bad "cfc X.mc and m4 + cfc X.cf behave differently"
else
	bad "cfc generic.mc -o: $(head -3 "$t/mc.err")"
fi

# a config with errors: strict refuses it (no output), permissive keeps
# sendmail's behaviour and cfmta prints sendmail's messages at load
cp "$here/bad-rules.cf" "$t/bad.cf"
if "$CFC" "$t/bad.cf" -o "$t/bad.cfb" 2>/dev/null; then bad "strict build accepted bad-rules.cf"; else ok; fi
[ -e "$t/bad.cfb" ] && bad "strict build left an output file" || ok
if "$CFC" --permissive "$t/bad.cf" -o "$t/bad.cfb" 2>/dev/null; then ok; else bad "permissive build failed"; fi
"$CFMTA" -bt -C "$t/bad.cf" < "$here/cmds.in" > "$t/bad.out.cf" 2>&1
mv "$t/bad.cf" "$t/bad-moved.cf"
"$CFMTA" -bt -C "$t/bad.cfb" < "$here/cmds.in" > "$t/bad.out.cfb" 2>&1
cmp -s "$t/bad.out.cf" "$t/bad.out.cfb" && ok || { bad "permissive image does not replay sendmail's messages"; diff "$t/bad.out.cf" "$t/bad.out.cfb" | head; }
grep -q "bad.cf: line 8: Inappropriate use of \$1-\$9 on LHS" "$t/bad.out.cfb" && ok || bad "message text/path/line"

# load errors: each with its reason, exit 78, no crash
printf 'garbage' > "$t/g.cfb"
head -c 100 "$t/bad.cfb" > "$t/trunc.cfb"
for f in trunc; do
	out=$("$CFMTA" -bt -C "$t/$f.cfb" < /dev/null 2>&1); rc=$?
	case "$out" in *"bad image (truncated"*) [ $rc -eq 78 ] && ok || bad "$f: exit $rc";; *) bad "$f: $out";; esac
done
echo "cfb: $pass passed, $fail failed"
[ $fail -eq 0 ]
