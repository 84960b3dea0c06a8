#!/bin/sh
# tests/smtp/tlscert.sh BUILD -- STARTTLS client certificates on the server
# side: the daemon asks each client for a certificate (naming the CA of
# CACertFile; not with Srv_Features V or TLSSrvOptions V), sets ${verify}
# (OK, NO, NOT, FAIL) and ${cert_subject} ${cert_issuer} ${cn_subject}
# ${cn_issuer} ${cert_md5} ${cert_fp} in sendmail's encoding, calls
# tls_client after the handshake (TLS_Clt: VERIFY) and from check_mail,
# and lets a client whose certificate's issuer a CERTISSUER: access entry
# names relay.  Certificates are made here with openssl: a test CA, the
# server's, client certs the CA signed (names with the characters sendmail
# encodes, no CN, a DN longer than sendmail's buffer), a self-signed one;
# clients are swaks from 127.0.0.1 and ::1 (the outside client: its
# Relay_ok rules are taken out of the cf; Srv_Features and TLS_Clt
# entries are tried on a daemon restarted with them), openssl s_client
# for the CA list.  Runs as root in private mount, network and UTS namespaces;
# the transcripts (fingerprints masked) are compared with
# golden/tlscert.out, which `ORACLE=1 sh tests/smtp/tlscert.sh` writes from
# the real sendmail's daemon on the same .mc (make oracle).
# Prints "tlscert: N passed, M failed".
. "$(dirname "$0")/common.sh"
net_test tlscert "$0" swaks openssl perl -- "$@"
# not under /tmp: sendmail refuses a world-writable parent
T=$(mktemp -d "${HOME:-/root}/.cfmta-tlscert.XXXXXX")
chmod 700 "$T"
DPID=
# (restart runs in the pipeline's subshell: the daemon running at the end
# is the one the pid file names, not necessarily $DPID)
trap '[ -n "$DPID" ] && kill $DPID 2>/dev/null
	[ -s "$T/mta.pid" ] && kill "$(head -1 "$T/mta.pid")" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
sed "s|@DIR@|$T|g" "$G/tlscert.mc" > "$T/tlscert.mc"
if [ "${ORACLE:-}" = 1 ]; then
	MTA=${SENDMAIL:-/usr/sbin/sendmail}
	if ! [ -x "$MTA" ] || ! dpkg -s sendmail-bin >/dev/null 2>&1; then
		echo "tlscert oracle: sendmail-bin is not installed; nothing regenerated" >&2
		exit 0
	fi
	M4LIB=${CFDIR:-/usr/share/sendmail/cf}/m4/cf.m4
	MAKEMAP="makemap hash"
else
	MTA=$CFMTA
	M4LIB=$TOP/m4lib/m4/cf.m4
	MAKEMAP="$MKMAP hash"
fi
# ::1 plays a client from outside: Relay_ok's rules that make it local go
m4 -D_NO_MAKEINFO_ "$M4LIB" "$T/tlscert.mc" |
    sed '/^RIPv6:\(::\|0:0:0:0:0:0:0:\)1[[:space:]]/d' > "$T/tlscert.txt" || exit 2
if [ "${ORACLE:-}" = 1 ]; then
	mv "$T/tlscert.txt" "$T/tlscert.cf"
elif ! "$CFC" -o "$T/tlscert.cf" "$T/tlscert.txt" 2> "$T/cfc.err"; then
	bad "cfc tlscert.txt"; cat "$T/cfc.err"
	echo "tlscert: $pass passed, $fail failed"; exit 1
fi

