#!/bin/sh
# tests/smtp/hdr.sh BUILD -- address header fields rewritten per mailer,
# against the real sendmail's (golden/hdr-VARIANT.out, made by
# oracle-hdr.sh): for each variant of golden/hdr.variants (no
# masquerading; MASQUERADE_AS; with allmasquerade, masquerade_envelope
# and EXPOSED_USER; the esmtp mailer with always_add_domain),
# golden/hdr.session goes to cfmta -bs, a queue run delivers each
# message to a local user (the local mailer script) and to a remote one
# (sink.pl), and the header blocks, masked by hdr_collect
# (golden/hdrlib.sh), must equal the golden: From, To, Cc, Reply-To,
# Resent-*, ... rewritten with full names and comments kept, lists
# folded, Bcc left out.  Also: a 10,000-address To: is delivered (copied,
# not rewritten) in bounded time.  Prints "hdr: N passed, M failed".
. "$(dirname "$0")/common.sh"
smtp_test hdr
. "$G/hdrlib.sh"
PORT=$((20000 + ($$ + 17) % 20000))
bs_setup "$T" && hdr_setup "$T" || bad "hdr_setup"

# run_variant NAME RCPT EXTRA [SESSION]: the session through cfmta, the
# queue delivered; what was delivered is left in $T/box and $T/sink
run_variant() {
	hdr_mc "$3" "$PORT" "$T" > "$T/hdr.mc"
	if ! "$CFC" -o "$T/hdr.cfb" "$T/hdr.mc" 2> "$T/cfc.err"; then
		bad "$1: cfc hdr.mc"; cat "$T/cfc.err"; return 1
	fi
	# shellcheck disable=SC2046
	set -- "$1" "$2" "$3" "${4:-$G/hdr.session}" -C "$T/hdr.cfb" $(bs_args "$T") -OLogLevel=0 -ODontProbeInterfaces=true $XARGS
	name=$1 rcpt=$2 session=$4
	shift 4
	"$CFMTA" "$@" -bi > /dev/null 2>&1
	rm -f "$T"/sink/* "$T"/box/*
	perl "$TOP/tests/smtp/sink.pl" "$PORT" "$T/sink" & SINKPID=$!
	i=0; while [ ! -f "$T/sink/sink.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	rm -f "$T/sink/sink.ready"
	bs_input "$session" "$T" | sed "s/@RCPT@/$rcpt/" |
	    perl "$G/feed.pl" "$CFMTA" "$@" -bs > "$T/bs.out" 2>&1
	"$CFMTA" "$@" -q > /dev/null 2>&1
	kill "$SINKPID"; wait "$SINKPID" 2>/dev/null; SINKPID=
	[ -z "$(ls "$T/q")" ] && ok || { bad "hdr-$name: queue not empty"; ls "$T/q"; }
	rm -f "$T"/q/*
}

XARGS=
hdr_variants > "$T/variants"
while read -r name rcpt extra; do
	run_variant "$name" "$rcpt" "$extra" || continue
	hdr_collect "$T" > "$T/out"
	if diff -u "$G/hdr-$name.out" "$T/out" > "$T/diff"; then ok; else
		bad "hdr-$name: the headers delivered differ from the real sendmail's"
		sed 's/^/    /' "$T/diff" | head -80; fi
done < "$T/variants"

# bounded work: 10,000 addresses in one To: (folded, 250 KB) are copied
# as they came
perl -e 'print "EHLO client.example\nMAIL FROM:<sender\@example.org>\nRCPT TO:<root>\nRCPT TO:<\@RCPT\@>\nDATA\nSubject: big\nFrom: alice\nTo: ",
    join(",\n ", map { join(", ", map { "user$_\@host.example" } ($_ * 10 + 1) .. ($_ * 10 + 10)) } 0..999), "\n\nbody\n.\nQUIT\n"' > "$T/big.session"
XARGS=-OMaxHeadersLength=400000
start=$(date +%s)
run_variant big friend@far.example "$(sed -n 's/^masq [^ ]* //p' "$G/hdr.variants")" "$T/big.session"
t=$(($(date +%s) - start))
[ "$t" -lt 30 ] && ok || bad "hdr-big: took ${t}s"
if grep -q '^From: alice@masq.example' "$T"/sink/msg.* 2>/dev/null &&
    grep -q '^To: user1@host.example, user2@host.example, ' "$T"/sink/msg.* &&
    grep -q '^ user9991@host.example, .*, user10000@host.example' "$T"/sink/msg.*; then ok
else bad "hdr-big: From not rewritten or To not copied"; fi

echo "hdr: $pass passed, $fail failed"
[ $fail -eq 0 ]
