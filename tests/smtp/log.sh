#!/bin/sh
# tests/smtp/log.sh BUILD -- the mail log (runtime/maillog.c): cfmta sends
# its syslog lines to a stand-in daemon (logsink.pl) named by the test
# hook CFMTA_SYSLOG_SOCKET.  A -bs session (golden/maillog.session) and a queue
# run (-q) against sink.pl: the from=/to= lines field by field (sent,
# deferred, bounced), a check_rcpt rejection, the DSN line; the masked
# lines against golden/maillog.golden, made by oracle-log.sh from the real
# sendmail; LogLevel=0 logs none of it; -L sets the ident.
# Prints "log: N passed, M failed".
. "$(dirname "$0")/common.sh"
G=$TOP/tests/smtp/golden
T=$(mktemp -d /tmp/cfmta-log.XXXXXX)
SINKPID= LOGPID=
cleanup() {
	[ -n "$SINKPID" ] && kill "$SINKPID" 2>/dev/null
	[ -n "$LOGPID" ] && kill "$LOGPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
if ! command -v perl > /dev/null 2>&1; then
	echo "SKIP: log tests (no perl)"; echo "log: 0 passed, 0 failed"; exit 0
fi
. "$G/lib.sh"
PORT=$((20000 + ($$ + 7) % 20000))
bs_setup "$T"
mkdir -p "$T/sink"
printf '#!/bin/sh\ncase "$1" in nosuchmailbox) echo "no mailbox for $1"; exit 67;; esac\ncat > /dev/null\n' > "$T/deliver"
chmod 755 "$T/deliver"
sed "s/@PORT@/$PORT/; s|@DIR@|$T|g" "$G/maillog.mc" > "$T/log.mc"
if ! "$CFC" -o "$T/log.cfb" "$T/log.mc" 2> "$T/cfc.err"; then
	bad "cfc log.mc"; cat "$T/cfc.err"; echo "log: $pass passed, $fail failed"; exit 1
fi
# shellcheck disable=SC2046
set -- -C "$T/log.cfb" $(bs_args "$T")
"$CFMTA" "$@" -bi > /dev/null 2>&1
perl "$TOP/tests/smtp/sink.pl" "$PORT" "$T/sink" & SINKPID=$!
CFMTA_SYSLOG_SOCKET=$T/log.sock; export CFMTA_SYSLOG_SOCKET
perl "$TOP/tests/smtp/logsink.pl" "$T/log.sock" "$T/log" & LOGPID=$!
i=0; while { [ ! -S "$T/log.sock" ] || [ ! -f "$T/sink/sink.ready" ]; } && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1)); done

# sync: a marker sent after the last cfmta line has been written out
n=0
sync_log() {
	n=$((n + 1))
	perl -MIO::Socket::UNIX -MSocket -e 'IO::Socket::UNIX->new(Type => SOCK_DGRAM,
	    Peer => $ARGV[0])->send("MARK $ARGV[1]")' "$T/log.sock" "$n"
	i=0; while ! grep -q "^MARK $n\$" "$T/log" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1)); done
}
run() {	# run: -bs on golden/maillog.session, then a queue run; the log in $T/out
	: > "$T/log"
	bs_input "$G/maillog.session" "$T" | perl "$G/feed.pl" "$CFMTA" "$@" -bs > "$T/bs.out" 2>&1
	"$CFMTA" "$@" -q > /dev/null 2>&1
	# sendmail sends the DSNs in the same run, cfmta queues them: run
	# them (the one to reject1 fails: a double bounce to the postmaster)
	"$CFMTA" "$@" -qRsender@example.org > /dev/null 2>&1
	"$CFMTA" "$@" -qRreject1@far.example > /dev/null 2>&1
	"$CFMTA" "$@" -qRpostmaster > /dev/null 2>&1
	sync_log
	grep -v '^MARK ' "$T/log" > "$T/out"
}
has() {	# has NAME REGEX: a line of the log matches
	if grep -q -- "$2" "$T/out"; then ok; else
		bad "$1: no line matching '$2'"; sed 's/^/    /' "$T/out" | head -30; fi
}

run "$@"
QID=$(sed -n 's/^250 2\.0\.0 \([0-9A-Za-z]*\) Message accepted.*/\1/p' "$T/bs.out" | head -1)
[ -n "$QID" ] && ok || { bad "no queue id in the -bs transcript"; cat "$T/bs.out"; }
P='^<22>[A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]\{8\} cfmta\[[0-9]*\]: '
has from "$P$QID: from=<sender@example.org>, size=53, class=0, nrcpts=7, msgid=<one@client.example>, bodytype=8BITMIME, proto=ESMTP, relay=root@localhost\$"
has from-null "$P[0-9A-Za-z]*: from=<>, size=33, class=-60, nrcpts=1, msgid=<[0-9]*\.[0-9A-Za-z]*@mx.test.example>, proto=ESMTP, relay=root@localhost\$"
has reject "^<21>.* cfmta\[[0-9]*\]: $QID: ruleset=check_rcpt, arg1=<x@blocked.example>, relay=root@localhost, reject=550 5.7.1 <x@blocked.example>... we do not talk to them\$"
has unknown "^<21>.*: $QID: <nosuchuser>... User unknown\$"
D='delay=[0-9:]*, xdelay=[0-9:]*'
has sent-local "$P$QID: to=<root>, $D, mailer=local, pri=[0-9]*, dsn=2.0.0, stat=Sent\$"
has sent-smtp "$P$QID: to=<friend2@far.example>,<friend@far.example>, $D, mailer=relay, pri=[0-9]*, relay=\[127.0.0.1\] \[127.0.0.1\], dsn=2.0.0, stat=Sent (2.0.0 queued as S[0-9]*)\$"
has deferred "$P$QID: to=<defer@far.example>, $D, mailer=relay, pri=[0-9]*, relay=\[127.0.0.1\] \[127.0.0.1\], dsn=4.3.0, reply=451 4.3.0 try later, stat=Deferred: 451 4.3.0 try later\$"
has failed "$P$QID: to=<reject@far.example>, $D, mailer=relay, pri=[0-9]*, relay=\[127.0.0.1\] \[127.0.0.1\], dsn=5.1.1, reply=550 5.1.1 <reject@far.example>... no such user here, stat=User unknown\$"
has dsn "$P$QID: [0-9A-Za-z]*: DSN: User unknown\$"
has prog "$P$QID: to=\"|/bin/cat\", ctladdr=<prog> ([0-9]*/0), $D, mailer=prog, pri=[0-9]*, dsn=2.0.0, stat=Sent\$"
has member "$P$QID: to=daemon, $D, mailer=local, pri=[0-9]*, dsn=2.0.0, stat=Sent\$"

