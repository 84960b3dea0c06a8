#!/bin/sh
# tests/smtp/oracle-hdr.sh -- regenerate the header-rewriting goldens
# tests/smtp/golden/hdr-VARIANT.out from the real sendmail 8.17: for each
# line of golden/hdr.variants, golden/hdr.mc with the variant's lines
# (masquerading, allmasquerade, masquerade_envelope, always_add_domain,
# a smart host or not) is built with the upstream cf, golden/hdr.session
# (messages with many shapes of sender and recipient header fields, each
# to a local user and a remote one) is fed to `sendmail -bs` in queue
# mode, a queue run (-qf) delivers them to the local mailer script and
# to sink.pl, and hdr_collect (golden/hdrlib.sh) records the headers.
# Runs as root in private mount and UTS namespaces like oracle-dsn.sh.
# ORACLE_V=1 shows the sessions.  tests/smtp/hdr.sh checks cfmta
# against these files without sendmail.
# usage: sh tests/smtp/oracle-hdr.sh
set -u
S=$(cd "$(dirname "$0")" && pwd)
G=$S/golden
. "$G/lib.sh"
. "$G/hdrlib.sh"
oracle_ns oracle-hdr "$0" "$@"
# inside the namespaces
w=/mnt/cfmta-hdr
mount -t tmpfs -o mode=755 none /mnt && mkdir -m 755 "$w" || exit 2
SINKPID=
trap '[ -n "$SINKPID" ] && kill $SINKPID; umount /mnt' EXIT
bs_setup "$w" && hdr_setup "$w" || exit 2
PORT=$((20000 + $$ % 20000))
printf 'hosts files\naliases files\npasswd files\n' > "$w/switch"
printf '127.0.0.1\tlocalhost\n' > "$w/hosts"
args="$(bs_args "$w") -ODontProbeInterfaces=true -OServiceSwitchFile=$w/switch -OHostsFile=$w/hosts"
hdr_variants | while read -r name rcpt extra; do
	hdr_mc "$extra" "$PORT" "$w" | m4 "$CFDIR/m4/cf.m4" - > "$w/hdr.cf" || exit 2
	# shellcheck disable=SC2086
	"$SENDMAIL" -bi -C "$w/hdr.cf" $args > /dev/null 2>&1
	rm -f "$w"/sink/* "$w"/box/*
	perl "$S/sink.pl" "$PORT" "$w/sink" & SINKPID=$!
	i=0; while [ ! -f "$w/sink/sink.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	bs_input "$G/hdr.session" "$w" | sed "s/@RCPT@/$rcpt/" > "$w/in"
	# shellcheck disable=SC2086
	perl "$G/feed.pl" "$SENDMAIL" -bs -C "$w/hdr.cf" $args < "$w/in" > "$w/bs.out" 2>&1
	[ -n "${ORACLE_V:-}" ] && cat "$w/bs.out"
	# shellcheck disable=SC2086
	"$SENDMAIL" -qf -C "$w/hdr.cf" $args ${ORACLE_V:+-v} > "$w/qrun.out" 2>&1
	[ -n "${ORACLE_V:-}" ] && cat "$w/qrun.out"
	kill $SINKPID; wait $SINKPID 2>/dev/null; SINKPID=
	rm -f "$w/sink/sink.ready"
	hdr_collect "$w" > "$G/hdr-$name.out"
	[ -n "${ORACLE_KEEP:-}" ] && cp -r "$w" "/tmp/hdrw/$name"
	rm -f "$w"/q/*
	echo "oracle-hdr: golden/hdr-$name.out written"
done
