#!/bin/sh
# tests/smtp/run.sh BUILD -- cfmta as an MTA, on loopback only:
#   -bs sessions (replies, limits, policy, smuggling probes), the queue
#   (-bp, -q, -qR/-qI/-qS), local delivery through the cf's local mailer
#   (a script writing a test mailbox), relay through SMART_HOST to a sink
#   (sink.pl), bounces, -bD with swaks (relaying denied, access_db),
#   STARTTLS (openssl-made certificate; swaks, openssl s_client), -t.
# Tools that are missing (perl, swaks, openssl) SKIP their tests.
. "$(dirname "$0")/common.sh"
pass=0 fail=0 skip=0
T=$(mktemp -d /tmp/cfmta-smtp.XXXXXX)
SINKPID= DPID=
cleanup() {
	[ -n "$SINKPID" ] && kill "$SINKPID" 2>/dev/null
	[ -n "$DPID" ] && kill "$DPID" 2>/dev/null
	[ -n "$KEEP" ] || rm -rf "$T"
}
trap cleanup EXIT INT TERM

skip() { skip=$((skip + 1)); echo "SKIP: $*"; }
# check NAME: the last command's output (file $T/out) contains PATTERN
has()  { if grep -q -- "$2" "$T/out"; then ok; else bad "$1: no '$2'"; sed 's/^/    /' "$T/out" | head -40; fi; }
hasnt(){ if grep -q -- "$2" "$T/out"; then bad "$1: unexpected '$2'"; sed 's/^/    /' "$T/out" | head -40; else ok; fi; }
count() { n=$(grep -c -- "$2" "$T/out"); if [ "$n" = "$3" ]; then ok; else bad "$1: '$2' $n times, want $3"; sed 's/^/    /' "$T/out" | head -40; fi; }

# a port nobody listens on, from the pid (tests run in parallel groups)
P0=$((20000 + ($$ % 20000)))
SINKPORT=$P0 DPORT=$((P0 + 1))

mkdir -p "$T/q" "$T/mail" "$T/sink"
chmod 777 "$T/mail"
cat > "$T/deliver" <<EOF
#!/bin/sh
# the local mailer of the test cf: append stdin to a mailbox per user
case "\$1" in nosuchmailbox) echo "no mailbox for \$1"; exit 67;; esac
cat >> "$T/mail/\$1"
EOF
chmod 755 "$T/deliver" "$T"

# aliases (cfmta -bi builds aliases.db) and .forward files ($T/fwd/USER)
mkdir -p "$T/fwd" "$T/box" "$T/pipe"
chmod 777 "$T/box" "$T/pipe"
cat > "$T/aliases" <<EOF
postmaster: root
team: daemon, bin, nosuchperson
owner-team: sys
pipe: "|$T/pipeprog alias"
file: $T/box/filebox
incl: :include:$T/incl.list
loopa: loopb
loopb: loopa
dupes: root, postmaster, ROOT, \\root
sys: sys, nobody
EOF
printf 'bin\n# a comment\n\ndaemon, root\n' > "$T/incl.list"
# mail keeps a copy and pipes one, as itself; sys has an empty .forward
printf '\\mail, "|%s fwd"\n' "$T/pipeprog" > "$T/fwd/mail"
: > "$T/fwd/sys"
cat > "$T/pipeprog" <<EOF
#!/bin/sh
# a program delivery: record who ran it and what it got
{ echo "uid=\$(id -u) arg=\$1"; cat; } >> "$T/pipe/out.\$1"
EOF
chmod 755 "$T/pipeprog"

# the access map: REJECT, DISCARD, ERROR entries (sendmail's answers)
# (the tests talk to 127.0.0.1 and ::1 only: ::1 plays the outside
# client of section 7, ClientRate/ClientConn of 7c name one of each)
cat > "$T/access" <<EOF
From:spammer@bad.example	REJECT
From:dropme@bad.example	DISCARD
To:blocked.example	ERROR:5.7.1:550 we do not talk to them
ClientRate:IPv6:0:0:0:0:0:0:0:1	2
ClientConn:127.0.0.1	1
EOF
"$MKMAP" hash "$T/access" < "$T/access" || bad "makemap access"

