#!/usr/bin/perl
# stall.pl ADDR PORT MODE -- an SMTP server that stops answering, for the
# client timeout tests: MODE "greeting" never sends its 220; MODE "rcpt"
# answers up to MAIL and then never answers RCPT.  Runs until killed.
use strict;
use warnings;
use IO::Socket::IP;

my ($addr, $port, $mode) = @ARGV;
my $srv = IO::Socket::IP->new(LocalHost => $addr, LocalPort => $port,
    Listen => 8, ReuseAddr => 1, Proto => 'tcp') or die "stall: listen: $!\n";
$SIG{CHLD} = 'IGNORE';
# killed, it takes its stalled connections along (no process outlives a test)
my @kids;
$SIG{TERM} = sub { kill 'TERM', @kids; exit 0; };
while (my $c = $srv->accept) {
	my $pid = fork();
	next if !defined $pid;
	if ($pid) { push @kids, $pid; close $c; next; }
	$SIG{TERM} = 'DEFAULT';
	$c->autoflush(1);
	if ($mode eq 'greeting') { sleep 60; exit 0; }
	print $c "220 stall.test ESMTP\r\n";
	while (defined(my $l = <$c>)) {
		if ($l =~ /^(EHLO|HELO)/i) { print $c "250 stall.test\r\n"; }
		elsif ($l =~ /^MAIL/i) { print $c "250 2.1.0 ok\r\n"; }
		elsif ($l =~ /^RCPT/i) { sleep 60; exit 0; }
		else { print $c "250 ok\r\n"; }
	}
	exit 0;
}
