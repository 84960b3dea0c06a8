#!/bin/sh
# oracle.sh -- regenerate expected.out with the real sendmail's -bi and
# praliases on aliases.in (needs sendmail-bin; run from anywhere).
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
w=$(mktemp -d "${HOME:-/root}/.aliases-oracle.XXXXXX"); trap 'rm -rf "$w"' EXIT
m4 -D_NO_MAKEINFO_ "$top/m4lib/m4/cf.m4" "$top/mc-samples/generic.mc" > "$w/g.cf"
cp "$here/aliases.in" "$w/aliases"
(cd "$w" && unshare -u sh -c 'hostname mx.example.com; exec "$@"' sh sendmail -bi -C g.cf \
    -ODontProbeInterfaces=true -OAliasFile="$w/aliases" -OHostsFile="$top/tests/fixtures/hosts" &&
    echo "exit 0" || echo "exit $?"
    praliases -C g.cf -f "$w/aliases" | sort) 2>&1 | sed "s#$w/##g" > "$here/expected.out"
echo "wrote $here/expected.out"
