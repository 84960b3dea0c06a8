#!/bin/sh
# tests/aliases/run.sh BUILD -- cfmta -bi (newaliases) against the real
# sendmail's messages, exit status and database contents (expected.out,
# made by oracle.sh).  The database is dumped with cfmakemap -u.
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
pass=0; fail=0
if ! unshare -u true 2>/dev/null; then
	echo "SKIP: aliases: unshare -u not permitted"; echo "aliases: 0 passed, 0 failed"; exit 0
fi
w=$(mktemp -d "${TMPDIR:-/tmp}/aliases.XXXXXX"); trap 'rm -rf "$w"' EXIT
m4 -D_NO_MAKEINFO_ "$top/m4lib/m4/cf.m4" "$top/mc-samples/generic.mc" > "$w/g.cf"
"$B/cfc" "$w/g.cf" -o "$w/g.cfb" 2>/dev/null || { echo "FAIL: aliases: cfc"; echo "aliases: 0 passed, 1 failed"; exit 1; }
cp "$here/aliases.in" "$w/aliases"
(cd "$w" && unshare -u sh -c 'hostname mx.example.com; exec "$@"' sh "$B/cfmta" -bi -C g.cfb \
    -ODontProbeInterfaces=true -OAliasFile="$w/aliases" -OHostsFile="$top/tests/fixtures/hosts"
    echo "exit $?"
    "$B/cfmakemap" -u hash "$w/aliases" | tr '\t' ':' | sed 's/:$/:/' | sort) 2>&1 | sed "s#$w/##g" > "$w/got"
if cmp -s "$here/expected.out" "$w/got"; then pass=$((pass+1)); else
	echo "FAIL: aliases: -bi output or database differs"; diff "$here/expected.out" "$w/got" | head -20
	fail=$((fail+1)); fi
# program name newaliases does the same
ln -s "$B/cfmta" "$w/newaliases"
rm -f "$w/aliases.db"
(cd "$w" && unshare -u sh -c 'hostname mx.example.com; exec "$@"' sh "$w/newaliases" -C g.cfb \
    -ODontProbeInterfaces=true -OAliasFile="$w/aliases" -OHostsFile="$top/tests/fixtures/hosts") > /dev/null 2>&1
[ -s "$w/aliases.db" ] && pass=$((pass+1)) || { echo "FAIL: aliases: newaliases name"; fail=$((fail+1)); }
# cfpraliases prints what praliases prints
"$B/cfpraliases" -f "$w/aliases" | sort > "$w/pr"
grep -v '^aliases\|^exit' "$here/expected.out" > "$w/pr.exp"
cmp -s "$w/pr" "$w/pr.exp" && pass=$((pass+1)) || { echo "FAIL: aliases: cfpraliases"; diff "$w/pr.exp" "$w/pr" | head; fail=$((fail+1)); }
echo "aliases: $pass passed, $fail failed"
[ $fail -eq 0 ]
