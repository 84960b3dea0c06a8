#!/bin/sh
# scripts/build-fuzz.sh -- build the libFuzzer targets tests/fuzz/fuzz_*.c
# with clang (-fsanitize=fuzzer,address,undefined) into build/fuzz/ and run
# each for a bounded number of inputs over a seed corpus (the test cf
# files; written below for the runtime's targets).  The runtime objects
# but cfmta.o come as build/fuzz/libcfmta.a.  Exits 1 when a target
# failed (its log and crash input stay in build/fuzz).
# Usage: sh scripts/build-fuzz.sh [RUNS]   (default 20000)
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-${FUZZ_RUNS:-20000}}
B=build/fuzz
# undefined behaviour in the libraries stops a run too, as in the targets
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
command -v clang >/dev/null 2>&1 || { echo "build-fuzz: clang not found" >&2; exit 2; }
# make does not see changed flags: objects built with others go
if [ "$(cat $B/san 2>/dev/null || true)" != "$SAN" ]; then
	rm -rf $B/obj $B/libcfrt.a $B/libcfmta.a $B/fuzzobjs
	mkdir -p $B && echo "$SAN" > $B/san
fi
make -s B=$B CC=clang OPT="-O1 -g" SAN="$SAN" $B/libcfrt.a $B/libcfmta.a $B/fuzzobjs
objs=$(ls $B/obj/cfc/*.o $B/obj/gen/*.o | grep -v '/main\.o$')
mkdir -p $B/corpus
for f in tests/diag/*.cf tests/parse/*.cf; do
	[ -f "$f" ] && cp "$f" "$B/corpus/$(basename "$f")"
done
# seeds for the runtime's targets: a next hop's replies, a control file
# (records as queue_fs.c writes them), a client's session
rec() {	# rec TAG VALUE: one control file record
	printf '%s%d:%s\n' "$1" "${#2}" "$2"
}
seeds() {	# seeds NAME DIR: write NAME's seed corpus into DIR
	case $1 in
	fuzz_smtpc)
		printf '220 mx.example ESMTP ready\r\n250-mx.example Hello\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 10240000\r\n250-DSN\r\n250-DELIVERBY 60\r\n250-AUTH PLAIN LOGIN\r\n250-STARTTLS\r\n250 ENHANCEDSTATUSCODES\r\n250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n250 2.0.0 queued\r\n221 2.0.0 bye\r\n' > "$2/esmtp"
		printf '220 old.example SMTP\r\n500 what\r\n250 old.example\r\n250 ok\r\n550 5.1.1 no such user\r\n503 need RCPT\r\n' > "$2/helo"
		printf '220-first\r\n220 second\r\n250-x\r\n250 SIZE\r\n451 4.3.0 later\r\n421 closing\r\n' > "$2/multi"
		;;
	fuzz_qf)
		{ rec V 1; rec I 6AUB89mL008058; rec T 1764500000; rec K 1764500600
		  rec N 1764501500; rec A 2; rec S 'sender@example.org'
		  rec F 'A. Sender'; rec B 8BITMIME; rec Z 1234
		  rec E '451 4.4.1 reply: read error from mx.example.org.'
		  rec X bw; rec W '3600;RT'; rec G 'id+2B1'; rec U '<>'; rec H H
		  rec M '{client_addr}=192.0.2.1'; rec M 'r=ESMTP'
		  rec R 'Prcpt@example.org'; rec D '451 4.4.1 later'; rec Y SFD
		  rec O 'rfc822;rcpt@example.org'; rec R 'Xlist@local.example'
		  rec R 'Pbob'; rec C "local
localhost
bob
owner-list
1000
1000"; rec P "<list@local.example>
list@local.example"; rec Y E; rec R 'Sdone@example.org'
		  rec R 'Fbad@example.org'; rec R 'Bbounced@example.org'; rec . ''
		} > "$2/full"
		{ rec V 1; rec I 0123ABCDxyz; rec S ''; rec X db; rec R 'Ppostmaster'
		  rec Y N; rec Q 'an unknown tag'; rec . ''; } > "$2/bounce"
		;;
	fuzz_smtpd)
		printf 'EHLO client.example\r\nMAIL FROM:<a@client.example> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=x+2By BY=3600;R\r\nRCPT TO:<u@localhost> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;u@localhost\r\nRCPT TO:<v@mx.fuzz.example>\r\nRCPT TO:<x@far.example>\r\nDATA\r\nFrom: a@client.example\r\nSubject: hi\r\n\r\nbody\r\n..dot\r\n.\r\nRSET\r\nQUIT\r\n' > "$2/session"
		printf 'HELO client.example\r\nMAIL FROM:<>\r\nRCPT TO:<postmaster>\r\nDATA\r\nx\r\n.\r\nVRFY root\r\nEXPN postmaster\r\nHELP\r\nVERB\r\nNOOP\r\nAUTH PLAIN\r\nSTARTTLS\r\nETRN example.org\r\nMAIL FROM:<a@reject.example>\r\nbogus command\r\nQUIT\r\n' > "$2/commands"
		printf 'EHLO c\nMAIL FROM:<a@b> AUTH=<>\nRCPT TO:<"q u"@localhost>\nDATA\nbare LF\n.\n\r\n.\r\n' > "$2/barelf"
		;;
	esac
}
failed=
for src in tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	clang -std=c11 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -Iruntime/lib -Iruntime -Icfc -I$B/gen \
	    -o "$B/$name" "$src" $objs $B/libcfmta.a $B/libcfrt.a \
	    -ldb -lsasl2 -lssl -lcrypto -lresolv
	mkdir -p "$B/corpus-$name"
	seeds "$name" "$B/corpus-$name"
	if [ "$name" = fuzz_cfb_load ] && [ -x build/cfc ]; then
		for f in tests/parse/*.cf; do
			[ -f "$f" ] && build/cfc --permissive "$f" -o "$B/corpus-$name/$(basename "$f" .cf).cfb" 2>/dev/null || true
		done
	fi
	# the cf files seed the targets over configurations only
	case $name in
	fuzz_smtpc|fuzz_qf|fuzz_smtpd) cfseeds= ;;
	*) cfseeds=$B/corpus ;;
	esac
	echo "build-fuzz: $name, $RUNS runs"
	if "$B/$name" -runs="$RUNS" -max_len=4096 -print_final_stats=0 \
	    -artifact_prefix="$B/$name-" \
	    "$B/corpus-$name" $cfseeds > "$B/$name.log" 2>&1; then
		tail -3 "$B/$name.log"
	else
		tail -60 "$B/$name.log"
		echo "build-fuzz: $name FAILED (log: $B/$name.log)" >&2
		failed="$failed $name"
	fi
done
[ -z "$failed" ] || { echo "build-fuzz: failed:$failed" >&2; exit 1; }
