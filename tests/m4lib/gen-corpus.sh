#!/bin/sh
# gen-corpus.sh -- write tests/m4lib/corpus/NAME.bt for every sample.
#
# A corpus is a list of sendmail address test mode (-bt) commands:
#   /parse ADDR                  canonify + parse + mailer rewriting
#   3,0 ADDR                     canonify then parse
#   /tryflags XY + /try M ADDR   header/envelope sender/recipient rewriting
#   .D{macro}value               set a macro for the policy checks
#   check_relay/check_mail/check_rcpt/... ARG
# The files are generated (and checked in) so that a change of the
# corpus shows up in review; rerun this script after editing it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/corpus
mkdir -p "$out"

# addresses for /parse and 3,0
parse_addrs='joe
joe@mx.example.com
joe@MX.EXAMPLE.COM
joe@mx
joe@localhost
joe@localhost.example.com
joe@[192.0.2.10]
joe@[127.0.0.1]
joe@[198.51.100.7]
joe@[IPv6:::1]
joe@example.com
joe@mail.example.com
joe@other.org
joe@mail.other.org
joe@www.example.com
joe@relay.example.net
joe@example.net
joe@example.org
joe@sub.example.org
joe@sub.example.com
joe@deep.sub.example.com
joe@uucp.example
joe@local.example
joe@errors.example
joe@err2.example
joe@procmail.example
joe@old.example
joe@legacy.example.org
joe@virtual.example
info@example.com
sales@example.com
bad@example.com
gone@example.com
joe+lists@virtual.example
joe+other@virtual.example
postmaster@virtual.example
anyone@example.net
joe+detail
joe+detail@mx.example.com
joe+@mx.example.com
sam+x@mx.example.com
root
root@mx.example.com
postmaster
operator
operator@mx.example.com
MAILER-DAEMON
"joe user"@mx.example.com
"joe"
Joe User <joe@other.org>
<joe@other.org>
<<joe@other.org>>
joe@other.org (Joe User)
group: a@other.org, b@example.net;
list:;
<list:;>
<>
@
joe@
@mx.example.com
@mx.example.com:joe@other.org
<@relay.example.net,@mail.other.org:joe@example.org>
joe%other.org@mx.example.com
joe%other.org
joe%mx.example.com@mx.example.com
joe%a%b@mx.example.com
host!joe
host!joe@mx.example.com
a.b!joe
a!b!joe
joe@host.UUCP
joe@uuhost.UUCP
joe@localhost.UUCP
node::joe
1.2::joe
joe@node.DECNET
joe@host.BITNET
joe@bithost.BITNET
joe@uuhost.UUCP
urgent+joe@mx.example.com
joe@sub.example.org
joe@POP
misc.test.USENET
joe@5551234.FAX
joe@mx.example.com.DECNET
joe@moved.example.REDIRECT
joe@.example.com
joe@example..com
joe@example.com.
joe@b@
joe@a@b
joe@[192.0.2.10]x
joe@host:25
a,b@other.org
joe;
<joe@other.org;>
joe@special.example
joe@hooked.example
joe@host.internal
never@never.example.net
joe@x.lan.example
joe@lan.example
joe@internal.example.com
joe@sub.internal.example.com
joe@keep.internal.example.com
joe@partner.example
:include:/etc/aliases.list
|/usr/bin/vacation joe
/var/mail/joe'

# addresses for /try (header and envelope rewriting)
try_addrs='joe
joe@mx.example.com
joe@localhost
joe@example.com
joe@other.org
joe@internal.example.com
joe@sub.internal.example.com
joe@keep.internal.example.com
root
root@mx.example.com
postmaster
operator
<>
host!joe
joe@host.UUCP
node::joe
joe@node.DECNET
joe+detail
sam+x@mx.example.com
Joe User <joe@other.org>
joe%other.org@mx.example.com
@relay.example.net:joe@other.org
list:;
joe@lan.example'

# policy scenarios: client_addr client_name client_resolve
clients='- - -
127.0.0.1 localhost OK
198.51.100.7 mail.other.org OK
203.0.113.5 spam.example.org OK
192.0.2.20 relay.example.net OK
10.1.2.3 - OK
192.0.2.99 unknown.example.org FAIL
198.51.100.9 forged.example OK
198.51.100.10 - TEMP
198.51.100.11 quarantine.example.org OK'

