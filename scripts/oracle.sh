#!/bin/sh
# scripts/oracle.sh -- regenerate tests/golden/*.out from the real sendmail
# 8.17 (Debian's sendmail-bin), the way ../shared/oracle/sendmail-bt runs
# it: fixed host name in a private UTS namespace, host lookups only from
# tests/golden/fixtures/hosts, no interface probing.  Each NAME.in runs
# in a private copy of the configs and fixtures (see tests/golden/lib.sh)
# with "-C CONFIG.cf" relative, so transcripts hold no local paths.
# usage: sh scripts/oracle.sh [NAME ...]     (default: every NAME.in)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
GOLDEN_SRC=$top/tests/golden
. "$GOLDEN_SRC/lib.sh"
SENDMAIL=${SENDMAIL:-$(command -v sendmail || echo /usr/sbin/sendmail)}
if ! [ -x "$SENDMAIL" ] || ! dpkg -s sendmail-bin >/dev/null 2>&1; then
	echo "oracle: sendmail-bin is not installed; nothing regenerated" >&2
	exit 0
fi
w=$(mktemp -d "${HOME:-/root}/.cfmta-oracle.XXXXXX") || exit 2
trap 'rm -rf "$w"' EXIT
golden_setup "$w" || { echo "oracle: setup failed" >&2; exit 2; }
printf 'hosts files\naliases files\npasswd files\n' > "$w/switch"
if [ $# -eq 0 ]; then set -- "$GOLDEN_SRC"/*.in; fi
n=0
for in in "$@"; do
	case $in in */*) ;; *) in=$GOLDEN_SRC/$in ;; esac
	case $in in *.in) ;; *) in=$in.in ;; esac
	name=${in##*/}; name=${name%.in}
	cf=$(golden_cf "$in")
	args=$(golden_args "$in")
	# shellcheck disable=SC2086
	(cd "$w" && unshare -u sh -c 'hostname "$1"; shift; exec "$@"' sh "$GOLDEN_HOST" \
		"$SENDMAIL" -bt -C "$cf.cf" -ODontProbeInterfaces=true \
		-OServiceSwitchFile="$w/switch" -OHostsFile="$w/hosts" $args \
		< "$in" 2>/dev/null) | golden_filter > "$GOLDEN_SRC/$name.out"
	n=$((n+1))
done
echo "oracle: $n transcripts written to tests/golden"