# certificates: fixed names (the golden shows them), EC keys (fast); the
# names hold the characters sendmail encodes (space < > ( ) " +)
mkcert() {	# mkcert NAME SUBJECT [CA]: NAME.pem and NAME.key
	if [ -z "${3:-}" ]; then
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		    -nodes -days 2 -keyout "$T/$1.key" -out "$T/$1.pem" -subj "$2"
	else
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		    -nodes -keyout "$T/$1.key" -out "$T/$1.csr" -subj "$2" &&
		openssl x509 -req -in "$T/$1.csr" -CA "$T/$3.pem" -CAkey "$T/$3.key" \
		    -CAcreateserial -days 2 -out "$T/$1.pem"
	fi > /dev/null 2>&1 && chmod 600 "$T/$1.key"
}
mkcert ca '/C=US/O=Test CA (cfmta)/CN=cfmta Test CA\+1' &&
mkcert srv '/CN=mx.test.example' ca &&
mkcert clt '/C=US/O=Client <Org>/CN=client "one"/emailAddress=a\+b@client.example' ca &&
mkcert self '/CN=self.example' &&
mkcert nocn '/O=No Common Name' ca &&
mkcert long "/O=Long$(printf '/OU=unit %s with a rather long name' 1 2 3 4 5 6 7 8 9 10 11 12)/CN=long.example" ca || { echo "FAIL: openssl"; echo "tlscert: 0 passed, 1 failed"; exit 1; }

bs_setup "$T"
printf 'hosts files\naliases files\npasswd files\n' > "$T/switch"
printf '127.0.0.1\tlocalhost\n' > "$T/hosts"
printf '127.0.0.1\tlocalhost\n::1\toutside.test.example\n' > "$T/etchosts"
mount --bind "$T/etchosts" /etc/hosts || { echo "tlscert: 0 passed, 1 failed"; exit 1; }
# the CA's DN as sendmail encodes it
cat > "$T/access" <<'EOF2'
CERTISSUER:/C=US/O=Test+20CA+20+28cfmta+29/CN=cfmta+20Test+20CA+5C+2B1	RELAY
EOF2
$MAKEMAP "$T/access" < "$T/access" || bad "makemap access"
PORT=2525
# shellcheck disable=SC2046
set -- -C "$T/tlscert.cf" $(bs_args "$T") -ODontProbeInterfaces=true \
    -OServiceSwitchFile="$T/switch" -OHostsFile="$T/hosts" \
    -ODaemonPortOptions=Port=$PORT,Addr=127.0.0.1,Name=MTA \
    -ODaemonPortOptions=Port=$PORT,Addr=::1,Family=inet6,Name=MTA6 \
    -OPidFile="$T/mta.pid" -OTimeout.ident=0s \
    -OServerCertFile="$T/srv.pem" -OServerKeyFile="$T/srv.key" \
    -OCACertFile="$T/ca.pem" -OCACertPath="$T"
