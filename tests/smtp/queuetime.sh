#!/bin/sh
# tests/smtp/queuetime.sh BUILD -- queue lifetime, loopback only: messages
# for a next hop that refuses connections (a closed 127.0.0.1 port) are
# made old by moving the creation-time record (T) of their control file
# back (age(), below: the record is rewritten with its new length, the
# way queue_fs.c writes it), then `cfmta -q` runs.  Checked: one delay
# DSN after Timeout.queuewarn (never a second), only for recipients whose
# NOTIFY allows DELAY; the bounce after Timeout.queuereturn with
# sendmail's words; NOTIFY=NEVER gets nothing; the Precedence:/Priority:
# classes; the old T option; MinQueueAge; RFC 2852 BY=;R (5.4.7) and
# BY=;N (a delay DSN), and BY= passed on to a next hop offering DELIVERBY.
# The texts are those the real sendmail 8.17 writes (see the README).
. "$(dirname "$0")/common.sh"
done_() { echo "queuetime: $pass passed, $fail failed"; [ $fail -eq 0 ]; exit $?; }
command -v perl > /dev/null 2>&1 || { echo "SKIP: queue lifetime (no perl)"; done_; }

T=$(mktemp -d /tmp/cfmta-qtime.XXXXXX)
SINKPID=
cleanup() {
	[ -n "$SINKPID" ] && kill "$SINKPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
# a port nobody listens on, and one for the sink (from the pid)
P0=$((20000 + ($$ % 20000)))
CLOSED=$((P0 + 3)) SINKPORT=$((P0 + 4))

mkdir -p "$T/q" "$T/mail" "$T/sink"
chmod 777 "$T/mail"
chmod 755 "$T"
cat > "$T/deliver" <<EOF
#!/bin/sh
cat >> "$T/mail/\$1"
EOF
chmod 755 "$T/deliver"
: > "$T/aliases"
# mc PORT: the test config, its smart host on 127.0.0.1:PORT
mc() {
	cat <<EOF
divert(0)dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
define(\`confDOMAIN_NAME', \`mx.test.example')dnl
define(\`SMART_HOST', \`relay:[127.0.0.1]')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $1')dnl
define(\`LOCAL_MAILER_PATH', \`$T/deliver')dnl
define(\`LOCAL_MAILER_ARGS', \`deliver \$u')dnl
define(\`ALIAS_FILE', \`$T/aliases')dnl
define(\`QUEUE_DIR', \`$T/q')dnl
define(\`confDELIVERY_MODE', \`queue')dnl
FEATURE(\`no_default_msa')dnl
FEATURE(\`accept_unresolvable_domains')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOF
}
mc "$CLOSED" > "$T/t.mc"
mc "$SINKPORT" > "$T/sink.mc"
for c in t sink; do
	"$CFC" -o "$T/$c.cfb" "$T/$c.mc" 2> "$T/cfc.err" || { bad "cfc $c.mc"; cat "$T/cfc.err"; done_; }
done
CF="-C $T/t.cfb -OQueueDirectory=$T/q"
"$CFMTA" $CF -bi > /dev/null 2>&1

# submit FILE: an SMTP session from FILE; prints the queue id
submit() {
	sed 's/$/\r/' "$1" | "$CFMTA" $CF -bs > "$T/bs.out" 2>&1
	sed -n 's/^250 2.0.0 \([0-9A-Za-z]*\) Message accepted.*/\1/p' "$T/bs.out" | tr -d '\r'
}
# age ID SECONDS: the message was created SECONDS earlier
age() {
	perl -0pi -e 's/^T\d+:(\d+)\n/my $v = $1 - '"$2"'; "T" . length($v) . ":$v\n"/me' "$T/q/qf$1"
}
runq() { "$CFMTA" $CF "$@" -q > /dev/null 2>&1; }
# runcf "O LINE"...: one queue run with the lines added at the end of the
# cf (after its Timeout lines: a -O setting of one class would not do, as
# the cf's plain Timeout.queuewarn sets every class, in sendmail too)
runcf() {
	{ "$CFC" --decompile "$T/t.cfb"; for l in "$@"; do echo "$l"; done; } > "$T/t2.cf"
	"$CFMTA" -C "$T/t2.cf" -OQueueDirectory="$T/q" -q > /dev/null 2>&1
}
# n FILE PATTERN: how many lines of FILE match
n() { if [ -f "$1" ]; then grep -c -- "$2" "$1"; else echo 0; fi; }
want() {	# want NAME GOT EXPECTED
	if [ "$2" = "$3" ]; then ok; else bad "$1: $2, want $3"; [ -f "$T/mail/root" ] && sed 's/^/    /' "$T/mail/root" | head -60; fi
}
msg() {	# msg FILE MAILPARAMS HEADER RCPT...: a session file
	f=$1 mp=$2 h=$3; shift 3
	{
		echo "EHLO client.example"
		echo "MAIL FROM:<root@mx.test.example>$mp"
		for r in "$@"; do echo "RCPT TO:$r"; done
		echo DATA
		[ -n "$h" ] && echo "$h"
		echo "Subject: queue time"
		echo
		echo "body"
		echo .
		echo QUIT
	} > "$T/$f"
}
box=$T/mail/root

# ---- 1. the delay DSN after Timeout.queuewarn (4h), once ------------------
msg s1 "" "" "<a@dest.example>" "<b@dest.example> NOTIFY=NEVER" \
    "<c@dest.example> NOTIFY=FAILURE" "<d@dest.example> NOTIFY=DELAY,FAILURE"
id=$(submit "$T/s1")
[ -n "$id" ] && ok || { bad "submit: no queue id"; cat "$T/bs.out"; done_; }
runq; runq
want "no warning before 4h" "$(n "$box" '^Subject: Warning')" 0
age "$id" $((5 * 3600))
runq
"$CFMTA" $CF -bp > "$T/bp.out" 2>&1
grep -q '(Warning: could not send message for past 4 hours)' "$T/bp.out" && ok ||
    { bad "-bp: no warning status line"; cat "$T/bp.out"; }
runq
want "one warning after 5h" "$(n "$box" '^Subject: Warning: could not send message for past 4 hours')" 1
want "warning banner" "$(n "$box" 'THIS IS A WARNING MESSAGE ONLY')" 1
want "warning: Auto-Submitted" "$(n "$box" '^Auto-Submitted: auto-generated (warning-timeout)')" 1
want "warning: still undelivered" "$(n "$box" '^Warning: message still undelivered after 4 hours')" 1
want "warning: keep trying" "$(n "$box" '^Will keep trying until message is 5 days old')" 1
want "warning: transcript" "$(n "$box" '^<a@dest.example>... Deferred: Connection refused by \[127.0.0.1\]')" 1
want "warning: delayed a, d" "$(n "$box" '^Action: delayed')" 2
want "warning: a (no NOTIFY)" "$(n "$box" '^Final-Recipient: RFC822; a@dest.example')" 1
want "warning: d (DELAY)" "$(n "$box" '^Final-Recipient: RFC822; d@dest.example')" 1
want "warning: not b (NEVER), c (FAILURE)" "$(n "$box" '^Final-Recipient: RFC822; [bc]@')" 0
want "warning: Status 4.4.1" "$(n "$box" '^Status: 4.4.1')" 2
want "warning: Will-Retry-Until" "$(n "$box" '^Will-Retry-Until: ')" 2
grep -q 'X[0-9]*:[a-z]*w' "$T/q/qf$id" && ok || bad "control file: warned flag (X w) not recorded"
runq; runq; runq
want "never a second warning" "$(n "$box" '^Subject: Warning')" 1
"$CFMTA" $CF -bp > "$T/bp.out" 2>&1
grep -q "$id" "$T/bp.out" && ok || { bad "-bp after the warning"; cat "$T/bp.out"; }

# ---- 2. the bounce after Timeout.queuereturn (5d) -------------------------
: > "$box"
age "$id" $((5 * 86400))
runq; runq
want "bounce after 5d" "$(n "$box" '^Subject: Returned mail: see transcript for details')" 1
want "bounce: could not be delivered" "$(n "$box" '^Message could not be delivered for 5 days')" 1
want "bounce: deleted" "$(n "$box" '^Message will be deleted from queue')" 1
want "bounce: Status 4.4.7" "$(n "$box" '^Status: 4.4.7')" 3
want "bounce: Action failed" "$(n "$box" '^Action: failed')" 3
want "bounce: not b (NEVER)" "$(n "$box" '^Final-Recipient: RFC822; b@')" 0
[ ! -f "$T/q/qf$id" ] && ok || bad "timed-out message still queued"

# ---- 3. NOTIFY=NEVER: neither a warning nor a bounce ----------------------
: > "$box"
msg s3 "" "" "<e@dest.example> NOTIFY=NEVER"
id=$(submit "$T/s3")
age "$id" $((5 * 3600)); runq; runq
age "$id" $((5 * 86400)); runq; runq
want "NOTIFY=NEVER: no DSN" "$(n "$box" '^Subject:')" 0
[ ! -f "$T/q/qf$id" ] && ok || bad "NOTIFY=NEVER: message still queued after 5d"

# ---- 4. classes: Precedence: bulk never warns; Priority: urgent ----------
: > "$box"
msg s4 "" "Precedence: bulk" "<f@dest.example>"
id=$(submit "$T/s4")
age "$id" $((11 * 3600)); runq; runq
want "Precedence: bulk (negative): no warning" "$(n "$box" '^Subject: Warning')" 0
age "$id" $((6 * 86400))
runcf "O Timeout.queuereturn.non-urgent=7d"; runq -OTimeout.queuereturn=7d
want "Precedence: bulk: queuereturn.non-urgent=7d not yet" "$(n "$box" '^Subject:')" 0
runcf "O Timeout.queuereturn.non-urgent=6d"; runq
want "Timeout.queuereturn.non-urgent=6d" "$(n "$box" '^Message could not be delivered for 6 days')" 1
: > "$box"
msg s5 "" "Priority: urgent" "<g@dest.example>"
id=$(submit "$T/s5")
age "$id" 5400
runq -OTimeout.queuewarn.urgent=1h; runq
want "-OTimeout.queuewarn.urgent: reset by the cf's Timeout.queuewarn" "$(n "$box" '^Subject: Warning')" 0
runcf "O Timeout.queuewarn.urgent=1h"; runq
want "Priority: urgent, queuewarn.urgent=1h" "$(n "$box" '^Subject: Warning: could not send message for past 1 hour$')" 1
: > "$box"
msg s5b "" "" "<g2@dest.example>"
id2=$(submit "$T/s5b")
age "$id2" 5400
runq -OTimeout.queuewarn=1h; runq
want "-OTimeout.queuewarn=1h: sticky" "$(n "$box" '^Subject: Warning: could not send message for past 1 hour$')" 1
rm -f "$T/q/qf$id2" "$T/q/df$id2"
rm -f "$T/q/qf$id" "$T/q/df$id"
# the old T option, "queuereturn/queuewarn", as the cf's last line
: > "$box"
msg s6 "" "" "<h@dest.example>"
id=$(submit "$T/s6")
age "$id" 6000
runcf "O QueueTimeout=2d/1h30m"; runq
want "T option 2d/1h30m: warning" "$(n "$box" '^Subject: Warning: could not send message for past 1 hour, 30 minutes$')" 1
want "T option 2d/1h30m: keep trying" "$(n "$box" '^Will keep trying until message is 2 days old')" 1
# MinQueueAge: a message tried a moment ago is left alone
a0=$(perl -ne 'print $1 if /^A\d+:(\d+)$/' "$T/q/qf$id")
runq -OMinQueueAge=1h
a1=$(perl -ne 'print $1 if /^A\d+:(\d+)$/' "$T/q/qf$id")
want "MinQueueAge=1h: no new attempt" "$a1" "$a0"
runq
a2=$(perl -ne 'print $1 if /^A\d+:(\d+)$/' "$T/q/qf$id")
want "no MinQueueAge: attempted" "$a2" "$((a0 + 1))"
# MaxQueueAge: the wait is the message's age at its last attempt (1h40m
# here), at most MaxQueueAge
runq -OMaxQueueAge=1h
a3=$(perl -ne 'print $1 if /^A\d+:(\d+)$/' "$T/q/qf$id")
want "MaxQueueAge=1h: no new attempt" "$a3" "$a2"
rm -f "$T/q/qf$id" "$T/q/df$id"

# -OTimeout.queuereturn=now returns what is queued at the next run
: > "$box"
msg s6b "" "" "<h2@dest.example>"
id=$(submit "$T/s6b")
age "$id" 10
runq -OTimeout.queuereturn=now; runq
want "Timeout.queuereturn=now: bounced" "$(n "$box" '^Message could not be delivered for too long')" 1
[ ! -f "$T/q/qf$id" ] && ok || bad "Timeout.queuereturn=now: message still queued"

# ---- 4b. a control file of the earlier format (no W record, no X flags) -----
: > "$box"
old=OLDFMT0000001
printf 'Subject: old format\n\nbody\n' > "$T/q/df$old"
perl -e 'my $t = time - 5 * 3600;
	for (["V","1"],["I",$ARGV[0]],["T",$t],["K","0"],["N","0"],["A","0"],
	    ["S","root\@mx.test.example"],["Z","31"],["M","_=localhost"],
	    ["R","Pm\@dest.example"],[".",""]) {
		print $_->[0], length($_->[1]), ":", $_->[1], "\n" }' "$old" > "$T/q/qf$old"
runq; runq
want "old-format control file: one warning" "$(n "$box" '^Subject: Warning: could not send message for past 4 hours')" 1
grep -q 'X[0-9]*:w$' "$T/q/qf$old" && ok || bad "old-format control file: warned flag not added"
rm -f "$T/q/qf$old" "$T/q/df$old"

# ---- 5. RFC 2852 deliver-by ------------------------------------------------
: > "$box"
msg s7 " BY=60;R" "" "<i@dest.example>"
id=$(submit "$T/s7")
grep -q 'W[0-9]*:60;R$' "$T/q/qf$id" && ok || bad "BY=60;R not in the control file"
age "$id" 120; runq; runq
want "BY=;R expired: bounce" "$(n "$box" '^Status: 5.4.7')" 1
want "BY=;R: transcript" "$(n "$box" '^Delivery time (60s) expired')" 1
want "BY=;R: Deliver-By-Date" "$(n "$box" '^Deliver-By-Date: ')" 1
[ ! -f "$T/q/qf$id" ] && ok || bad "BY=;R: message still queued"
: > "$box"
msg s8 " BY=60;N" "" "<j@dest.example>" "<k@dest.example> NOTIFY=FAILURE"
id=$(submit "$T/s8")
age "$id" 120; runq; runq
want "BY=;N: warning" "$(n "$box" '^Subject: Warning: Delivery time (60s) exceeded')" 1
want "BY=;N: non-fatal list" "$(n "$box" 'The following addresses had transient non-fatal errors')" 1
want "BY=;N: only j" "$(n "$box" '^Final-Recipient: RFC822; ')" 1
age "$id" $((5 * 3600)); runq; runq
want "BY=;N then queuewarn: still one warning" "$(n "$box" '^Subject: Warning')" 1
rm -f "$T/q/qf$id" "$T/q/df$id"

# ---- 6. BY= goes on to a next hop that offers DELIVERBY --------------------
perl "$TOP/tests/smtp/sink.pl" "$SINKPORT" "$T/sink" & SINKPID=$!
i=0; while [ ! -f "$T/sink/sink.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
msg s9 " BY=3600;NT" "" "<l@dest.example>"
id=$(submit "$T/s9")
age "$id" 100
"$CFMTA" -C "$T/sink.cfb" -OQueueDirectory="$T/q" -q > /dev/null 2>&1
if grep -q '^MAIL <root@mx.test.example>.* BY=3[0-9][0-9][0-9];NT' "$T"/sink/msg.* 2>/dev/null; then
	by=$(sed -n 's/^MAIL .* BY=\([0-9]*\);NT.*/\1/p' "$T"/sink/msg.* | head -1)
	[ "$by" -le 3500 ] && [ "$by" -ge 3480 ] && ok || bad "BY= passed on with $by seconds left, want about 3500"
else
	bad "BY= not passed on to the next hop"; cat "$T"/sink/msg.* 2>/dev/null | head -5
fi
done_
