#!/usr/bin/perl
# dns.pl ZONE [ADDR [PORT]] -- a tiny authoritative DNS responder for the
# tests (UDP, loopback only; default 127.0.0.1:53).  ZONE lines:
#   name  MX  pref host
#   name  A   1.2.3.4
#   name  NODATA            (the name exists, no records of any type)
# Names not in the zone get NXDOMAIN.  Writes ZONE.ready when listening;
# every question is appended to ZONE.log as "name type".
use strict;
use warnings;
use IO::Socket::INET;

my ($zone, $addr, $port) = @ARGV;
$addr //= '127.0.0.1';
$port //= 53;
my (%rr, %known);
open(my $z, '<', $zone) or die "dns.pl: $zone: $!\n";
while (<$z>) {
	next if /^\s*(#|$)/;
	my ($name, $type, @v) = split;
	$name = lc $name;
	$known{$name} = 1;
	push @{$rr{$name}{$type}}, [@v] if $type ne 'NODATA';
}
close $z;
my $s = IO::Socket::INET->new(LocalAddr => $addr, LocalPort => $port,
    Proto => 'udp') or die "dns.pl: bind $addr:$port: $!\n";
{ open(my $r, '>', "$zone.ready") or die; close $r; }

sub encname {
	my $n = shift;
	return join('', map { chr(length $_) . $_ } split(/\./, $n)) . "\0";
}

my %qt = (1 => 'A', 15 => 'MX', 28 => 'AAAA');
while (1) {
	my $q;
	$s->recv($q, 512) or next;
	next if length $q < 12;
	my ($id, $flags, $qd) = unpack('n n n', $q);
	my ($pos, @labels) = (12);
	while ($pos < length $q) {
		my $l = ord(substr($q, $pos, 1));
		$pos++;
		last if $l == 0;
		push @labels, substr($q, $pos, $l);
		$pos += $l;
	}
	my ($type, $class) = unpack('n n', substr($q, $pos, 4));
	my $question = substr($q, 12, $pos + 4 - 12);
	my $name = lc join('.', @labels);
	my $tn = $qt{$type} // $type;
	{ open(my $lg, '>>', "$zone.log"); print $lg "$name $tn\n"; close $lg; }
	my ($rcode, @ans) = (0);
	if (!$known{$name}) {
		$rcode = 3;
	} else {
		for my $v (@{$rr{$name}{$tn} // []}) {
			my $rdata;
			if ($tn eq 'MX') {
				$rdata = pack('n', $v->[0]) . encname($v->[1]);
			} elsif ($tn eq 'A') {
				$rdata = pack('C4', split(/\./, $v->[0]));
			} elsif ($tn eq 'AAAA') {
				$rdata = Socket::inet_pton(Socket::AF_INET6(), $v->[0]);
			} else {
				next;
			}
			push @ans, pack('n n n N n', 0xc00c, $type, 1, 60,
			    length $rdata) . $rdata;
		}
	}
	my $hdr = pack('n n n n n n', $id, 0x8400 | ($flags & 0x0100) | $rcode,
	    1, scalar @ans, 0, 0);
	$s->send($hdr . $question . join('', @ans));
}