"$MTA" "$@" -bi > /dev/null 2>&1
"$MTA" "$@" -bd > "$T/daemon.log" 2>&1
i=0; while [ ! -s "$T/mta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
DPID=$(head -1 "$T/mta.pid" 2>/dev/null)
if [ -z "$DPID" ]; then
	echo "FAIL: the daemon did not start"; cat "$T/daemon.log"
	echo "tlscert: 0 passed, 1 failed"; exit 1
fi

# client FROM CERT [swaks options]: one session from FROM (127.0.0.1 or
# ::1, the daemon's address too); SMTP lines and whether swaks was asked
# for a certificate
client() {
	from=$1 cert=$2; shift 2
	if [ "$cert" != none ]; then
		set -- --tls-cert "$T/$cert.pem" --tls-key "$T/$cert.key" "$@"
	fi
	swaks --server "$from" --port $PORT --timeout 20 --helo client.example \
	    "$@" 2>&1 |
	    grep -E '^ *(<|->|~>|\*\*)' |
	    sed -e 's/^ *//' -e 's/^\(<-  220 [^ ]* ESMTP Sendmail [^;]*;\) .*/\1 DATE/'
}
restart() {	# restart ARGS...: the daemon again, with these arguments
	kill "$DPID"; i=0; while kill -0 "$DPID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	rm -f "$T/mta.pid"
	"$MTA" "$@" -bd > "$T/daemon.log" 2>&1
	i=0; while [ ! -s "$T/mta.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	DPID=$(head -1 "$T/mta.pid" 2>/dev/null)
	[ -n "$DPID" ] || { echo "daemon did not restart with $*"; cat "$T/daemon.log"; }
}
{
for c in none clt self nocn long; do
	echo "== ::1 $c: the macros, relaying"
	client ::1 $c --tls --from a@example.org --to show,show2,tail,far@far.example --quit-after RCPT
done
echo "== the CA names sent with the request"
printf 'QUIT\r\n' | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -starttls smtp \
    -cert "$T/clt.pem" -key "$T/clt.key" 2>&1 |
    sed -n '/^Acceptable client certificate CA names/,/^[A-Z][a-z]* [A-Za-z]* Signature/p' | grep -v Signature
echo "== the Received: line"
rm -f "$T"/q/*
for c in none clt self; do
	client 127.0.0.1 $c --tls --from a@example.org --to root --body "cert $c" > /dev/null
done
grep -aho 'version=[^ ]* cipher=[^ ]* bits=[0-9/]* verify=[A-Z]*' "$T"/q/* | LC_ALL=C sort
# Srv_Features: ::1 is not asked; TLS_Clt: 127.0.0.1 must present a
# verified certificate (the daemon started again on the new map)
cp "$T/access" "$T/access.orig"
printf 'Srv_Features:IPv6:0:0:0:0:0:0:0:1\tV\nTLS_Clt:127.0.0.1\tVERIFY\n' >> "$T/access"
$MAKEMAP "$T/access" < "$T/access" || echo "makemap access failed"
restart "$@"
echo "== ::1 clt: not asked (Srv_Features V)"
client ::1 clt --tls --from a@example.org --to show --quit-after RCPT
for c in none clt self; do
	echo "== 127.0.0.1 $c: TLS_Clt VERIFY"
	client 127.0.0.1 $c --tls --from a@example.org --to root --quit-after RCPT
done
echo "== 127.0.0.1 no STARTTLS: TLS_Clt VERIFY at MAIL"
client 127.0.0.1 none --from a@example.org --to root --quit-after RCPT
mv "$T/access.orig" "$T/access"
$MAKEMAP "$T/access" < "$T/access" || echo "makemap access failed"
echo "== CertFingerprintAlgorithm=sha1: \${cert_fp}, no \${cert_md5}"
restart "$@" -OCertFingerprintAlgorithm=sha1
client ::1 clt --tls --from a@example.org --to show2 --quit-after RCPT | grep show2
echo "== TLSSrvOptions=V: no client is asked"
restart "$@" -OTLSSrvOptions=V
client ::1 clt --tls --from a@example.org --to show,far@far.example --quit-after RCPT | grep '^<~\*'
} | bs_filter "$T" | sed -e 's/\(md5=\)\([0-9A-F][0-9A-F]:\)\{15\}[0-9A-F][0-9A-F]/\1MD5/' \
    -e 's/\(fp=\)\([0-9A-F][0-9A-F]:\)\{19\}[0-9A-F][0-9A-F]/\1SHA1/' > "$T/out"
if [ "${ORACLE:-}" = 1 ]; then
	cp "$T/out" "$G/tlscert.out"
	echo "tlscert oracle: $(wc -l < "$G/tlscert.out") lines written to tests/smtp/golden/tlscert.out"
	exit 0
fi
if diff -u "$G/tlscert.out" "$T/out" > "$T/diff"; then ok; else
	bad "tlscert transcripts differ from the real sendmail's (golden/tlscert.out)"
	sed 's/^/    /' "$T/diff" | head -40
fi
# the points of the golden, named (a regenerated golden must keep them)
for want in 'v=NO s= i=' 'v=OK s=/C=US/O=Client+20+3COrg+3E/CN=client+20+22one+22/' \
    'v=FAIL s=/CN=self.example' 'v=NOT s= i=' 'cs=BadCertificateUnknown' \
    '^<~  250 2.1.5 <far@far.example>... Recipient ok' \
    '^<~\* 550 5.7.1 <far@far.example>... Relaying denied' \
    '^<~\* 454 4.7.0 not authenticated' '^<~\* 454 4.7.0 authentication failed' \
    '^<\*\* 454 4.7.0 authentication required' 'bits=256 verify=OK' \
    '^C = US, O = Test CA (cfmta)'; do
	grep -q -- "$want" "$T/out" && ok || bad "tlscert: no '$want'"
done
echo "tlscert: $pass passed, $fail failed"
[ $fail -eq 0 ]
