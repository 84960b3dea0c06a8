#!/bin/sh
# tests/smtp/dsn.sh BUILD -- RFC 3461 success DSNs against the real
# sendmail's (golden/dsnsucc-N.out, made by oracle-dsn.sh): each
# golden/dsnsucc-N.session goes to cfmta -bs with golden/maillog.mc,
# queue runs deliver it to sink.pl (session 1: a next hop without DSN,
# so "relayed"; session 2: one with DSN, which gets NOTIFY, ORCPT,
# ENVID and RET; session 3: one without PIPELINING that refuses two
# recipients; sessions 4 and 5: one that offers AUTH, so MAIL's AUTH=
# goes on as trust_auth decided, 5 with the client logged in), and what the sink got, masked by dsn_collect
# (golden/lib.sh), must equal the golden: "Return receipt" with the
# local deliveries, members of a list of one ("expanded from:"), a list
# of two ("expanded to multiple addresses"), X-Actual-Recipient; a
# bounce that reports the run's success too, with the SMTP dialogue in
# its transcript, Remote-MTA and the mailer's diagnostic type.
# Prints "dsn: N passed, M failed".
. "$(dirname "$0")/common.sh"
smtp_test dsn
PORT=$((20000 + ($$ + 11) % 20000))
bs_setup "$T" && dsn_setup "$T" || bad "dsn_setup"
bs_sasl "$T" || bad "bs_sasl (saslpasswd2 from sasl2-bin)"
CFMTA_SASL_CONFDIR=$T/sasl2
export CFMTA_SASL_CONFDIR
sed "s/@PORT@/$PORT/; s|@DIR@|$T|g" "$G/maillog.mc" > "$T/dsn.mc"
if ! "$CFC" -o "$T/dsn.cfb" "$T/dsn.mc" 2> "$T/cfc.err"; then
	bad "cfc dsn.mc"; cat "$T/cfc.err"; echo "dsn: $pass passed, $fail failed"; exit 1
fi
# shellcheck disable=SC2046
set -- -C "$T/dsn.cfb" $(bs_args "$T") -OLogLevel=0
"$CFMTA" "$@" -bi > /dev/null 2>&1

for n in 1 2 3 4 5 6 7; do
	rm -f "$T"/sink/*
	dsn_sink $n "$T" "$PORT"
	# shellcheck disable=SC2086
	dsn_feed $n "$T" "$CFMTA" "$@" $auth > "$T/bs.out" 2>&1
	"$CFMTA" "$@" -q > /dev/null 2>&1
	# sendmail sends the DSN in the same run, cfmta queues it: run it
	"$CFMTA" "$@" -q > /dev/null 2>&1
	kill "$SINKPID"; wait "$SINKPID" 2>/dev/null; SINKPID=
	[ -z "$(ls "$T/q")" ] && ok || { bad "dsnsucc-$n: queue not empty"; ls "$T/q"; }
	dsn_collect "$T/sink" "$T" > "$T/out"
	if diff -u "$G/dsnsucc-$n.out" "$T/out" > "$T/diff"; then ok; else
		bad "dsnsucc-$n: the sink's mail differs from the real sendmail's"
		sed 's/^/    /' "$T/diff" | head -60; fi
	rm -f "$T"/q/*
done

echo "dsn: $pass passed, $fail failed"
[ $fail -eq 0 ]
