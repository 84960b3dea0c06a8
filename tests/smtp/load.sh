#!/bin/sh
# tests/smtp/load.sh BUILD -- the load average options (runtime/loadavg.c)
# with the test hook CFMTA_LOADAVG (a number, or a file holding one):
#   - ${load_avg} in the rulesets (check_etrn here)
#   - DelayLA: a second before EHLO, NOOP, ... but not RSET or QUIT
#   - QueueLA: an interactive delivery only queues, a queue run stops;
#     both go ahead when the load is lower or QueueFactor allows
#   - RefuseLA: the daemon closes its socket (connection refused) and
#     opens it again when the load falls; refuseLA= of one daemon
# Prints "load: N passed, M failed".
. "$(dirname "$0")/common.sh"
smtp_test load
P1=$((20000 + ($$ + 13) % 20000)) P2=$((20000 + ($$ + 14) % 20000))
bs_setup "$T" && dsn_setup "$T" || bad "setup"
sed "s/@PORT@/$P1/; s|@DIR@|$T|g" "$G/maillog.mc" > "$T/load.mc"
cat >> "$T/load.mc" <<MC
DAEMON_OPTIONS(\`Port=$P1, Addr=127.0.0.1, Name=one')dnl
DAEMON_OPTIONS(\`Port=$P2, Addr=127.0.0.1, Name=two, refuseLA=50')dnl
Scheck_etrn
R\$*		\$#error \$@ 4.7.0 \$: "450 la=" \$&{load_avg}
MC
if ! "$CFC" -o "$T/load.cfb" "$T/load.mc" 2> "$T/cfc.err"; then
	bad "cfc load.mc"; cat "$T/cfc.err"; echo "load: $pass passed, $fail failed"; exit 1
fi
# shellcheck disable=SC2046
set -- -C "$T/load.cfb" $(bs_args "$T") -OLogLevel=0
"$CFMTA" "$@" -bi > /dev/null 2>&1
qcount() { ls "$T/q" | grep -c '^qf'; }
ms() { perl -MTime::HiRes=time -e 'printf "%d\n", time * 1000'; }

# ${load_avg}
printf 'EHLO c\nETRN x.example\nQUIT\n' > "$T/in"
CFMTA_LOADAVG=7 perl "$G/feed.pl" "$CFMTA" "$@" -bs < "$T/in" > "$T/out" 2>&1
grep -q '^450 4.7.0 la=7.$' "$T/out" && ok || { bad "\${load_avg}: no la=7"; cat "$T/out"; }
echo 3 > "$T/la"
CFMTA_LOADAVG=$T/la perl "$G/feed.pl" "$CFMTA" "$@" -bs < "$T/in" > "$T/out" 2>&1
grep -q '^450 4.7.0 la=3.$' "$T/out" && ok || { bad "\${load_avg} from a file: no la=3"; cat "$T/out"; }

# DelayLA: EHLO and NOOP wait a second each, RSET and QUIT do not
printf 'EHLO c\nNOOP\nRSET\nQUIT\n' > "$T/in"
t0=$(ms)
CFMTA_LOADAVG=5 perl "$G/feed.pl" "$CFMTA" "$@" -ODelayLA=5 -bs < "$T/in" > "$T/out" 2>&1
t=$(( $(ms) - t0 ))
[ $t -ge 2000 ] && [ $t -lt 2900 ] && ok || bad "DelayLA=5 at 5: ${t} ms, want 2 s"
grep -q '^221 ' "$T/out" && ok || { bad "DelayLA: session"; cat "$T/out"; }
t0=$(ms)
CFMTA_LOADAVG=4 perl "$G/feed.pl" "$CFMTA" "$@" -ODelayLA=5 -bs < "$T/in" > "$T/out" 2>&1
t=$(( $(ms) - t0 ))
[ $t -lt 900 ] && ok || bad "DelayLA=5 at 4: ${t} ms, want no delay"

# QueueLA: priority 30000 + size against QueueFactor / (LA - QueueLA + 1)
printf 'EHLO c\nMAIL FROM:<a@example.org>\nRCPT TO:<root>\nDATA\nSubject: la\n\nx\n.\nQUIT\n' > "$T/in"
CFMTA_LOADAVG=10 perl "$G/feed.pl" "$CFMTA" "$@" -ODeliveryMode=interactive -OQueueLA=10 -OQueueFactor=1000 -bs < "$T/in" > /dev/null 2>&1
[ "$(qcount)" = 1 ] && ok || bad "QueueLA: the message was not left queued ($(qcount))"
CFMTA_LOADAVG=10 "$CFMTA" "$@" -OQueueLA=10 -OQueueFactor=1000 -q > /dev/null 2>&1
[ "$(qcount)" = 1 ] && ok || bad "QueueLA: the queue run delivered it ($(qcount))"
# at the same load a QueueFactor above the priority lets it through
CFMTA_LOADAVG=10 "$CFMTA" "$@" -OQueueLA=10 -q > /dev/null 2>&1
[ "$(qcount)" = 0 ] && ok || bad "QueueLA: QueueFactor 600000 kept it ($(qcount))"
CFMTA_LOADAVG=9 perl "$G/feed.pl" "$CFMTA" "$@" -ODeliveryMode=interactive -OQueueLA=10 -OQueueFactor=1000 -bs < "$T/in" > /dev/null 2>&1
[ "$(qcount)" = 0 ] && ok || bad "QueueLA: delivery at a lower load queued ($(qcount))"
rm -f "$T"/q/*

# RefuseLA: refused at the limit, served again when the load falls;
# daemon two has refuseLA=50 of its own
connect() {	# connect PORT: the greeting, or the connect error
	perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]",
	    Timeout => 5) or do { print "refused: $!\n"; exit 0 }; $s->timeout(5);
	    print scalar(<$s>) // "nothing\n"; print $s "QUIT\r\n"; <$s>;' "$1"
}
echo 40 > "$T/la"
CFMTA_LOADAVG=$T/la "$CFMTA" "$@" -ORefuseLA=40 -bD > "$T/daemon.log" 2>&1 & DPID=$!
i=0; while ! connect "$P2" | grep -q '^220' && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1.2
connect "$P1" > "$T/out"
grep -q '^refused' "$T/out" && ok || { bad "RefuseLA=40 at 40: not refused"; cat "$T/out"; }
connect "$P2" > "$T/out"
grep -q '^220 ' "$T/out" && ok || { bad "refuseLA=50 at 40: refused"; cat "$T/out"; }
echo 39 > "$T/la"
i=0; while ! connect "$P1" | grep -q '^220' && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
connect "$P1" > "$T/out"
grep -q '^220 ' "$T/out" && ok || { bad "RefuseLA=40 at 39: still refused"; cat "$T/out"; }
echo 55 > "$T/la"
sleep 1.5
connect "$P2" > "$T/out"
grep -q '^refused' "$T/out" && ok || { bad "refuseLA=50 at 55: not refused"; cat "$T/out"; }
kill -TERM "$DPID"; wait "$DPID" 2>/dev/null; DPID=

echo "load: $pass passed, $fail failed"
[ $fail -eq 0 ]
