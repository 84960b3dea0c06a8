#!/bin/sh
# tests/smtp/ident.sh BUILD -- the RFC 1413 query the daemon makes of each
# client (Timeout.ident): the EHLO greeting names "user@host [addr]" when
# the client's identd answers USERID, "host [addr]" when it answers an
# error, refuses the connection, or stalls past Timeout.ident; a client
# on ::1 is "[IPv6:0:0:0:0:0:0:0:1]", as sendmail writes IPv6 addresses.
# Runs as root in private mount, network and UTS namespaces (identd.pl
# on 127.0.0.1:113, the daemon on 127.0.0.1 and ::1); the transcripts are compared
# with golden/ident.out, which `ORACLE=1 sh tests/smtp/ident.sh` writes
# from the real sendmail's daemon on the same config (make oracle).
# Prints "ident: N passed, M failed".
. "$(dirname "$0")/common.sh"
net_test ident "$0" perl -- "$@"
oracle_mta ident
DPID= IPID=
trap '[ -n "$DPID" ] && kill $DPID 2>/dev/null; [ -n "$IPID" ] && kill $IPID 2>/dev/null; rm -rf "$T"' EXIT INT TERM
bs_setup "$T"
printf 'hosts files\naliases files\npasswd files\n' > "$T/switch"
printf '127.0.0.1\tlocalhost\n' > "$T/hosts"
# the system's host table too (reverse lookups of clients): 127.0.0.1
# has a name, ::1 none
printf '127.0.0.1\tlocalhost\n' > "$T/etchosts"
mount --bind "$T/etchosts" /etc/hosts || { echo "ident: 0 passed, 1 failed"; exit 1; }
PORT=2525
# shellcheck disable=SC2046
set -- -C "$G/bs.cf" $(bs_args "$T") -ODontProbeInterfaces=true \
    -OServiceSwitchFile="$T/switch" -OHostsFile="$T/hosts" \
    -ODaemonPortOptions=Port=$PORT,Addr=127.0.0.1,Name=MTA \
    -ODaemonPortOptions=Port=$PORT,Addr=::1,Family=inet6,Name=MTA6 \
    -OPidFile="$T/mta.pid" -OTimeout.ident=2s
"$MTA" "$@" -bi > /dev/null 2>&1

# identd.pl MODE: USERID for "user", an ERROR for "error", silence for "stall"
cat > "$T/identd.pl" <<'EOF'
use strict; use warnings; use IO::Socket::INET;
my $mode = $ARGV[0];
my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 113,
    Listen => 5, ReuseAddr => 1) or die "identd: $!";
$SIG{CHLD} = 'IGNORE';
while (my $c = $s->accept) {
	my $q = <$c>; defined $q or next;
	$q =~ s/\s+$//;
	if ($mode eq 'user') { print $c "$q : USERID : UNIX : identuser\r\n"; }
	elsif ($mode eq 'error') { print $c "$q : ERROR : NO-USER\r\n"; }
	else { sleep 30; }
	close $c;
}
EOF
# one EHLO to address $1 (default 127.0.0.1); the greeting and the
# Hello line (the rest of EHLO's reply depends on the MTA's features)
ehlo() {
	perl -MIO::Socket::IP -e '
	    my $s = IO::Socket::IP->new(PeerHost => $ARGV[1],
	        PeerPort => $ARGV[0]) or die "connect: $!";
	    local $SIG{ALRM} = sub { print "timeout\n"; exit 0 };
	    alarm 20; my $g = <$s>; print $g; print $s "EHLO client.example\r\n";
	    while (my $l = <$s>) { print $l if $l =~ /Hello/; last if $l =~ /^\d{3} /; }
	    print $s "QUIT\r\n"; print scalar <$s>;' "$PORT" "${1:-127.0.0.1}"
}
"$MTA" "$@" -bd > "$T/daemon.log" 2>&1
i=0; while [ ! -s "$T/mta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
DPID=$(head -1 "$T/mta.pid" 2>/dev/null)
for mode in user error none stall; do
	echo "== $mode"
	if [ "$mode" != none ]; then
		perl "$T/identd.pl" "$mode" & IPID=$!
		i=0; while ! perl -MIO::Socket::INET -e \
		    'exit !IO::Socket::INET->new(PeerAddr => "127.0.0.1:113")' 2>/dev/null &&
		    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	fi
	ehlo
	if [ -n "$IPID" ]; then kill $IPID 2>/dev/null; wait $IPID 2>/dev/null; IPID=; fi
done 2>&1 | bs_filter "$T" > "$T/out"
# a client on ::1 (no identd there, no name for it)
for a in ::1; do
	echo "== $a"
	ehlo $a
done 2>&1 | bs_filter "$T" >> "$T/out"
if [ "${ORACLE:-}" = 1 ]; then
	cp "$T/out" "$G/ident.out"
	echo "ident oracle: $(wc -l < "$G/ident.out") lines written to tests/smtp/golden/ident.out"
	exit 0
fi
if diff -u "$G/ident.out" "$T/out" > "$T/diff"; then ok; else
	bad "ident transcripts differ from the real sendmail's (golden/ident.out)"
	sed 's/^/    /' "$T/diff" | head -30
fi
grep -q 'Hello identuser@localhost \[127.0.0.1\]' "$T/out" && ok ||
    bad "no ident user in the Hello line"
echo "ident: $pass passed, $fail failed"
[ $fail -eq 0 ]
