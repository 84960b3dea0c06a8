#!/bin/sh
# tests/smtp/oracle.sh -- regenerate the -bs goldens tests/smtp/golden/*.out
# from the real sendmail 8.17 (Debian's sendmail-bin, sendmail-cf):
# bs.cf is built from bs.mc with the upstream cf tree, then each NAME.in
# is fed to `sendmail -bs -C bs.cf` by feed.pl (one command at a time:
# sendmail punishes a client that talks ahead), in a private UTS namespace with
# the host name mx.test.example, libsasl2's config of bs_sasl, no DNS (hosts file only), and the output
# goes through bs_filter (lib.sh).  tests/smtp/run.sh checks cfmta against
# these files without needing sendmail.
# usage: sh tests/smtp/oracle.sh [NAME ...]
set -u
G=$(cd "$(dirname "$0")/golden" && pwd)
. "$G/lib.sh"
SENDMAIL=${SENDMAIL:-$(command -v sendmail || echo /usr/sbin/sendmail)}
if ! [ -x "$SENDMAIL" ] || ! dpkg -s sendmail-bin >/dev/null 2>&1; then
	echo "oracle: sendmail-bin is not installed; nothing regenerated" >&2
	exit 0
fi
CFDIR=${CFDIR:-/usr/share/sendmail/cf}
m4 "$CFDIR/m4/cf.m4" "$G/bs.mc" | sed -e '/^##### built by/d' -e '/^##### in \//d' > "$G/bs.cf" || exit 2
# not under /tmp: sendmail complains about world-writable parents
w=$(mktemp -d "${HOME:-/root}/.cfmta-bs.XXXXXX") || exit 2
trap 'rm -rf "$w"' EXIT
chmod 755 "$w"
bs_setup "$w" || exit 2
bs_sasl "$w" || echo "oracle: no saslpasswd2 (sasl2-bin): AUTH goldens without users" >&2
printf 'hosts files\naliases files\npasswd files\n' > "$w/switch"
printf '127.0.0.1\tlocalhost\n' > "$w/hosts"
args="$(bs_args "$w") -ODontProbeInterfaces=true -OServiceSwitchFile=$w/switch -OHostsFile=$w/hosts"
# shellcheck disable=SC2086
"$SENDMAIL" -bi -C "$G/bs.cf" $args > /dev/null 2>&1
if [ $# -eq 0 ]; then set -- "$G"/*.in; fi
n=0
for in in "$@"; do
	case $in in */*) ;; *) in=$G/$in ;; esac
	case $in in *.in) ;; *) in=$in.in ;; esac
	name=${in##*/}; name=${name%.in}
	bs_input "$in" "$w" > "$w/in"
	cf=$(bs_cf "$name" "$w")
	# libsasl2 reads Sendmail.conf from /usr/lib/sasl2 (or /etc/sasl2):
	# there, in a private mount namespace, the golden's own
	# shellcheck disable=SC2086
	unshare -m -u sh -c 'mount --make-rprivate / && mount --bind "$2" /usr/lib/sasl2 || exit 2
	    hostname "$1"; shift 2; exec "$@"' sh "$GOLDEN_HOST" "$w/sasl2" \
	    perl "$G/feed.pl" "$SENDMAIL" -bs -C "$cf" $args < "$w/in" 2>&1 |
	    bs_filter "$w" > "$G/$name.out"
	rm -f "$w"/q/*
	n=$((n + 1))
done
# -bv: the expansion of each list of BV_LISTS (lib.sh)
echo "$BV_LISTS" | tr '|' '\n' | while read -r list; do
	echo "== $list"
	# shellcheck disable=SC2086
	unshare -u sh -c 'hostname "$1"; shift; exec "$@"' sh "$GOLDEN_HOST" \
	    "$SENDMAIL" -bv -C "$G/bs.cf" $args $list 2>&1 | sed "s|$w|@DIR@|g"
done > "$G/bv.out"
echo "oracle: $n -bs transcripts written to tests/smtp/golden"