# the masked, sorted lines against the real sendmail's (oracle-log.sh)
log_filter "$T" < "$T/out" > "$T/masked"
if diff -u "$G/maillog.golden" "$T/masked" > "$T/diff"; then ok; else
	bad "log lines differ from the real sendmail's (golden/maillog.golden)"; sed 's/^/    /' "$T/diff" | head -40; fi

# a session without MAIL, one that ends without QUIT (sendmail's wording)
: > "$T/log"
printf 'EHLO client.example\nQUIT\n' | perl "$G/feed.pl" "$CFMTA" "$@" -bs > /dev/null 2>&1
printf 'EHLO client.example\nMAIL FROM:<a@example.org>\nRCPT TO:<root>\n' |
    perl "$G/feed.pl" "$CFMTA" "$@" -bs > /dev/null 2>&1
sync_log; grep -v '^MARK ' "$T/log" > "$T/out"
has no-mail '^<22>.*: [0-9A-Za-z]\{14\}: root@localhost did not issue MAIL/EXPN/VRFY/ETRN during connection to stdin$'
has lost '^<21>.*: [0-9A-Za-z]\{14\}: lost input channel from root@localhost to stdin after rcpt$'
has lost-from '^<22>.*: [0-9A-Za-z]\{14\}: from=<a@example.org>, size=0, class=0, nrcpts=1, proto=ESMTP, relay=root@localhost$'

# DoubleBounceAddress empty: the failed bounce is not reported anywhere
rm -f "$T"/q/*
run "$@" -ODoubleBounceAddress=
has dbl-dropped '^<19>.*: [0-9A-Za-z]\{14\}: double bounce dropped$'
if grep -q 'return to sender' "$T/out"; then bad "DoubleBounceAddress= still reported"; else ok; fi

# PostmasterCopy: a copy of each bounce to the postmaster (the log line
# as the real sendmail writes it, checked by hand)
rm -f "$T"/q/*
run "$@" -OPostmasterCopy=postmaster
has pmcopy '^<22>.*: [0-9A-Za-z]\{14\}: [0-9A-Za-z]\{14\}: postmaster notify: User unknown$'

# LogLevel=0: none of these lines; -L names the program
rm -f "$T"/q/*
run "$@" -OLogLevel=0
if [ -s "$T/out" ]; then bad "LogLevel=0 logged:"; sed 's/^/    /' "$T/out" | head; else ok; fi
rm -f "$T"/q/*
run "$@" -L mylog -OLogLevel=5
has ident '^<22>.* mylog\[[0-9]*\]: [0-9A-Za-z]*: from=<sender@example.org>'
if grep -q ': to=' "$T/out"; then bad "LogLevel=5 logged to= lines"; else ok; fi
# BadRcptThrottle=2: the third RCPT after two refusals waits, logged once
: > "$T/log"
printf 'EHLO client.example\nMAIL FROM:<a@example.org>\nRCPT TO:<nosuch1>\nRCPT TO:<nosuch2>\nRCPT TO:<nosuch3>\nRCPT TO:<root>\nQUIT\n' |
    perl "$G/feed.pl" "$CFMTA" "$@" -OBadRcptThrottle=2 -bs > /dev/null 2>&1
sync_log; grep -v '^MARK ' "$T/log" > "$T/out"
has rcpt-flood '^<22>.*: [0-9A-Za-z]\{14\}: root@localhost: Possible SMTP RCPT flood, throttling\.$'
n=$(grep -c 'RCPT flood' "$T/out")
[ "$n" = 1 ] && ok || bad "RCPT flood logged $n times, want 1"
if sed -n '/RCPT flood/,$p' "$T/out" | grep -q 'nosuch3>... User unknown'; then ok; else
	bad "the throttle was not reached before the third refusal"; fi
# -bt never logs
rm -f "$T"/q/*; : > "$T/log"
echo '3,0 root' | "$CFMTA" "$@" -bt > /dev/null 2>&1
sync_log
if grep -v '^MARK ' "$T/log" | grep -q .; then bad "-bt logged"; else ok; fi

echo "log: $pass passed, $fail failed"
[ $fail -eq 0 ]
