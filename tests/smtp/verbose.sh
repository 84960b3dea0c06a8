#!/bin/sh
# tests/smtp/verbose.sh BUILD -- -v, the deliveries shown on standard
# output as sendmail shows them: a queue run (-q -v: "Running ...
# (sequence N of M)", "who... Connecting to local...", "who... Sent", the
# SMTP dialogue with ">>> " commands and the next hop's replies, "Sent
# (reply)", "Closing connection to host", "<name>... aliased to value"
# for what came by SMTP) and a submission with -v (done
# in the foreground whatever DeliveryMode says).  golden/maillog.mc, no
# .forward files (sendmail takes a ForwardPath given with -O without
# expanding its macros, and -v tells why each one could not be read),
# sink.pl on [127.0.0.1]:2526; runs as root in private mount, network and
# UTS namespaces.  The transcripts (work directory, queue ids and SIZE=
# masked) are compared with golden/verbose.out, which
# `ORACLE=1 sh tests/smtp/verbose.sh` writes from the real sendmail (make
# oracle).  Prints "verbose: N passed, M failed".
. "$(dirname "$0")/common.sh"
net_test verbose "$0" perl -- "$@"
oracle_mta verbose
SINKPID=
trap '[ -n "$SINKPID" ] && kill $SINKPID 2>/dev/null; rm -rf "$T"' EXIT INT TERM
bs_setup "$T" && dsn_setup "$T" || { echo "verbose: 0 passed, 1 failed"; exit 1; }
PORT=2526
sed "s/@PORT@/$PORT/; s|@DIR@|$T|g" "$G/maillog.mc" > "$T/v.mc"
if [ "${ORACLE:-}" = 1 ]; then
	m4 "${CFDIR:-/usr/share/sendmail/cf}/m4/cf.m4" "$T/v.mc" > "$T/v.cf" || exit 2
else
	"$CFC" -o "$T/v.cf" "$T/v.mc" 2> "$T/cfc.err" || { bad "cfc v.mc"; cat "$T/cfc.err"; }
fi
printf 'hosts files\naliases files\npasswd files\n' > "$T/switch"
printf '127.0.0.1\tlocalhost\n' > "$T/hosts"
# shellcheck disable=SC2046
set -- -C "$T/v.cf" $(bs_args "$T") -ODontProbeInterfaces=true \
    -OServiceSwitchFile="$T/switch" -OHostsFile="$T/hosts" -OLogLevel=0 \
    -OForwardPath=/nonexistent/.forward
"$MTA" "$@" -bi > /dev/null 2>&1
perl "$TOP/tests/smtp/sink.pl" "$PORT" "$T/sink" & SINKPID=$!
i=0; while [ ! -f "$T/sink/sink.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
{
	echo "== queued, then -q -v"
	printf 'Subject: queued\n\nbody\n' | "$MTA" "$@" -f s@example.org root pair far@far.example
	echo "exit $?"
	"$MTA" "$@" -q -v
	echo "exit $?"
	echo "== received by SMTP (-bs), then -q -v"
	printf 'HELO c\nMAIL FROM:<s@example.org>\nRCPT TO:<quiet>\nRCPT TO:<chain1>\nRCPT TO:<pair>\nDATA\nSubject: smtp\n\nbody\n.\nQUIT\n' |
	    perl "$G/feed.pl" "$MTA" "$@" -bs > /dev/null 2>&1
	"$MTA" "$@" -q -v
	echo "exit $?"
	echo "== submitted with -v"
	printf 'Subject: now\n\nbody\n' | "$MTA" "$@" -v -f s@example.org root pair far2@far.example
	echo "exit $?"
	echo "== left in the queue: $(ls "$T/q" | wc -l)"
} 2>&1 | sed -e "s|$T|@DIR@|g" -e 's/\b[0-9A-Za-z]\{14\}\b/QID/g' \
    -e 's/ SIZE=[0-9]*//' > "$T/out"
if [ "${ORACLE:-}" = 1 ]; then
	cp "$T/out" "$G/verbose.out"
	echo "verbose oracle: $(wc -l < "$G/verbose.out") lines written to tests/smtp/golden/verbose.out"
	exit 0
fi
if diff -u "$G/verbose.out" "$T/out" > "$T/diff"; then ok; else
	bad "-v transcripts differ from the real sendmail's (golden/verbose.out)"
	sed 's/^/    /' "$T/diff" | head -40
fi
echo "verbose: $pass passed, $fail failed"
[ $fail -eq 0 ]