senders='<>
<joe@other.org>
<joe@mail.other.org>
<joe@relay.example.net>
<joe@nonexistent.invalid>
<joe>
<joe@localhost>
<spammer@example.org>
<friend@example.org>
<badguy@example.net>
<relayed@example.com>
<errsender@example.org>
<joe@mx.example.com>
<joe@[192.0.2.10]>
<x@discard.example.org>
<joe@lan.example>'

rcpts='<joe@mx.example.com>
<joe@mail.other.org>
<joe@www.example.com>
<joe>
<postmaster>
<joe@other.org>
<joe@example.org>
<blocked@example.com>
<disabled@mx.example.com>
<joe@partner.example>
<joe@example.net>
<joe%other.org@mx.example.com>
<joe%other.org@example.net>
<joe@lan.example>
<joe@x.lan.example>
<host!joe@mx.example.com>
<friend@example.com>
<hater@example.com>
<abuse@example.org>
<joe@tempfail.example>
<joe@[192.0.2.10]>
<joe@sub.example.com>
<joe@virtual.example>
<>'


# deterministic "fuzz" addresses built from address-like pieces, so that
# odd inputs are compared as well (same list for every configuration)
fuzz_addrs() {
	awk 'BEGIN {
		srand(4242)
		n = split("joe|root|postmaster|a.b|@|@|@|%|%|!|!|:|::|.|..|,|;|<|>|<>|[|]|[192.0.2.10]|[1.2.3.4]|[IPv6:::1]|mx.example.com|example.com|other.org|localhost|host.UUCP|node.DECNET|x.REDIRECT|example.org|example.net|lan.example|+|+detail|\"q u\"|(c)|sub.example.com|virtual.example|mail.other.org|www|mx|joe@|@mx.example.com:|list:|*LOCAL*|$|a b", t, "|")
		for (i = 0; i < 400; i++) {
			k = 1 + int(rand() * 7); a = ""
			for (j = 0; j < k; j++) a = a t[1 + int(rand() * n)]
			print a
		}
	}'
}

mailers_for() {
	case $1 in
	hub) echo "local prog esmtp smtp smtp8 dsmtp relay procmail" ;;
	uucp-gateway) echo "local prog esmtp smtp relay uucp uucp-old uucp-new suucp uucp-dom uucp-uudom" ;;
	mailers) echo "local prog esmtp relay procmail cyrus cyrusbb cyrusv2 pop usenet ph qpage fax mail11 ssh xagent" ;;
	*) echo "local prog esmtp smtp smtp8 dsmtp relay" ;;
	esac
}

setclient() {	# setclient ADDR NAME RESOLVE  ("-" means empty)
	a=$1 n=$2 r=$3
	[ "$a" = - ] && a=
	[ "$n" = - ] && n=
	[ "$r" = - ] && r=
	echo ".D{client_addr}$a"
	echo ".D{client_name}$n"
	echo ".D{client_resolve}$r"
}

