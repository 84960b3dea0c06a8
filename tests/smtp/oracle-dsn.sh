#!/bin/sh
# tests/smtp/oracle-dsn.sh -- regenerate the DSN goldens
# tests/smtp/golden/dsnsucc-N.out from the real sendmail 8.17 (Debian's
# sendmail-bin): golden/dsnsucc-N.session is fed to `sendmail -bs` with
# golden/maillog.mc (relay to sink.pl on loopback; session 1's sink does
# not offer DSN, session 2's does, session 3's offers no PIPELINING), a
# queue run (-qf) delivers it, and what the sink got goes through
# dsn_collect (golden/lib.sh).  Runs as
# root in private mount and UTS namespaces (unshare -m -u): the host name
# is mx.test.example, and the work directory is a tmpfs mounted on /mnt,
# since it must be searchable by DefaultUser (file delivery) and have no
# world-writable parent (sendmail's safe-file checks).  ORACLE_V=1 shows
# the sessions.  tests/smtp/dsn.sh checks cfmta against these files
# without sendmail.
# usage: sh tests/smtp/oracle-dsn.sh
set -u
S=$(cd "$(dirname "$0")" && pwd)
G=$S/golden
. "$G/lib.sh"
oracle_ns oracle-dsn "$0" "$@"
# inside the namespaces
w=/mnt/cfmta-dsn
mount -t tmpfs -o mode=755 none /mnt && mkdir -m 755 "$w" || exit 2
SINKPID=
trap '[ -n "$SINKPID" ] && kill $SINKPID; umount /usr/lib/sasl2 2>/dev/null; umount /mnt' EXIT
bs_setup "$w" && dsn_setup "$w" || exit 2
# libsasl2 reads Sendmail.conf from /usr/lib/sasl2: the golden's own there
bs_sasl "$w" && mount --bind "$w/sasl2" /usr/lib/sasl2 || exit 2
PORT=$((20000 + $$ % 20000))
sed "s/@PORT@/$PORT/; s|@DIR@|$w|g" "$G/maillog.mc" | m4 "$CFDIR/m4/cf.m4" - > "$w/dsn.cf" || exit 2
printf 'hosts files\naliases files\npasswd files\n' > "$w/switch"
printf '127.0.0.1\tlocalhost\n' > "$w/hosts"
args="$(bs_args "$w") -ODontProbeInterfaces=true -OServiceSwitchFile=$w/switch -OHostsFile=$w/hosts"
# shellcheck disable=SC2086
"$SENDMAIL" -bi -C "$w/dsn.cf" $args > /dev/null 2>&1
for n in 1 2 3 4 5 6 7; do
	rm -f "$w"/sink/*
	dsn_sink $n "$w" "$PORT"
	# shellcheck disable=SC2086
	dsn_feed $n "$w" "$SENDMAIL" -C "$w/dsn.cf" $args $auth > "$w/bs.out" 2>&1
	[ -n "${ORACLE_V:-}" ] && cat "$w/bs.out"
	# shellcheck disable=SC2086
	"$SENDMAIL" -qf -C "$w/dsn.cf" $args ${ORACLE_V:+-v} > "$w/qrun.out" 2>&1
	[ -n "${ORACLE_V:-}" ] && cat "$w/qrun.out"
	kill $SINKPID; wait $SINKPID 2>/dev/null; SINKPID=
	dsn_collect "$w/sink" "$w" > "$G/dsnsucc-$n.out"
	rm -f "$w"/q/*
done
echo "oracle-dsn: golden/dsnsucc-[1-7].out written"
