#!/usr/bin/perl
# tests/smtp/logsink.pl SOCKET OUT -- a stand-in syslog daemon for the
# tests: binds a unix datagram socket at SOCKET and appends each message
# to OUT, one line each, until killed.
use strict; use warnings;
use IO::Socket::UNIX;
use Socket;
my ($path, $out) = @ARGV;
unlink $path;
my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $path) or die "logsink: $path: $!\n";
chmod 0666, $path;
open my $o, '>>', $out or die;
$o->autoflush(1);
$SIG{TERM} = sub { exit 0 };
while (1) { my $m; defined $s->recv($m, 8192) or next; $m =~ s/[\0\n]*\z/\n/; print $o $m; }