gen() {
	name=$1
	echo "# corpus for $name.mc -- generated by gen-corpus.sh"
	echo "$parse_addrs" | while IFS= read -r a; do echo "/parse $a"; done
	echo "$parse_addrs" | sed -n '1~3p' | while IFS= read -r a; do echo "3,0 $a"; done
	for m in $(mailers_for "$name"); do
		for f in HS HR ES ER; do
			echo "/tryflags $f"
			echo "$try_addrs" | while IFS= read -r a; do echo "/try $m $a"; done
		done
	done
	fuzz_addrs | while IFS= read -r a; do
		echo "/parse $a"
	done
	echo "/tryflags HS"
	fuzz_addrs | sed -n '1~4p' | while IFS= read -r a; do echo "/try esmtp $a"; done
	echo "/tryflags ER"
	fuzz_addrs | sed -n '2~4p' | while IFS= read -r a; do echo "/try local $a"; done
	# SMTP policy
	echo ".D{daemon_flags}"
	echo ".D{auth_type}"
	echo ".D{verify}"
	echo "$clients" | while read -r a n r; do
		setclient "$a" "$n" "$r"
		ca=$a; [ "$ca" = - ] && ca=
		cn=$n; [ "$cn" = - ] && cn=
		echo "check_relay $cn \$| $ca"
		echo "$senders" | while IFS= read -r s; do
			echo ".Df$(echo "$s" | tr -d '<>')"
			echo "check_mail $s"
		done
		echo ".Dfjoe@mail.other.org"
		echo "$rcpts" | while IFS= read -r t; do echo "check_rcpt $t"; done
		echo ".Dfspammer@example.org"
		echo "check_rcpt <joe@mx.example.com>"
		echo "check_rcpt <friend@example.com>"
		echo ".Dfrelayed@example.com"
		echo "check_rcpt <joe@other.org>"
		echo ".Dfjoe@mx.example.com"
		echo "check_rcpt <joe@other.org>"
	done
	setclient 198.51.100.7 mail.other.org OK
	echo ".Dfjoe@mail.other.org"
	fuzz_addrs | sed -n '1~3p' | while IFS= read -r a; do
		echo "check_mail <$a>"
		echo "check_rcpt <$a>"
	done
	# authenticated client, daemon flags, deferred mode
	setclient 198.51.100.50 dialup.example.org OK
	echo ".Dfjoe@mail.other.org"
	echo ".D{auth_type}PLAIN"
	echo ".D{auth_authen}joe"
	echo "check_rcpt <joe@other.org>"
	echo ".D{auth_type}DIGEST-MD5"
	echo "check_rcpt <joe@other.org>"
	echo ".D{auth_type}"
	echo ".D{auth_authen}"
	echo ".D{daemon_flags}u"
	echo "check_mail <joe>"
	echo "check_mail <joe@localhost>"
	echo ".D{daemon_flags}f"
	echo "check_mail <joe@host>"
	echo ".D{daemon_flags}CC"
	echo "/parse joe@www"
	echo ".D{daemon_flags}c"
	echo "/parse joe@www"
	echo ".D{daemon_flags}"
	echo ".D{deliveryMode}d"
	echo "check_relay dialup.example.org \$| 198.51.100.50"
	echo "check_mail <joe@other.org>"
	echo "check_rcpt <joe@other.org>"
	echo ".D{deliveryMode}"
	# HELO checks
	for h in mx.example.com "[192.0.2.10]" localhost other.org "[1.2.3.4]" "[IPv6:::1]"; do
		echo ".Ds$h"
		echo "check_rcpt <joe@mx.example.com>"
	done
	# TLS, AUTH and feature rulesets
	echo ".D{server_name}relay.example.net"
	echo ".D{server_addr}192.0.2.20"
	echo "authinfo relay.example.net \$| 192.0.2.20"
	echo ".D{server_name}mail.other.org"
	echo ".D{server_addr}198.51.100.7"
	echo "authinfo mail.other.org \$| 198.51.100.7"
	echo "try_tls mail.other.org"
	echo ".D{server_name}broken.example.net"
	echo ".D{server_addr}192.0.2.66"
	echo "try_tls broken.example.net"
	echo ".D{server_name}secure.example.net"
	for v in OK NO FAIL NONE SOFTWARE; do
		echo ".D{verify}$v"
		echo ".D{cipher_bits}256"
		echo "tls_server $v"
		echo ".D{cipher_bits}56"
		echo "tls_server $v"
		echo "tls_rcpt <joe@secure.example.net>"
		echo "tls_rcpt <joe@other.org>"
	done
	setclient 198.51.100.7 mail.other.org OK
	for v in OK NO FAIL NOT CLEAR PROTOCOL; do
		echo ".D{verify}$v"
		echo "tls_client $v \$| MAIL"
		echo "tls_client $v \$| STARTTLS"
	done
	echo ".D{verify}OK"
	echo ".D{cert_issuer}/C=US/O=Test_CA"
	echo "check_rcpt <joe@other.org>"
	echo ".D{verify}"
	echo "srv_features mail.other.org"
	echo "clt_features relay.example.net"
	echo "tls_srv_features mail.other.org \$| 198.51.100.7"
	echo "tls_clt_features relay.example.net \$| 192.0.2.20"
	echo ".D{auth_type}PLAIN"
	echo ".D{auth_authen}joe"
	echo ".D{auth_author}joe"
	echo "trust_auth joe"
	echo "trust_auth <joe>"
	echo "trust_auth other"
	echo ".D{auth_type}"
	echo "trust_auth other"
	echo "check_compat <bad@example.org> \$| <joe@mx.example.com>"
	echo "check_compat <joe@other.org> \$| <joe@mx.example.com>"
	echo "queuegroup <joe@example.org>"
	echo "queuegroup <joe@other.org>"
	echo "greet_pause mail.other.org \$| 198.51.100.7"
	echo "greet_pause spam.example.org \$| 203.0.113.9"
	echo "greet_pause \$| 192.0.2.5"
	echo ".D{client_rate}9"
	echo ".D{client_connections}3"
	echo "check_relay mail.other.org \$| 198.51.100.7"
	echo "RateControl x"
	echo "check_other MAIL FROM: \$| 2"
	echo "check_other Subject: hello \$| 5"
	echo "check_other HELO x \$| 5"
	echo ".D{addr_type}e r"
	echo ".DAb"
	echo "bcc <joe@example.org>"
	echo "bcc <joe@a.sub.example.org>"
	echo "bcc <joe@other.org>"
	echo "ParseBcc joe < @ example . org . >"
	echo ".DA"
	echo ".D{addr_type}"
	echo "ConnControl x"
	# the access lookup helpers (local rulesets call them directly)
	for k in example.org sub.example.org a.b.spam.example.org spammer.example.org "[203.0.113.5]" "[198.51.100.7]" "[IPv6:2001:db8::1]" partner.example nowhere; do
		echo "D <$k> <?> <+ To> <pass>"
		echo "D <$k> <dflt> <! Connect> <>"
		echo "D <$k> <?> <+ Connect> <x y>"
	done
	echo "D <> <?> <! Srv_Features> <>"
	for k in 198.51.100.7 198.51.100.77 203.0.113.5 10.1.2.3 IPv6:2001:db8::1 IPv6:::1 192.0.2; do
		echo "A <$k> <?> <+ Connect> <$k>"
		echo "A <$k> <NONE> <! Connect> <>"
	done
	for k in spammer@example.org friend+x@example.org badguy+y@ joe@example.com errsender+z@example.org; do
		echo "F <$k> <?> <+ From> <>"
		echo "F <$k> <?> <! From> <p>"
		echo "E <$k> <?> <+ From> <>"
	done
	for k in badguy@ badguy+tag@ joe@ abuse@ abuse+x@; do
		echo "U <$k> <?> <+ From> <>"
		echo "U <$k> <?> <! Spam> <>"
	done
	echo "SearchList <+ From> \$| <F:spammer@example.org> <D:example.org> <>"
	echo "SearchList <+ From> \$| <F:nobody@nowhere> <U:badguy@> <>"
	echo "SearchList <! To> \$| <F:joe@example.com> <D:example.org> <>"
	echo "SearchList <! Spam> \$| <F:friend@example.com> <D:example.com> <U:friend@> <>"
	echo "SearchList <+ From> \$| <F:x@y> <>"
	echo "SearchList <! ClientRate> \$| <A:198.51.100.7> <E:> <>"
	# local address handling after aliasing
	for a in joe joe+detail joe+ operator root nosuchuser nosuchuser+x; do
		echo "localaddr $a"
		echo "5 $a"
	done
	echo ".Dh+detail"
	echo "localaddr nosuchuser"
	echo ".Dhjoe@example.com"
	echo "localaddr nosuchuser"
	echo ".Dhdetail"
	echo "localaddr joe"
	echo ".Dh"
	# masquerading helpers and direct ruleset calls
	for a in "joe < @ mx . example . com . >" "joe < @ internal . example . com . >" "joe < @ *LOCAL* >" "root < @ *LOCAL* >" "postmaster < @ internal . example . com . >"; do
		echo "MasqHdr $a"
		echo "MasqEnv $a"
	done
	for a in "joe@other.org" "<joe@other.org>" "joe%other.org@example.net" "joe@lan.example"; do
		echo "CanonAddr $a"
		echo "ParseRecipient $a"
	done
	echo "final joe < @ mx . example . com . >"
	echo "4 joe < @ host . UUCP . >"
	echo "4 joe < @ node . DECNET . >"
	echo "4 list :; <@>"
	echo "4 joe % mx . example . com @ mx . example . com"
}

for mc in "$here"/../../mc-samples/*.mc "$here"/extra/*.mc; do
	name=$(basename "$mc" .mc)
	gen "$name" > "$out/$name.bt"
	echo "$name: $(grep -c . "$out/$name.bt") commands"
done
