#!/bin/sh
# tests/smtp/mx.sh BUILD -- delivery through MX records and the client
# Timeout.* values.  Runs in private mount and network namespaces (root,
# unshare, ip): loopback only, with dns.pl answering on 127.0.0.1:53 and
# a resolv.conf bind-mounted over /etc/resolv.conf, so the real resolver
# code (libresolv, getaddrinfo) talks to a zone of our own.
#   - MX preference order, an unreachable best MX, fallback to the next
#   - a domain without MX: its own address
#   - NXDOMAIN: bounced as "Host unknown"
#   - an MX list that points back to this host
#   - Timeout.initial / Timeout.rcpt against a server that stalls
# Addresses: 127.0.0.1 (the sink) and ::1 (an unreachable MX, then the
# stalling servers, one after the other).
# Prints "mx: N passed, M failed" (to be added to the smtp totals).
. "$(dirname "$0")/common.sh"
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1 ||
    ! command -v ip >/dev/null 2>&1 || ! command -v perl >/dev/null 2>&1 ||
    ! unshare -mn true 2>/dev/null; then
	echo "SKIP: MX delivery (needs root, unshare -mn, ip, perl)"
	echo "mx: 0 passed, 0 failed"
	exit 0
fi
T=$(mktemp -d /tmp/cfmta-mx.XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
mkdir -p "$T/q" "$T/mail" "$T/sink"
cat > "$T/deliver" <<EOF
#!/bin/sh
cat >> "$T/mail/\$1"
EOF
chmod 755 "$T/deliver" "$T"; chmod 777 "$T/mail"
printf 'hosts\tdns files\n' > "$T/switch"
cat > "$T/zone" <<EOF
mx.dnstest.example	MX	10 mx1.dnstest.example
mx.dnstest.example	MX	20 mx2.dnstest.example
mx1.dnstest.example	AAAA	::1
mx2.dnstest.example	A	127.0.0.1
direct.dnstest.example	A	127.0.0.1
back.dnstest.example	MX	10 mx3.dnstest.example
back.dnstest.example	MX	10 localhost
back.dnstest.example	MX	20 mx2.dnstest.example
mx3.dnstest.example	A	127.0.0.1
slow.dnstest.example	AAAA	::1
stallrcpt.dnstest.example	AAAA	::1
EOF
cat > "$T/mx.mc" <<EOF
divert(0)dnl
OSTYPE(\`linux')dnl
define(\`confDOMAIN_NAME', \`mx.test.example')dnl
define(\`ESMTP_MAILER_ARGS', \`TCP \$h 2525')dnl
define(\`LOCAL_MAILER_PATH', \`$T/deliver')dnl
define(\`LOCAL_MAILER_ARGS', \`deliver \$u')dnl
define(\`ALIAS_FILE', \`$T/aliases')dnl
define(\`QUEUE_DIR', \`$T/q')dnl
define(\`confSERVICE_SWITCH_FILE', \`$T/switch')dnl
define(\`confDONT_PROBE_INTERFACES', \`true')dnl
FEATURE(\`no_default_msa')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOF
: > "$T/aliases"
"$CFC" -o "$T/mx.cfb" "$T/mx.mc" 2> "$T/cfc.err" || { bad "cfc mx.mc"; cat "$T/cfc.err"; }
echo "nameserver 127.0.0.1" > "$T/resolv.conf"

# everything below runs inside the namespaces; results land in $T
cat > "$T/inside.sh" <<'EOF'
T=$1 CFMTA=$2 TOP=$3
ip link set lo up
mount --bind "$T/resolv.conf" /etc/resolv.conf
perl "$TOP/tests/smtp/dns.pl" "$T/zone" & DNS=$!
perl "$TOP/tests/smtp/sink.pl" 2525 "$T/sink" & SINK=$!
i=0; while { [ ! -f "$T/zone.ready" ] || [ ! -f "$T/sink/sink.ready" ]; } && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.2
send() {	# send NAME RCPT [options]: -odi submission, output in $T/NAME.out
	n=$1 r=$2; shift 2
	printf 'Subject: %s\n\nbody %s\n' "$n" "$n" |
	    "$CFMTA" -C "$T/mx.cfb" -odi -f root@mx.test.example "$@" "$r" > "$T/$n.out" 2>&1
	"$CFMTA" -C "$T/mx.cfb" -bp > "$T/$n.bp" 2>&1
}
send mx user@mx.dnstest.example
send direct user@direct.dnstest.example
send nx user@nosuch.dnstest.example
send back user@back.dnstest.example
# on ::1, a server that greets late, then one that stalls on RCPT
stall() {	# stall MODE: stall.pl on [::1]:2525, ready
	perl "$TOP/tests/smtp/stall.pl" ::1 2525 "$1" & ST=$!
	i=0; while ! perl -MIO::Socket::IP -e 'exit !IO::Socket::IP->new(PeerHost => "::1", PeerPort => 2525)' 2>/dev/null &&
	    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
stall greeting
send slow user@slow.dnstest.example -OTimeout.initial=2s
kill $ST; wait $ST 2>/dev/null
stall rcpt
send stallrcpt user@stallrcpt.dnstest.example -OTimeout.rcpt=2s
kill $ST; wait $ST 2>/dev/null
cat "$T"/q/qf* > "$T/qf.all" 2>/dev/null
"$CFMTA" -C "$T/mx.cfb" -qRroot@mx.test.example > "$T/q.out" 2>&1	# the bounces
kill $DNS $SINK 2>/dev/null
EOF
unshare -mn sh "$T/inside.sh" "$T" "$CFMTA" "$TOP" > "$T/inside.out" 2>&1

has() { if grep -aq -- "$3" "$2" 2>/dev/null; then ok; else bad "$1: no '$3' in ${2##*/}"; sed 's/^/    /' "$2" 2>/dev/null | head -20; fi; }
hasnt() { if grep -q -- "$3" "$2" 2>/dev/null; then bad "$1: unexpected '$3' in ${2##*/}"; sed 's/^/    /' "$2" | head -20; else ok; fi; }
cat "$T"/sink/msg.* > "$T/sunk" 2>/dev/null
has mx-delivered "$T/sunk" 'RCPT <user@mx.dnstest.example>'
has mx-asked-mx "$T/zone.log" '^mx.dnstest.example MX'
has mx-tried-best "$T/zone.log" '^mx1.dnstest.example A'
has mx-then-next "$T/zone.log" '^mx2.dnstest.example A'
has direct-delivered "$T/sunk" 'RCPT <user@direct.dnstest.example>'
has nx-bounced "$T/mail/root" 'Host unknown (Name server: nosuch.dnstest.example: host not found)'
has nx-5.1.2 "$T/mail/root" 'Status: 5.1.2'
# an MX list with this host (localhost is in $=w) at preference 10 stops
# before 10: nothing is left to try
has back-bounced "$T/mail/root" 'MX list for back.dnstest.example points back to mx.test.example'
hasnt back-not-mx3 "$T/sunk" 'RCPT <user@back.dnstest.example>'
has slow-deferred "$T/qf.all" '4.4.2 timeout waiting for input from slow.dnstest.example \[IPv6:0:0:0:0:0:0:0:1\] during client greeting'
has stallrcpt-deferred "$T/qf.all" 'timeout waiting for input from stallrcpt.dnstest.example \[IPv6:0:0:0:0:0:0:0:1\] during RCPT'
if [ $fail -gt 0 ]; then sed 's/^/    inside: /' "$T/inside.out" | head -20; fi
echo "mx: $pass passed, $fail failed"
[ $fail -eq 0 ]
