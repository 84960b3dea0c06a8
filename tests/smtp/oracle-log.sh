#!/bin/sh
# tests/smtp/oracle-log.sh -- regenerate tests/smtp/golden/maillog.golden, the
# mail log of the real sendmail 8.17 (Debian's sendmail-bin) for the
# session golden/maillog.session and the queue run after it, with golden/maillog.mc
# (delivery to sink.pl on loopback).  sendmail logs through syslog(3) to
# /dev/log, so this runs as root in private mount and UTS namespaces
# (unshare -m -u): an overlay over /dev holds the socket of logsink.pl,
# the host name is mx.test.example.  The lines go through log_filter
# (golden/lib.sh); tests/smtp/log.sh compares cfmta's with them and
# does not need sendmail.   usage: sh tests/smtp/oracle-log.sh
set -u
S=$(cd "$(dirname "$0")" && pwd)
G=$S/golden
. "$G/lib.sh"
oracle_ns oracle-log "$0" "$@"
# inside the namespaces
# not under /tmp: sendmail complains about world-writable parents
w=$(mktemp -d "${HOME:-/root}/.cfmta-log.XXXXXX") || exit 2
chmod 755 "$w"
SINKPID= LOGPID=
trap '[ -n "$SINKPID" ] && kill $SINKPID; [ -n "$LOGPID" ] && kill $LOGPID; umount /dev 2>/dev/null; umount "$w/ov" 2>/dev/null; rm -rf "$w"' EXIT
mkdir -p "$w/ov" && mount -t tmpfs none "$w/ov" && mkdir "$w/ov/up" "$w/ov/work" &&
    mount -t overlay overlay -o "lowerdir=/dev,upperdir=$w/ov/up,workdir=$w/ov/work" /dev ||
    { echo "oracle-log: cannot mount an overlay on /dev" >&2; exit 2; }
bs_setup "$w"
mkdir -p "$w/sink"
printf '#!/bin/sh\ncase "$1" in nosuchmailbox) echo "no mailbox for $1"; exit 67;; esac\ncat > /dev/null\n' > "$w/deliver"
chmod 755 "$w/deliver"
PORT=$((20000 + $$ % 20000))
sed "s/@PORT@/$PORT/; s|@DIR@|$w|g" "$G/maillog.mc" | m4 "$CFDIR/m4/cf.m4" - > "$w/log.cf" || exit 2
printf 'hosts files\naliases files\npasswd files\n' > "$w/switch"
printf '127.0.0.1\tlocalhost\n' > "$w/hosts"
args="$(bs_args "$w") -ODontProbeInterfaces=true -OServiceSwitchFile=$w/switch -OHostsFile=$w/hosts"
# shellcheck disable=SC2086
"$SENDMAIL" -bi -C "$w/log.cf" $args > /dev/null 2>&1
perl "$S/sink.pl" "$PORT" "$w/sink" & SINKPID=$!
perl "$S/logsink.pl" /dev/log "$w/log" & LOGPID=$!
i=0; while { [ ! -S /dev/log ] || [ ! -f "$w/sink/sink.ready" ]; } && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
bs_input "$G/maillog.session" "$w" > "$w/in"
# shellcheck disable=SC2086
perl "$G/feed.pl" "$SENDMAIL" -bs -C "$w/log.cf" $args < "$w/in" > /dev/null 2>&1
# -qf: the queue run in the foreground
# shellcheck disable=SC2086
"$SENDMAIL" -qf -C "$w/log.cf" $args > /dev/null 2>&1
logger -u /dev/log "oracle-log: end"
i=0; while ! grep -q 'oracle-log: end' "$w/log" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
log_filter "$w" < "$w/log" > "$G/maillog.golden"
echo "oracle-log: $(wc -l < "$G/maillog.golden") log lines written to tests/smtp/golden/maillog.golden"
