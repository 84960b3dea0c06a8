#!/usr/bin/perl
# tests/smtp/golden/feed.pl COMMAND... < SESSION -- run an SMTP server on
# its standard input/output (sendmail -bs) and talk to it like a careful
# client: each command is sent only after the previous reply is complete
# (the real sendmail punishes a client that talks ahead without
# PIPELINING), DATA lines go out without waiting until the final ".".
# Prints everything the server said.
use strict;
use warnings;
use IPC::Open2;

$SIG{ALRM} = sub { print STDERR "feed.pl: timeout\n"; exit 2; };
# a server that hangs up (421) must not take what it said with it
$SIG{PIPE} = 'IGNORE';
$| = 1;
alarm 60;
my $pid = open2(my $out, my $in, @ARGV) or die "feed.pl: cannot run @ARGV\n";
binmode $out; binmode $in;
$in->autoflush(1);

sub reply {
	while (my $l = <$out>) {
		print $l;
		return $l if $l =~ /^\d{3}(?: |\r?$)/;
	}
	return undef;
}

my $r = reply();
my $data = 0;
while (defined $r && defined(my $line = <STDIN>)) {
	chomp $line;
	print $in "$line\r\n";
	if ($data) {
		next if $line ne '.';
		$data = 0;
	}
	$r = reply();
	last unless defined $r;
	$data = 1 if $line =~ /^DATA\b/i && $r =~ /^354/;
}
close $in;
while (my $l = <$out>) { print $l; }
waitpid $pid, 0;
