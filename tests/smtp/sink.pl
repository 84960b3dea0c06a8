#!/usr/bin/perl
# sink.pl PORT OUTDIR [MODE] -- a tiny loopback SMTP sink for the tests.
# Accepts connections on 127.0.0.1:PORT until killed; each message is
# written to OUTDIR/msg.N with the envelope first ("MAIL <...>",
# "RCPT <...>" lines, a blank line, then the data as received, CRLF
# kept).  RCPT addresses containing "reject" get 550, "defer" get 451.
# MODE "nodsn": its EHLO reply does not offer DSN (RFC 3461); "nopipe":
# nor PIPELINING; both: "nodsn,nopipe"; "auth": it offers AUTH (RFC 4954,
# so a client passes MAIL's AUTH= on; nobody logs in).
use strict;
use warnings;
use IO::Socket::INET;

my ($port, $dir, $mode) = @ARGV;
$mode = '' unless defined $mode;
my $dsn = $mode =~ /\bnodsn\b/ ? '' : "250-DSN\r\n";
my $pipe = $mode =~ /\bnopipe\b/ ? '' : "250-PIPELINING\r\n";
my $auth = $mode =~ /\bauth\b/ ? "250-AUTH PLAIN\r\n" : '';
my $srv = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port,
    Listen => 16, ReuseAddr => 1, Proto => 'tcp') or die "sink: listen: $!\n";
{ open(my $pf, ">", "$dir/sink.ready") or die; close($pf); }
$SIG{CHLD} = 'IGNORE';
my $n = 0;
while (my $c = $srv->accept) {
	$n++;
	my $pid = fork();
	next if !defined $pid;
	if ($pid) { close $c; next; }
	$c->autoflush(1);
	print $c "220 sink.test ESMTP ready\r\n";
	my ($env, $m) = ('', 0);
	while (defined(my $l = <$c>)) {
		if ($l =~ /^(EHLO|HELO)/i) {
			print $c "250-sink.test\r\n250-8BITMIME\r\n${pipe}250-SIZE 1000000\r\n${dsn}${auth}250 DELIVERBY\r\n";
		} elsif ($l =~ /^MAIL FROM:\s*(<[^>]*>)([^\r\n]*)/i) {
			$env = "MAIL $1$2\n"; print $c "250 2.1.0 ok\r\n";
		} elsif ($l =~ /^RCPT TO:\s*(<[^>]*>)([^\r\n]*)/i) {
			my $a = $1;
			my $p = $2;
			if ($a =~ /reject/) { print $c "550 5.1.1 $a... no such user here\r\n"; }
			elsif ($a =~ /defer/) { print $c "451 4.3.0 try later\r\n"; }
			else { $env .= "RCPT $a$p\n"; print $c "250 2.1.5 ok\r\n"; }
		} elsif ($l =~ /^DATA/i) {
			print $c "354 go\r\n";
			my $data = '';
			while (defined(my $d = <$c>)) {
				last if $d eq ".\r\n";
				$data .= $d;
			}
			$m++;
			open(my $f, '>', "$dir/msg.$$.$m.tmp") or die;
			print $f $env, "\n", $data;
			close $f;
			rename("$dir/msg.$$.$m.tmp", "$dir/msg.$$.$m");
			print $c "250 2.0.0 queued as S$m\r\n";
		} elsif ($l =~ /^QUIT/i) {
			print $c "221 2.0.0 bye\r\n"; last;
		} elsif ($l =~ /^(RSET|NOOP)/i) {
			print $c "250 2.0.0 ok\r\n";
		} else {
			print $c "502 5.5.1 unknown\r\n";
		}
	}
	exit 0;
}