cat > "$T/test.mc" <<EOF
divert(0)dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
define(\`confDOMAIN_NAME', \`mx.test.example')dnl
define(\`SMART_HOST', \`relay:[127.0.0.1]')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $SINKPORT')dnl
define(\`LOCAL_MAILER_PATH', \`$T/deliver')dnl
define(\`LOCAL_MAILER_ARGS', \`deliver \$u')dnl
define(\`confMAX_MESSAGE_SIZE', \`20000')dnl
define(\`HELP_FILE', \`$T/helpfile')dnl
define(\`ALIAS_FILE', \`$T/aliases')dnl
define(\`confFORWARD_PATH', \`$T/fwd/\$u')dnl
define(\`confPID_FILE', \`$T/cfmta.pid')dnl
define(\`QUEUE_DIR', \`$T/q')dnl
define(\`confDELIVERY_MODE', \`queue')dnl
define(\`confSERVER_CERT', \`$T/cert.pem')dnl
define(\`confSERVER_KEY', \`$T/key.pem')dnl
define(\`confCACERT', \`$T/cert.pem')dnl
define(\`confCACERT_PATH', \`$T')dnl
DAEMON_OPTIONS(\`Port=$DPORT, Addr=127.0.0.1, Name=MTA-test')dnl
FEATURE(\`no_default_msa')dnl
define(\`confAUTH_MECHANISMS', \`LOGIN PLAIN')dnl
TRUST_AUTH_MECH(\`LOGIN PLAIN')dnl
FEATURE(\`accept_unresolvable_domains')dnl
FEATURE(\`access_db', \`hash -o -T<TMPF> $T/access')dnl
FEATURE(\`blocklist_recipients')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOF
HAVE_TLS=
if command -v openssl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
	    -days 2 -subj /CN=mx.test.example > /dev/null 2>&1 && HAVE_TLS=1
	chmod 600 "$T/key.pem" 2>/dev/null
fi
# AUTH: libsasl2's Sendmail.conf (CFMTA_SASL_CONFDIR) and a sasldb made
# with saslpasswd2 (sasl2-bin), users in the realm $j
mkdir -p "$T/sasl2"
printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: %s/sasldb2\nmech_list: PLAIN LOGIN CRAM-MD5\n' \
    "$T" > "$T/sasl2/Sendmail.conf"
echo wonderland | saslpasswd2 -f "$T/sasldb2" -c -p -u mx.test.example alice || bad "saslpasswd2 alice"
echo s3cret | saslpasswd2 -f "$T/sasldb2" -c -p -u mx.test.example bob || bad "saslpasswd2 bob"
CFMTA_SASL_CONFDIR=$T/sasl2
export CFMTA_SASL_CONFDIR
printf 'smtp\tThis is cfmta $v\nsmtp\tTopics: HELO EHLO MAIL RCPT DATA\n' > "$T/helpfile"
if ! "$CFC" -o "$T/test.cfb" "$T/test.mc" 2> "$T/cfc.err"; then
	bad "cfc test.mc"; cat "$T/cfc.err"
	echo "smtp: $pass passed, $fail failed"; exit 1
fi
CF="-C $T/test.cfb -OQueueDirectory=$T/q"

bs() {	# bs NAME: feed $T/in (CRLF-converted) to -bs
	sed 's/$/\r/' "$T/in" | "$CFMTA" $CF -bs "$@" > "$T/out" 2>&1
}
raw() {	# raw: feed $T/in byte for byte
	"$CFMTA" $CF -bs "$@" < "$T/in" > "$T/out" 2>&1
}
qcount() { ls "$T/q" | grep -c '^qf'; }
# add_counts NAME FILE: a sub-script's "NAME: N passed, M failed" into ours
add_counts() {
	set -- "$1" "$2" $(sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p" "$2")
	if [ $# -eq 4 ]; then pass=$((pass + $3)); fail=$((fail + $4)); else bad "$1.sh: no result"; tail -5 "$2"; fi
}

# ---- 1. -bs: the basic conversation ------------------------------------
cat > "$T/in" <<EOF
EHLO client.example
MAIL FROM:<sender@example.org> SIZE=120 BODY=8BITMIME
RCPT TO:<root>
RCPT TO:<nosuchuser>
RCPT TO:<friend@far.example>
DATA
Subject: one

hello
..leading dot
.
NOOP
VRFY root
EXPN root
HELP
RSET
FROB
QUIT
EOF
bs
has bs-greeting '^220 mx.test.example ESMTP Sendmail 8.17.1.9/8.17.1.9; '
has bs-ehlo '^250-mx.test.example Hello root@localhost, pleased to meet you'
has bs-ehlo-enh '^250-ENHANCEDSTATUSCODES'
has bs-ehlo-pipe '^250-PIPELINING'
has bs-ehlo-8bit '^250-8BITMIME'
has bs-ehlo-size '^250-SIZE 20000'
if [ -n "$HAVE_TLS" ]; then has bs-ehlo-tls '^250-STARTTLS'; else skip "STARTTLS in -bs (no openssl)"; fi
has bs-mail '^250 2.1.0 <sender@example.org>... Sender ok'
has bs-rcpt '^250 2.1.5 <root>... Recipient ok'
has bs-unknown-user '^550 5.1.1 <nosuchuser>... User unknown'
has bs-rcpt-remote '^250 2.1.5 <friend@far.example>... Recipient ok'
has bs-354 '^354 End data with <CR><LF>.<CR><LF>'
has bs-accepted '^250 2.0.0 [0-9A-Za-z]\{14\} Message accepted for delivery'
has bs-noop '^250 2.0.0 OK'
# PrivacyOptions=authwarnings: VRFY and EXPN answer (golden/vrfy-* for more)
has bs-vrfy '^250 2.1.5 root <root@mx.test.example>'
has bs-expn-offered '^250-EXPN'
has bs-help '^214-2.0.0 This is cfmta 8.17.1.9'
has bs-help-end '^214 2.0.0 End of HELP info'
has bs-rset '^250 2.0.0 Reset state'
has bs-unknown '^500 5.5.1 Command unrecognized: "FROB"'
has bs-quit '^221 2.0.0 mx.test.example closing connection'
[ "$(qcount)" = 1 ] && ok || bad "bs: one control file expected, got $(qcount)"
QID=$(sed -n 's/^250 2.0.0 \([0-9A-Za-z]*\) Message accepted.*/\1/p' "$T/out")
if grep -q '^\.leading dot$' "$T/q/df$QID" && grep -q '^Received: from client.example (root@localhost)' "$T/q/df$QID"; then ok; else bad "df: dot unstuffing / Received"; cat "$T/q/df$QID"; fi

# ---- 2. sequence errors and limits ---------------------------------------
cat > "$T/in" <<EOF
RCPT TO:<root>
DATA
HELO
HELO client.example
MAIL FROM:<a@example.org>
MAIL FROM:<b@example.org>
DATA
MAIL TO:<x>
RCPT TO:<root> FOO=BAR
RCPT TO:root@
QUIT
EOF
bs
has seq-rcpt-first '^503 5.0.0 Need MAIL before RCPT'
has seq-data-first '^503 5.0.0 Need MAIL command'
has seq-helo-arg '^501 5.0.0 HELO requires domain address'
has seq-helo '^250 mx.test.example Hello root@localhost, pleased to meet you'
has seq-nested '^503 5.5.0 Sender already specified'
has seq-data-norcpt '^503 5.0.0 Need RCPT (recipient)'
has seq-param '^555 5.5.4 FOO parameter unrecognized'

# line length, SIZE, message size, recipient limit
{ printf 'EHLO x\n'; printf 'NOOP %03000d\n' 0; printf 'MAIL FROM:<a@example.org> SIZE=999999\nMAIL FROM:<a@example.org>\n'
  printf 'RCPT TO:<root>\nRCPT TO:<daemon>\nRCPT TO:<bin>\nDATA\n'
  i=0; while [ $i -lt 400 ]; do printf 'x%0100d\n' $i; i=$((i + 1)); done
  printf '.\nQUIT\n'; } > "$T/in"
bs -OMaxRecipientsPerMessage=2
has lim-line '^500 5.5.0 Command line too long'
has lim-size '^552 5.2.3 Message size exceeds fixed maximum message size (20000)'
has lim-rcpts '^452 4.5.3 Too many recipients'
has lim-msgsize '^552 5.2.3 Message exceeds maximum fixed size (20000)'
[ "$(qcount)" = 1 ] && ok || bad "limits: an oversized message was queued"

# ---- 3. smuggling probes: only <CRLF>.<CRLF> ends DATA --------------------
for probe in '\n.\r\n' '\r\r\n.\r\n' '\n.\n' '\r.\r\n'; do
	printf "EHLO x\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<root>\r\nDATA\r\nSubject: s\r\n\r\nbody$probe""MAIL FROM:<evil@example.org>\r\nRCPT TO:<daemon>\r\nDATA\r\nsmuggled\r\n.\r\nQUIT\r\n" > "$T/in"
	before=$(qcount)
	raw
	count "smuggle $probe" 'Message accepted for delivery' 1
	hasnt "smuggle $probe" 'evil@example.org>... Sender ok'
	[ $(( $(qcount) - before )) = 1 ] && ok || bad "smuggle $probe: $(( $(qcount) - before )) messages queued"
done
# the probes' own messages are not needed further
for f in "$T"/q/qf*; do [ "$f" = "$T/q/qf$QID" ] || rm -f "$f" "$T/q/df${f#$T/q/qf}"; done
# a NUL, 8-bit junk, an endless line: answered, never a crash
printf 'EHLO x\r\nMA\000IL FROM:<a>\r\n\377\376\375\r\nQUIT\r\n' > "$T/in"
raw
has junk-nul '^500 5.5.1'
has junk-quit '^221 2.0.0'

# random bytes and a 1 MB line without a newline: no crash, bounded
i=0; while [ $i -lt 5 ]; do
	head -c 20000 /dev/urandom > "$T/in"; raw; st=$?
	[ $st -lt 128 ] && ok || bad "random input: cfmta died (status $st)"
	i=$((i + 1))
done
{ printf 'EHLO x\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<root>\r\nDATA\r\n'; head -c 1000000 /dev/zero | tr '\0' a; } > "$T/in"
raw; st=$?
[ $st -lt 128 ] && ok || bad "1 MB line: cfmta died (status $st)"
for f in "$T"/q/qf*; do [ "$f" = "$T/q/qf$QID" ] || rm -f "$f" "$T/q/df${f#$T/q/qf}"; done

# ---- 4. policy: check_mail / check_rcpt / access_db ----------------------
cat > "$T/in" <<EOF
EHLO client.example
MAIL FROM:<spammer@bad.example>
MAIL FROM:<ok@example.org>
RCPT TO:<someone@blocked.example>
RSET
MAIL FROM:<dropme@bad.example>
RCPT TO:<root>
DATA
Subject: discard me

x
.
QUIT
EOF
before=$(qcount)
bs
has access-reject '^550 5.7.1 <spammer@bad.example>... Access denied'
has access-error '^550 5.7.1 <someone@blocked.example>... we do not talk to them'
has access-discard '^250 2.0.0 [0-9A-Za-z]* Message accepted for delivery'
[ "$(qcount)" = "$before" ] && ok || bad "DISCARD: message was queued"

# ---- 5. the queue: -bp, selection, delivery --------------------------------
"$CFMTA" $CF -bp > "$T/out" 2>&1
has bp-head "^		$T/q (1 request)"
has bp-cols '^-----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------'
has bp-line "^$QID *[0-9]* ... ... .. ..:.. <sender@example.org>"
has bp-rcpt '^					 <friend@far.example>'
has bp-total '^		Total requests: 1'
ln -s "$CFMTA" "$T/mailq"
"$T/mailq" $CF > "$T/out" 2>&1
has mailq-name '^		Total requests: 1'

if ! command -v perl >/dev/null 2>&1; then
	skip "relay tests (no perl for the sink)"
else
	perl "$TOP/tests/smtp/sink.pl" "$SINKPORT" "$T/sink" & SINKPID=$!
	i=0; while [ ! -f "$T/sink/sink.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	# -qI with a non-matching id runs nothing
	"$CFMTA" $CF -qIZZZZ > "$T/out" 2>&1
	[ "$(qcount)" = 1 ] && ok || bad "-qIZZZZ ran a message"
	"$CFMTA" $CF -qR!nomatch > "$T/out" 2>&1
	"$CFMTA" $CF -qRfar.example > "$T/out" 2>&1
	[ "$(qcount)" = 0 ] && ok || { bad "-qR: queue not empty"; "$CFMTA" $CF -bp; }
	cp "$T/mail/root" "$T/out" 2>/dev/null || : > "$T/out"
	has local-rp '^Return-Path: <sender@example.org>'
	has local-rcvd '^Received: from client.example (root@localhost)'
	has local-from '^From: sender@example.org'
	has local-msgid "^Message-Id: <[0-9]*\.$QID@mx.test.example>"
	has local-body '^\.leading dot$'
	cat "$T"/sink/msg.* > "$T/out" 2>/dev/null
	has relay-env '^MAIL <sender@example.org>'
	has relay-rcpt '^RCPT <friend@far.example>'
	has relay-dots '^\.\.leading dot'
	hasnt relay-no-rp '^Return-Path:'

	# a permanent failure at the relay and an unknown local user bounce
	printf 'Subject: to bounce\n\nbody\n' | "$CFMTA" $CF -f root -odq \
	    reject@far.example nosuchuser > "$T/out" 2>&1
	[ "$(qcount)" = 1 ] && ok || bad "-bm: not queued"
	"$CFMTA" $CF -q > "$T/out" 2>&1
	"$CFMTA" $CF -q > "$T/out" 2>&1		# the bounce itself
	[ "$(qcount)" = 0 ] && ok || { bad "bounce: queue not empty"; "$CFMTA" $CF -bp; }
	cp "$T/mail/root" "$T/out"
	has bounce-subj '^Subject: Returned mail: see transcript for details'
	has bounce-type '^Content-Type: multipart/report; report-type=delivery-status;'
	has bounce-relay 'Final-Recipient: RFC822; reject@far.example'
	has bounce-relay-diag 'Diagnostic-Code: SMTP; 550 5.1.1 <reject@far.example>... no such user here'
	has bounce-local 'Final-Recipient: RFC822; nosuchuser'
	has bounce-local-status '^Status: 5.1.1'
	has bounce-orig '^Subject: to bounce'

	# a temporary failure stays queued with its reason
	printf 'Subject: later\n\nbody\n' | "$CFMTA" $CF -f root -odq defer@far.example
	"$CFMTA" $CF -q > /dev/null 2>&1
	"$CFMTA" $CF -bp > "$T/out" 2>&1
	has defer-bp '(Deferred: 451 4.3.0 try later)'
	has defer-rcpt '<defer@far.example>'
	rm -f "$T"/q/*

	# SoftBounce: the relay's 550 defers the message instead of bouncing it
	printf 'Subject: soft\n\nbody\n' | "$CFMTA" $CF -f root -odq reject@far.example
	"$CFMTA" $CF -OSoftBounce=true -q > /dev/null 2>&1
	"$CFMTA" $CF -bp > "$T/out" 2>&1
	has softbounce-bp '(Deferred: 450 4.1.1 <reject@far.example>... no such user'
	rm -f "$T"/q/*

	# 8-bit text that came without BODY= goes on without it (as the
	# real sendmail relays it)
	rm -f "$T"/sink/msg.*
	printf 'EHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<eight@far.example>\r\nDATA\r\nSubject: eight\r\n\r\ncaf\303\251\r\n.\r\nQUIT\r\n' |
	    "$CFMTA" $CF -odq -bs > /dev/null 2>&1
	"$CFMTA" $CF -q > /dev/null 2>&1
	cat "$T"/sink/msg.* > "$T/out" 2>/dev/null
	has eight-relayed '^RCPT <eight@far.example>'
	hasnt eight-no-body '^MAIL .*BODY='

	# RFC 3461 DSN: NOTIFY=NEVER (no bounce), NOTIFY=SUCCESS (a success
	# report for a local delivery, with ENVID and ORCPT), the parameters
	# passed on to a next hop that offers DSN (the sink does)
	rm -f "$T"/sink/msg.*
	cat > "$T/in" <<EOF
EHLO client.example
MAIL FROM:<sender@example.org> RET=FULL ENVID=env+2Bid
RCPT TO:<root> NOTIFY=SUCCESS ORCPT=rfc822;orig+40example.org
RCPT TO:<reject@far.example> NOTIFY=NEVER
RCPT TO:<friend@far.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;fr+40example.org
DATA
Subject: dsn one

body
.
QUIT
EOF
	bs
	has dsn-accepted '^250 2.0.0 .* Message accepted for delivery'
	"$CFMTA" $CF -q > /dev/null 2>&1
	"$CFMTA" $CF -q > /dev/null 2>&1	# the success DSN itself
	[ "$(qcount)" = 0 ] && ok || { bad "dsn: queue not empty"; "$CFMTA" $CF -bp; }
	cat "$T"/sink/msg.* > "$T/out" 2>/dev/null
	has dsn-pass-mail '^MAIL <sender@example.org> .*ENVID=env+2Bid RET=FULL'
	has dsn-pass-rcpt '^RCPT <friend@far.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;fr+40example.org'
	has dsn-success-subj '^Subject: Return receipt'
	has dsn-success-line '^<root>  (successfully delivered to mailbox)'
	has dsn-success-action '^Action: delivered (to mailbox)'
	hasnt dsn-success-relayed 'relayed'
	has dsn-success-envid '^Original-Envelope-Id: env+id'
	has dsn-success-orcpt '^Original-Recipient: rfc822;orig@example.org'
	hasnt dsn-never 'Returned mail'
	hasnt dsn-never-rcpt 'Final-Recipient: RFC822; reject@far.example'
	# RET=FULL (and no RET, as sendmail) returns the message, RET=HDRS
	# only its headers
	printf 'EHLO c\nMAIL FROM:<root>\nRCPT TO:<reject-none@far.example>\nDATA\nSubject: ret none\n\nbody-of-none\n.\nQUIT\n' > "$T/in"
	bs
	for ret in FULL HDRS; do
		printf 'EHLO c\nMAIL FROM:<root> RET=%s\nRCPT TO:<reject-%s@far.example>\nDATA\nSubject: ret %s\n\nbody-of-%s\n.\nQUIT\n' \
		    $ret $ret $ret $ret > "$T/in"
		bs
	done
	"$CFMTA" $CF -q > /dev/null 2>&1
	"$CFMTA" $CF -q > /dev/null 2>&1
	cp "$T/mail/root" "$T/out"
	has dsn-ret-full-type '^Content-Type: message/rfc822'
	has dsn-ret-full-body '^body-of-FULL'
	has dsn-ret-hdrs-subj '^Subject: ret HDRS'
	hasnt dsn-ret-hdrs-body '^body-of-HDRS'
	has dsn-ret-none-body '^body-of-none'
	rm -f "$T"/q/*

	# ETRN domain: a queue run for the recipients at that domain only
	rm -f "$T"/sink/msg.*
	printf 'Subject: etrn\n\nbody\n' | "$CFMTA" $CF -f root -odq etrn-a@far.example
	printf 'Subject: etrn\n\nbody\n' | "$CFMTA" $CF -f root -odq etrn-b@other.example
	printf 'EHLO c\nETRN far.example\nQUIT\n' > "$T/in"
	bs
	has etrn-reply '^250 2.0.0 Queuing for node far.example started'
	i=0; while [ "$(qcount)" != 1 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(qcount)" = 1 ] && ok || { bad "ETRN: want one message left"; "$CFMTA" $CF -bp; }
	cat "$T"/sink/msg.* > "$T/out" 2>/dev/null
	has etrn-ran '^RCPT <etrn-a@far.example>'
	hasnt etrn-other 'etrn-b@other.example'
	rm -f "$T"/q/*
fi

# ---- 6. submission: -t, -F, Bcc removed ----------------------------------------
printf 'To: Root User <root>, daemon\nCc: "Some, One" <root@mx.test.example>\nBcc: bin\nSubject: t\n\nbody\n.\nnot this\n' |
    "$CFMTA" $CF -t -f boss@example.org -F 'The Boss' > "$T/out" 2>&1
ID=$(ls "$T/q" | sed -n 's/^qf//p')
if [ -n "$ID" ]; then
	grep -a '^R' "$T/q/qf$ID" > "$T/out"
	has t-to 'Proot$'; has t-to2 'Pdaemon$'; has t-cc 'Proot@mx.test.example$'; has t-bcc 'Pbin$'
	cp "$T/q/df$ID" "$T/out"
	hasnt t-nobcc '^Bcc:'
	hasnt t-dot 'not this'
	"$CFMTA" $CF -q > /dev/null 2>&1
	cp "$T/mail/daemon" "$T/out" 2>/dev/null || : > "$T/out"
	has t-fullname '^From: The Boss <boss@example.org>'
else
	bad "-t: nothing queued"; cat "$T/out"
fi
printf 'x\n' | "$CFMTA" $CF > "$T/out" 2>&1
has no-rcpts 'Recipient names must be specified'

# ---- 6b. aliases, :include:, .forward, duplicates, owner-, loops --------
rm -f "$T"/q/* "$T"/mail/*
"$CFMTA" $CF -bi > "$T/out" 2>&1
has bi-count "$T/aliases: 10 aliases"
cat > "$T/in" <<EOF
EHLO client.example
MAIL FROM:<sender@example.org>
RCPT TO:<postmaster>
RCPT TO:<team>
RCPT TO:<"|/bin/cat">
RCPT TO:</tmp/x>
RCPT TO:<:include:$T/incl.list>
RCPT TO:<root>
RCPT TO:<ROOT>
RCPT TO:<Postmaster>
RCPT TO:<nosuchperson>
QUIT
EOF
bs
has rcpt-alias '^250 2.1.5 <postmaster>... Recipient ok'
has rcpt-alias-list '^250 2.1.5 <team>... Recipient ok'
has rcpt-prog '^550 5.7.1 <"|/bin/cat">... Cannot mail directly to programs'
has rcpt-file '^550 5.7.1 </tmp/x>... Cannot mail directly to files'
has rcpt-incl '^550 5.7.1 <:include:.*>... Cannot mail directly to :include:s'
count rcpt-dup '^250 2.1.5 <root>... Recipient ok' 2
count rcpt-dup-alias '^250 2.1.5 <postmaster>... Recipient ok' 2
has rcpt-unknown '^550 5.1.1 <nosuchperson>... User unknown'
# check_compat (sender $| recipient) at delivery: an error bounces that
# recipient, $#discard drops it; the others are delivered
{ cat "$T/test.mc"; printf 'LOCAL_RULESETS\nScheck_compat\nR$* $| $* compatno $*\t$#error $@ 5.7.1 $: "550 compat says no"\nR$* $| $* compatdrop $*\t$#discard $: x\n'; } > "$T/compat.mc"
if "$CFC" -o "$T/compat.cfb" "$T/compat.mc" 2> "$T/cfc.err"; then
	rm -f "$T"/q/* "$T/mail/root" "$T/mail/daemon"
	printf 'Subject: compat\n\ncompat body\n' | "$CFMTA" -C "$T/compat.cfb" -OQueueDirectory="$T/q" \
	    -f root -odq 'compatno@far.example' compatdrop@far.example daemon > "$T/out" 2>&1
	"$CFMTA" -C "$T/compat.cfb" -OQueueDirectory="$T/q" -q > "$T/out" 2>&1
	"$CFMTA" -C "$T/compat.cfb" -OQueueDirectory="$T/q" -q > "$T/out" 2>&1
	cat "$T/mail/root" > "$T/out" 2>/dev/null
	has compat-bounce 'compat says no'
	hasnt compat-drop-bounced 'compatdrop'
	grep -q 'compat body' "$T/mail/daemon" 2>/dev/null && ok || bad "check_compat: daemon not delivered"
	[ "$(qcount)" = 0 ] && ok || bad "check_compat: queue not empty"
	rm -f "$T"/q/* "$T/mail/root" "$T/mail/daemon"
else
	bad "cfc compat.mc"; cat "$T/cfc.err"
fi
# FEATURE(smrsh) without sendmail's smrsh installed: the built-in one runs
# a program only from the restricted directory (CFMTA_SMRSH_DIR here)
sed "s|^MAILER(\`local')dnl|FEATURE(\`smrsh', \`$T/nonexistent/smrsh')dnl\\
&|" "$T/test.mc" > "$T/smrsh.mc"
if grep -q 'FEATURE(.smrsh' "$T/smrsh.mc" && "$CFC" -o "$T/smrsh.cfb" "$T/smrsh.mc" 2> "$T/cfc.err"; then
	mkdir -p "$T/smrshdir"
	rm -f "$T"/q/* "$T/mail/root" "$T"/pipe/out.*
	printf 'Subject: smrsh no\n\nx\n' | "$CFMTA" -C "$T/smrsh.cfb" -OQueueDirectory="$T/q" -f root -odq pipe > "$T/out" 2>&1
	CFMTA_SMRSH_DIR="$T/smrshdir" "$CFMTA" -C "$T/smrsh.cfb" -OQueueDirectory="$T/q" -q > "$T/out" 2>&1
	"$CFMTA" -C "$T/smrsh.cfb" -OQueueDirectory="$T/q" -q > "$T/out" 2>&1
	cat "$T/mail/root" > "$T/out" 2>/dev/null
	has smrsh-refused 'smrsh: "pipeprog" not available for sendmail programs'
	[ -f "$T/pipe/out.alias" ] && bad "smrsh: the program ran from outside its directory" || ok
	ln -s "$T/pipeprog" "$T/smrshdir/pipeprog"
	rm -f "$T"/q/* "$T/mail/root"
	printf 'Subject: smrsh yes\n\nx\n' | "$CFMTA" -C "$T/smrsh.cfb" -OQueueDirectory="$T/q" -f root -odq pipe > "$T/out" 2>&1
	CFMTA_SMRSH_DIR="$T/smrshdir" "$CFMTA" -C "$T/smrsh.cfb" -OQueueDirectory="$T/q" -q > "$T/out" 2>&1
	grep -q 'Subject: smrsh yes' "$T/pipe/out.alias" 2>/dev/null && ok || bad "smrsh: the program in its directory did not run"
	rm -f "$T"/q/* "$T/mail/root" "$T"/pipe/out.*
else
	bad "cfc smrsh.mc"; cat "$T/cfc.err"
fi
# -bv expands like sendmail -bv
"$CFMTA" $CF -bv team incl dupes pipe file mail loopa > "$T/out" 2>&1
has bv-unknown '^nosuchperson... User unknown'
has bv-list '^daemon... deliverable: mailer local, user daemon'
has bv-prog "^\"|$T/pipeprog alias\"... deliverable: mailer prog, user |$T/pipeprog alias"
has bv-file "^$T/box/filebox... deliverable: mailer \*file\*, user $T/box/filebox"
has bv-fwd "^\"|$T/pipeprog fwd\"... deliverable: mailer prog"
has bv-fwd-self '^mail... deliverable: mailer local, user mail'
count bv-dup-root 'deliverable: mailer local, user root$' 1
has bv-loop 'aliasing/forwarding loop broken'
# a loop alone exits 64, as sendmail -bv does (User unknown: 67)
"$CFMTA" $CF -bv loopa > "$T/out" 2>&1; rc=$?
[ $rc = 64 ] && ok || bad "-bv loopa: exit $rc, want 64"
# delivery: every address once, programs and files, owner- gets the errors
printf 'Subject: to lists\n\nlist body\n' | "$CFMTA" $CF -f boss@example.org -odq \
    team incl dupes pipe file mail postmaster root sys > "$T/out" 2>&1
"$CFMTA" $CF -q > "$T/out" 2>&1
for u in daemon bin root mail nobody; do
	n=$(grep -c '^Subject: to lists' "$T/mail/$u" 2>/dev/null)
	[ "$n" = 1 ] && ok || bad "alias delivery: $u got the message ${n:-0} times, want 1"
done
grep -q '^Subject: to lists' "$T/mail/sys" 2>/dev/null && ok || bad "self reference: sys (empty .forward) not delivered"
cp "$T/pipe/out.alias" "$T/out" 2>/dev/null || : > "$T/out"
has prog-alias '^uid=1 arg=alias'
has prog-alias-body '^list body'
cp "$T/pipe/out.fwd" "$T/out" 2>/dev/null || : > "$T/out"
has prog-forward-uid '^uid=8 arg=fwd'
cp "$T/box/filebox" "$T/out" 2>/dev/null || : > "$T/out"
has file-from '^From boss@example.org  '
has file-body '^list body'
# the bounce for nosuchperson went to the list owner (sys), not the sender
"$CFMTA" $CF -q > /dev/null 2>&1
cp "$T/mail/sys" "$T/out" 2>/dev/null || : > "$T/out"
has owner-bounce 'Final-Recipient: RFC822; nosuchperson'
[ "$(qcount)" = 0 ] && ok || { bad "aliases: queue not empty"; "$CFMTA" $CF -bp; }
# a loop bounces to the sender with 5.4.6
rm -f "$T"/mail/*
printf 'Subject: loop\n\nx\n' | "$CFMTA" $CF -f root -odq loopa > "$T/out" 2>&1
"$CFMTA" $CF -q > /dev/null 2>&1; "$CFMTA" $CF -q > /dev/null 2>&1
cp "$T/mail/root" "$T/out" 2>/dev/null || : > "$T/out"
has loop-bounce '^Status: 5.4.6'
has loop-bounce-rcpt 'Final-Recipient: RFC822; loopa'
rm -f "$T"/q/* "$T"/mail/*
if [ -n "$SINKPID" ]; then
	# a retry delivers only what is left: the relay defers one member
	printf 'partial: daemon, defer@far.example\n' >> "$T/aliases"
	"$CFMTA" $CF -bi > /dev/null 2>&1
	printf 'Subject: partial\n\nx\n' | "$CFMTA" $CF -f root -odq partial > "$T/out" 2>&1
	"$CFMTA" $CF -q > /dev/null 2>&1; "$CFMTA" $CF -q > /dev/null 2>&1
	n=$(grep -c '^Subject: partial' "$T/mail/daemon" 2>/dev/null)
	[ "$n" = 1 ] && ok || bad "retry after partial delivery: daemon got it ${n:-0} times"
	"$CFMTA" $CF -bp > "$T/out" 2>&1
	has retry-left '<defer@far.example>'
	hasnt retry-left-only '<daemon>'
	rm -f "$T"/q/* "$T"/mail/*
fi

# ---- 7. the daemon, swaks, STARTTLS ----------------------------------------
# ::1 is the outside client here: the daemon listens there too, and its
# Relay_ok lacks the rules that make IPv6:::1 local (interfaces not
# probed, so $=w has no [IPv6:::1] either)
sed "s/^DAEMON_OPTIONS(.*/&\\
DAEMON_OPTIONS(\`Port=$DPORT, Addr=::1, Family=inet6, Name=MTA6-test')dnl/" "$T/test.mc" > "$T/test6.mc"
m4 -D_NO_MAKEINFO_ "$TOP/m4lib/m4/cf.m4" "$T/test6.mc" |
    sed '/^RIPv6:\(::\|0:0:0:0:0:0:0:\)1[[:space:]]/d' > "$T/test6.cf"
grep -q '^RIPv6:::1' "$T/test6.cf" && bad "test6.cf: ::1 still local"
"$CFC" -o "$T/test6.cfb" "$T/test6.cf" 2> "$T/cfc.err" || { bad "cfc test6.cf"; cat "$T/cfc.err"; }
CF6="-C $T/test6.cfb -OQueueDirectory=$T/q -ODontProbeInterfaces=true"
rm -f "$T"/q/*
"$CFMTA" $CF6 -bD > "$T/daemon.log" 2>&1 & DPID=$!
i=0; while [ ! -f "$T/cfmta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(head -1 "$T/cfmta.pid" 2>/dev/null)" = "$DPID" ] && ok || bad "PidFile"
if ! command -v swaks >/dev/null 2>&1; then
	skip "daemon tests (no swaks)"
else
	SW="swaks --server 127.0.0.1 --port $DPORT --timeout 10 --helo client.example"
	$SW --from a@example.org --to root --body 'via swaks' > "$T/out" 2>&1
	has swaks-local '<-  250 2.0.0 .* Message accepted for delivery'
	has swaks-hello '<-  250-mx.test.example Hello localhost \[127.0.0.1\], pleased to meet you'
	# an outside client (::1) may not relay, may send to local users
	SW6="swaks --server ::1 --port $DPORT --timeout 10 --helo client.example"
	$SW6 --from a@example.org --to far@far.example > "$T/out" 2>&1
	has relay-denied '<\*\* 550 5.7.1 <far@far.example>... Relaying denied'
	$SW6 --from a@example.org --to root > "$T/out" 2>&1
	has outside-local '<-  250 2.0.0 .* Message accepted for delivery'
	# AUTH: an outside client may relay once authenticated
	$SW6 --auth PLAIN --auth-user alice --auth-password wonderland \
	    --from a@example.org --to far@far.example > "$T/out" 2>&1
	has auth-offer '<-  250-AUTH LOGIN PLAIN'
	has auth-plain '<-  235 2.0.0 OK Authenticated'
	has auth-relay '<-  250 2.1.5 <far@far.example>... Recipient ok'
	$SW6 --auth LOGIN --auth-user bob --auth-password s3cret \
	    --from a@example.org --to far@far.example > "$T/out" 2>&1
	has auth-login '<-  235 2.0.0 OK Authenticated'
	$SW6 --auth LOGIN --auth-user bob --auth-password wrong \
	    --from a@example.org --to far@far.example > "$T/out" 2>&1
	has auth-bad '<\*\* 535 5.7.0 authentication failed'
	# pipelining: all commands in one write
	$SW --pipeline --from a@example.org --to root > "$T/out" 2>&1
	has swaks-pipe '<-  250 2.0.0 .* Message accepted for delivery'
	# access_db Connect: REJECT (for ::1, with the daemon started again
	# on the new map): every command gets the refusal; 127.0.0.1 goes on
	kill -TERM "$DPID"; wait "$DPID" 2>/dev/null
	cp "$T/access" "$T/access.orig"
	printf 'Connect:IPv6:0:0:0:0:0:0:0:1\tREJECT\n' >> "$T/access"
	"$MKMAP" hash "$T/access" < "$T/access" || bad "makemap access (Connect: REJECT)"
	rm -f "$T/cfmta.pid"
	"$CFMTA" $CF6 -bD > "$T/daemon.log" 2>&1 & DPID=$!
	i=0; while [ ! -f "$T/cfmta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	$SW6 --from a@example.org --to root > "$T/out" 2>&1
	has connect-reject '550 5.7.1 Access denied'
	$SW --from a@example.org --to root > "$T/out" 2>&1
	has connect-reject-other '<-  250 2.0.0 .* Message accepted for delivery'
	mv "$T/access.orig" "$T/access"
	"$MKMAP" hash "$T/access" < "$T/access" || bad "makemap access (restored)"

	if ! command -v openssl >/dev/null 2>&1; then
		skip "STARTTLS (no openssl)"
	fi
fi
# ---- 7a. SIGHUP reloads the image; a session in flight keeps the old one;
#      a bad image is refused and the running one stays -----------------
kill -TERM "$DPID" 2>/dev/null; wait "$DPID" 2>/dev/null
sed 's/mx\.test\.example/mx2.test.example/' "$T/test.mc" > "$T/test2.mc"
"$CFC" -o "$T/test2.cfb" "$T/test2.mc" 2> "$T/cfc.err" || { bad "cfc test2.mc"; cat "$T/cfc.err"; }
cp "$T/test.cfb" "$T/live.cfb"
rm -f "$T/cfmta.pid"
"$CFMTA" -C "$T/live.cfb" -OQueueDirectory="$T/q" -bD > "$T/daemon.log" 2>&1 & DPID=$!
i=0; while [ ! -f "$T/cfmta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ehlo() {	# ehlo OUT: one EHLO conversation with the daemon
	printf 'EHLO c.example\r\nQUIT\r\n' | perl -MIO::Socket::INET -e '
	    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]") or die "connect: $!";
	    print $s $_ while <STDIN>; shutdown($s, 1); print while <$s>;' "$DPORT" > "$1" 2>&1
}
waitlog() {	# waitlog PATTERN: the daemon logged it (5 s at most)
	i=0; while ! grep -q -- "$1" "$T/daemon.log" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
if command -v perl >/dev/null 2>&1; then
	# a session opened before the reload, answering EHLO after it
	perl -MIO::Socket::INET -e '
	    my ($port, $dir) = @ARGV;
	    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port") or die "connect: $!";
	    $| = 1; print scalar <$s>;
	    open(my $f, ">", "$dir/held") or die; close $f;
	    for (1 .. 100) { last if -e "$dir/go"; select(undef, undef, undef, 0.1); }
	    print $s "EHLO held.example\r\n";
	    while (<$s>) { print; last if /^\d\d\d /; }
	    print $s "QUIT\r\n"; print scalar <$s>;' "$DPORT" "$T" > "$T/held.out" 2>&1 & HELD=$!
	i=0; while [ ! -f "$T/held" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	cp "$T/test2.cfb" "$T/live.tmp" && mv "$T/live.tmp" "$T/live.cfb"
	kill -HUP "$DPID"
	waitlog 'reloaded'
	ehlo "$T/out"
	has hup-new-image '^250-mx2.test.example Hello'
	touch "$T/go"; wait "$HELD"
	cp "$T/held.out" "$T/out"
	has hup-held-old-greeting '^220 mx.test.example ESMTP'
	has hup-held-old-image '^250-mx.test.example Hello'
	# a damaged image (rewritten in place) is refused; the daemon goes on
	printf 'this is not an image\n' > "$T/live.cfb"
	kill -HUP "$DPID"
	waitlog 'keeping the running configuration'
	cp "$T/daemon.log" "$T/out"
	has hup-bad-refused 'keeping the running configuration'
	kill -0 "$DPID" 2>/dev/null && ok || bad "daemon died on a bad image"
	ehlo "$T/out"
	has hup-bad-old-runs '^250-mx2.test.example Hello'
	[ "$(head -1 "$T/cfmta.pid" 2>/dev/null)" = "$DPID" ] && ok || bad "PidFile after reload"
else
	skip "SIGHUP reload (no perl)"
fi
kill -TERM "$DPID" 2>/dev/null
i=0; while kill -0 "$DPID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$DPID" 2>/dev/null; then bad "daemon did not exit on SIGTERM"; else ok; fi
[ -f "$T/cfmta.pid" ] && bad "PidFile left behind" || ok
DPID=

if command -v openssl >/dev/null 2>&1 && command -v swaks >/dev/null 2>&1; then
	rm -f "$T"/q/*
	"$CFMTA" $CF -bD > "$T/daemon.log" 2>&1 & DPID=$!
	i=0; while [ ! -f "$T/cfmta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	swaks --server 127.0.0.1 --port $DPORT --timeout 10 --tls --from a@example.org --to root --body 'over TLS' > "$T/out" 2>&1
	has tls-offer '<-  250-STARTTLS'
	has tls-ready '<-  220 2.0.0 Ready to start TLS'
	has tls-accept '<~  250 2.0.0 .* Message accepted for delivery'
	ID=$(ls "$T/q" | sed -n 's/^qf//p' | head -1)
	cp "$T/q/df$ID" "$T/out" 2>/dev/null
	has tls-esmtps 'with ESMTPS id'
	printf 'EHLO x\r\nQUIT\r\n' | timeout 10 openssl s_client -connect 127.0.0.1:$DPORT \
	    -starttls smtp -quiet > "$T/out" 2>&1
	has s_client-ehlo '^250-mx.test.example Hello'
	hasnt s_client-no-starttls '^250-STARTTLS'
	kill -TERM "$DPID"; wait "$DPID" 2>/dev/null; DPID=
	# the daemon's queue runner (-q1s) delivers what is queued
	"$CFMTA" $CF -bD -q1s > "$T/daemon.log" 2>&1 & DPID=$!
	i=0; while ls "$T/q" | grep -q '^qf' && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(qcount)" = 0 ] && ok || bad "-bD -q1s did not run the queue"
	grep -q 'over TLS' "$T/mail/root" && ok || bad "-q1s: TLS message not in the mailbox"
	kill -TERM "$DPID"; wait "$DPID" 2>/dev/null; DPID=
else
	skip "STARTTLS (needs openssl and swaks)"
fi

# ---- 7c. ${client_rate} and ${client_connections}: FEATURE(ratecontrol),
#      FEATURE(conncontrol) with ClientRate:/ClientConn: access entries ---
sed "s/^FEATURE(\`blocklist_recipients')dnl/&\\
FEATURE(\`ratecontrol')dnl\\
FEATURE(\`conncontrol')dnl/" "$T/test6.mc" > "$T/rate.mc"
if ! "$CFC" -o "$T/rate.cfb" "$T/rate.mc" 2> "$T/cfc.err"; then bad "cfc rate.mc"; cat "$T/cfc.err"
elif command -v swaks >/dev/null 2>&1 && command -v perl >/dev/null 2>&1; then
	rm -f "$T/cfmta.pid"
	"$CFMTA" -C "$T/rate.cfb" -OQueueDirectory="$T/q" -bD > "$T/daemon.log" 2>&1 & DPID=$!
	i=0; while [ ! -f "$T/cfmta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	SW="swaks --server 127.0.0.1 --port $DPORT --timeout 10 --helo client.example --quit-after FROM"
	SW6="swaks --server ::1 --port $DPORT --timeout 10 --helo client.example --quit-after FROM"
	# ClientRate:IPv6:0:0:0:0:0:0:0:1 2
	for n in 1 2 3; do $SW6 > "$T/rate.$n" 2>&1; done
	cp "$T/rate.2" "$T/out"; has rate-2nd-ok '<-  250 2.1.0 '
	cp "$T/rate.3" "$T/out"; has rate-3rd-refused '<\*\* 452 4.3.2 Connection rate limit exceeded.'
	$SW > "$T/out" 2>&1; has rate-other-client '<-  250 2.1.0 '
	# ClientConn:127.0.0.1 1: one session held open from 127.0.0.1; a
	# second one is refused
	perl -MIO::Socket::INET -e '
	    my ($port, $dir) = @ARGV;
	    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port")
	        or die "connect: $!";
	    $| = 1; print scalar <$s>;
	    open(my $f, ">", "$dir/held5") or die; close $f;
	    for (1 .. 100) { last if -e "$dir/go5"; select(undef, undef, undef, 0.1); }
	    print $s "QUIT\r\n"; print scalar <$s>;' "$DPORT" "$T" > "$T/held5.out" 2>&1 & HELD=$!
	i=0; while [ ! -f "$T/held5" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	$SW > "$T/out" 2>&1
	has conn-2nd-refused '<\*\* 452 4.3.2 Too many open connections.'
	touch "$T/go5"; wait "$HELD"
	sleep 1.2	# the daemon has seen the held session end
	$SW > "$T/out" 2>&1
	has conn-after-close '<-  250 2.1.0 '
	kill -TERM "$DPID"; wait "$DPID" 2>/dev/null; DPID=
else
	skip "ratecontrol/conncontrol (needs swaks and perl)"
fi

# ---- 7d. DaemonPortOptions children=1 (one session at a time on this
#      listener; the next waits in the listen queue), Listen=, buffers ---
sed "s/Name=MTA-test')dnl/Name=MTA-test, children=1, Listen=4, SndBufSize=65536, RcvBufSize=65536')dnl/" \
    "$T/test.mc" > "$T/kids.mc"
if ! grep -q 'children=1' "$T/kids.mc" || ! "$CFC" -o "$T/kids.cfb" "$T/kids.mc" 2> "$T/cfc.err"; then
	bad "cfc kids.mc"; cat "$T/cfc.err"
elif command -v perl >/dev/null 2>&1; then
	rm -f "$T/cfmta.pid" "$T/held1" "$T/go1"
	"$CFMTA" -C "$T/kids.cfb" -OQueueDirectory="$T/q" -bD > "$T/daemon.log" 2>&1 & DPID=$!
	i=0; while [ ! -f "$T/cfmta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	perl -MIO::Socket::INET -e '
	    my ($port, $dir) = @ARGV;
	    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port") or die "connect: $!";
	    $| = 1; print scalar <$s>;
	    open(my $f, ">", "$dir/held1") or die; close $f;
	    for (1 .. 100) { last if -e "$dir/go1"; select(undef, undef, undef, 0.1); }
	    print $s "QUIT\r\n"; print scalar <$s>;' "$DPORT" "$T" > "$T/held1.out" 2>&1 & HELD=$!
	i=0; while [ ! -f "$T/held1" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	# the second client: connected, but no greeting while the first is open
	perl -MIO::Socket::INET -e '
	    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]") or die "connect: $!";
	    local $SIG{ALRM} = sub { print "no greeting\n"; exit 0 };
	    alarm 2; my $g = <$s>; alarm 0; print "greeting: $g";' "$DPORT" > "$T/out" 2>&1
	has children-waits '^no greeting'
	touch "$T/go1"; wait "$HELD"
	perl -MIO::Socket::INET -e '
	    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]") or die "connect: $!";
	    local $SIG{ALRM} = sub { print "no greeting\n"; exit 0 };
	    alarm 10; my $g = <$s>; alarm 0; print "greeting: $g"; print $s "QUIT\r\n";' "$DPORT" > "$T/out" 2>&1
	has children-after '^greeting: 220 '
	kill -TERM "$DPID"; wait "$DPID" 2>/dev/null; DPID=
else
	skip "DaemonPortOptions children= (no perl)"
fi

# ---- 7b. -bs transcripts of the real sendmail (golden/, oracle.sh) ---------
G=$TOP/tests/smtp/golden
. "$G/lib.sh"
mkdir -p "$T/bsg"
bs_setup "$T/bsg"
bs_sasl "$T/bsg" || echo "run.sh: no saslpasswd2 (sasl2-bin): the AUTH goldens fail" >&2
# shellcheck disable=SC2046
"$CFMTA" -C "$G/bs.cf" $(bs_args "$T/bsg") -bi > /dev/null 2>&1
for in in "$G"/*.in; do
	name=${in##*/}; name=${name%.in}
	bs_input "$in" "$T/bsg" | sed 's/$/\r/' |
	    CFMTA_SASL_CONFDIR=$T/bsg/sasl2 "$CFMTA" -C "$(bs_cf "$name" "$T/bsg")" $(bs_args "$T/bsg") -bs 2>&1 | bs_filter "$T/bsg" > "$T/bs.$name"
	if diff -u "$G/$name.out" "$T/bs.$name" > "$T/out"; then ok; else
		bad "golden -bs $name differs from the real sendmail"; sed 's/^/    /' "$T/out" | head -30; fi
	rm -f "$T"/bsg/q/*
done

# AuthOptions=p (golden authp-1): plaintext mechanisms only once TLS is
# libsasl2's external layer; the authenticated user logged with bits=0
if [ -n "$HAVE_TLS" ] && command -v swaks > /dev/null 2>&1; then
	AP="$CFMTA -C $(bs_cf authp-1 "$T/bsg") $(bs_args "$T/bsg") -OServerCertFile=$T/cert.pem -OServerKeyFile=$T/key.pem -OCACertFile=$T/cert.pem -bs"
	CFMTA_SASL_CONFDIR=$T/bsg/sasl2 swaks --pipe "$AP" --auth PLAIN --auth-user alice \
	    --auth-password wonderland --quit-after AUTH > "$T/out" 2>&1
	has authp-notls '<-  250-AUTH CRAM-MD5$'
	hasnt authp-notls-ok '235 2.0.0'
	CFMTA_SASL_CONFDIR=$T/bsg/sasl2 swaks --pipe "$AP" --tls --auth PLAIN --auth-user alice \
	    --auth-password wonderland --quit-after AUTH > "$T/out" 2>&1
	has authp-tls-offer '<~  250-AUTH PLAIN CRAM-MD5 LOGIN$'
	has authp-tls '<~  235 2.0.0 OK Authenticated'
	CFMTA_SASL_CONFDIR=$T/bsg/sasl2 swaks --pipe "$AP" --tls --auth LOGIN --auth-user alice \
	    --auth-password wrong --quit-after AUTH > "$T/out" 2>&1
	has authp-tls-bad '<~\* 535 5.7.0 authentication failed'
fi

# -bt: like sendmail's, the envelope has a date ($b, GMT for a zero
# offset) and a queue id ($i) from the start (not in the goldens: they
# change with every run)
printf '$b\n$i\n' | TZ=UTC "$CFMTA" -C "$G/bs.cf" $(bs_args "$T/bsg") -bt > "$T/out" 2>&1
has bt-date '^> [A-Z][a-z][a-z], [1-9][0-9]* [A-Z][a-z][a-z] 20[0-9][0-9] [0-9:]\{8\} GMT$'
has bt-qid '^> [0-9A-Za-z]\{14\}$'
printf '$b\n' | TZ=America/New_York "$CFMTA" -C "$G/bs.cf" $(bs_args "$T/bsg") -bt > "$T/out" 2>&1
has bt-date-offset '^> [A-Z][a-z][a-z], [1-9][0-9]* [A-Z][a-z][a-z] 20[0-9][0-9] [0-9:]\{8\} -0[45]00$'
# and ${deliveryMode} i, ${addr_type} "e r" and the load average (its
# value changes: only its form is checked); ${quarantine} is defined
# empty too
printf '${deliveryMode}\n${addr_type}\n${load_avg}\n' |
    "$CFMTA" -C "$G/bs.cf" $(bs_args "$T/bsg") -bt > "$T/out" 2>&1
has bt-dm '^> i$'
has bt-at '^> e r$'
has bt-la '^> [0-9][0-9]*$'

# -bv expansions against sendmail -bv (golden/bv.out)
echo "$BV_LISTS" | tr '|' '\n' | while read -r list; do
	echo "== $list"
	# shellcheck disable=SC2086
	"$CFMTA" -C "$G/bs.cf" $(bs_args "$T/bsg") -bv $list 2>&1 | sed "s|$T/bsg|@DIR@|g"
done > "$T/bv.out"
if diff -u "$G/bv.out" "$T/bv.out" > "$T/out"; then ok; else
	bad "-bv expansions differ from the real sendmail's"; sed 's/^/    /' "$T/out" | head -30; fi

# an alias database not built yet: the text file is read instead, as
# sendmail does (it does not answer "User unknown" for a list)
mkdir -p "$T/nodb"
bs_setup "$T/nodb"
printf 'EHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<team>\r\nRCPT TO:<nosuch>\r\nQUIT\r\n' |
    "$CFMTA" -C "$G/bs.cf" $(bs_args "$T/nodb") -bs > "$T/out" 2>&1
has nodb-rcpt-alias '^250 2.1.5 <team>... Recipient ok'
has nodb-rcpt-unknown '^550 5.1.1 <nosuch>... User unknown'
"$CFMTA" -C "$G/bs.cf" $(bs_args "$T/nodb") -bv big > "$T/out" 2>&1
has nodb-bv 'sys... deliverable: mailer local, user sys'
[ -f "$T/nodb/aliases.db" ] && bad "nodb: a database appeared" || ok
# Timeout.fileopen: an :include: that blocks on open (a FIFO nobody writes)
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$T/nodb/fifo"; then
	printf 'fifo: :include:%s/nodb/fifo, bin\n' "$T" >> "$T/nodb/aliases"
	"$CFMTA" -C "$G/bs.cf" $(bs_args "$T/nodb") -OTimeout.fileopen=1s -bv fifo > "$T/out" 2>&1
	has fileopen-timeout 'Cannot open .*/nodb/fifo: Connection timed out'
	has fileopen-rest 'bin... deliverable: mailer local, user bin'
fi

# ---- 8. kill -9 durability (crash.sh: smtp-source, 2,000 messages) ----------
sh "$TOP/tests/smtp/crash.sh" "$B" > "$T/crash.out" 2>&1
grep -E '^(FAIL|SKIP)' "$T/crash.out"
# ---- Timeout.command / Timeout.datablock bound a silent client -----------
( printf 'EHLO slow.example\r\n'; sleep 4 ) | "$CFMTA" $CF -bs -OTimeout.command=1s > "$T/tmo.out" 2>&1
grep -q '^421 4.4.2 .*Lost input channel: timeout' "$T/tmo.out" && ok || { bad "Timeout.command: no 421 after 1s"; cat "$T/tmo.out"; }
# Timeout.auth: a client that stops in the middle of AUTH LOGIN
( printf 'EHLO slow.example\r\nAUTH LOGIN\r\n'; sleep 4 ) | "$CFMTA" $CF -bs -OTimeout.auth=1s > "$T/tmo3.out" 2>&1
grep -q '^334 ' "$T/tmo3.out" && grep -q '^421 4.4.2 .*Lost input channel: timeout' "$T/tmo3.out" && ok ||
    { bad "Timeout.auth: no 421 after 1s"; cat "$T/tmo3.out"; }
# Timeout.starttls: a client that never starts its handshake
if [ -n "$HAVE_TLS" ]; then
	( printf 'EHLO slow.example\r\nSTARTTLS\r\n'; sleep 4 ) | "$CFMTA" $CF -bs -OTimeout.starttls=1s > "$T/tmo4.out" 2>&1
	grep -q '^220 2.0.0 Ready to start TLS' "$T/tmo4.out" && grep -q 'STARTTLS: SSL_accept: timeout' "$T/tmo4.out" && ok ||
	    { bad "Timeout.starttls: handshake not given up"; cat "$T/tmo4.out"; }
fi
( printf 'EHLO slow.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<postmaster>\r\nDATA\r\nSubject: x\r\n'; sleep 4 ) |
    "$CFMTA" $CF -bs -OTimeout.datablock=1s > "$T/tmo2.out" 2>&1
grep -q '^421 4.4.2' "$T/tmo2.out" && ! grep -q '^250 2.0.0 .*Message accepted' "$T/tmo2.out" && ok ||
    { bad "Timeout.datablock: no 421 / message accepted"; cat "$T/tmo2.out"; }

add_counts crash "$T/crash.out"

# ---- 9. the mail log (log.sh), MX records and client timeouts (mx.sh:
#      private namespaces), queue lifetime: queuewarn, queuereturn,
#      DELIVERBY (queuetime.sh), the client's identd (ident.sh), success
#      DSNs against sendmail's (dsn.sh), QueueLA, RefuseLA, DelayLA
#      (load.sh), STARTTLS client certificates (tlscert.sh), header
#      address rewriting against sendmail's (hdr.sh), -v (verbose.sh) ----
for sub in log mx queuetime ident dsn load tlscert hdr verbose; do
	sh "$TOP/tests/smtp/$sub.sh" "$B" > "$T/$sub.out" 2>&1
	grep -E '^(FAIL|SKIP)' -A3 "$T/$sub.out"
	add_counts "$sub" "$T/$sub.out"
done

echo "smtp: $pass passed, $fail failed"
[ $fail -eq 0 ]
