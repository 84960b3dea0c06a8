#!/bin/sh
# tests/smtp/crash.sh BUILD -- "250 only after the message is on disk",
# proved with kill -9: Postfix's smtp-source sends CRASH_N (2,000)
# messages to cfmta -bD -q1s on loopback while the daemon's whole process
# group (listener, SMTP sessions, queue runner, mailers) is killed with
# SIGKILL CRASH_KILLS times and restarted.  Afterwards the queue is run
# to the end and every queue id that smtp-source saw acknowledged with
# "250 ... Message accepted" must be in the mailbox (the local mailer
# appends; Received: names the id) or still queued.  A message may be
# there twice only when a kill hit between the mailer's exit and the
# control file update: at most once per kill.
# smtp-source: $SMTP_SOURCE, else $PFDIR (default /tmp/pf) from
# `apt-get download postfix && dpkg -x`, fetched here if absent; without
# it (no network, no apt) the test SKIPs.
. "$(dirname "$0")/common.sh"
N=${CRASH_N:-2000}
KILLS=${CRASH_KILLS:-5}
PFDIR=${PFDIR:-/tmp/pf}
done_() { echo "crash: $pass passed, $fail failed"; [ $fail -eq 0 ]; exit $?; }

SS=${SMTP_SOURCE:-$PFDIR/usr/sbin/smtp-source}
if [ ! -x "$SS" ] && command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
	d=$(mktemp -d /tmp/cfmta-pf.XXXXXX)
	if (cd "$d" && timeout 120 apt-get download postfix > /dev/null 2>&1) &&
	    dpkg -x "$d"/postfix_*.deb "$PFDIR" 2>/dev/null; then :; fi
	rm -rf "$d"
fi
if [ ! -x "$SS" ]; then
	echo "SKIP: kill -9 durability (no smtp-source; apt-get download postfix failed)"
	done_
fi
export LD_LIBRARY_PATH="$PFDIR/usr/lib/postfix${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
command -v setsid > /dev/null 2>&1 || { echo "SKIP: kill -9 durability (no setsid)"; done_; }

T=$(mktemp -d /tmp/cfmta-crash.XXXXXX)
DPID=
cleanup() {
	[ -n "$DPID" ] && kill -s KILL -- "-$DPID" 2>/dev/null
	[ -n "$CRASH_KEEP" ] || rm -rf "$T"
}
trap cleanup EXIT INT TERM
PORT=$((40000 + ($$ % 20000)))
mkdir -p "$T/q" "$T/mail"
chmod 777 "$T/mail"
cat > "$T/deliver" <<EOF
#!/bin/sh
cat >> "$T/mail/\$1"
EOF
chmod 755 "$T/deliver" "$T"
cat > "$T/crash.mc" <<EOF
divert(0)dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
define(\`confDOMAIN_NAME', \`mx.test.example')dnl
define(\`LOCAL_MAILER_PATH', \`$T/deliver')dnl
define(\`LOCAL_MAILER_ARGS', \`deliver \$u')dnl
define(\`QUEUE_DIR', \`$T/q')dnl
define(\`confDELIVERY_MODE', \`queue')dnl
define(\`confPID_FILE', \`$T/pid')dnl
define(\`ALIAS_FILE', \`$T/aliases')dnl
DAEMON_OPTIONS(\`Port=$PORT, Addr=127.0.0.1, Name=MTA')dnl
FEATURE(\`no_default_msa')dnl
MAILER(\`local')dnl
EOF
if ! "$CFC" -o "$T/crash.cfb" "$T/crash.mc" 2> "$T/cfc.err"; then
	bad "cfc crash.mc"; cat "$T/cfc.err"; done_
fi
CF="-C $T/crash.cfb"

start() {	# the daemon in a process group of its own; retried while
	# the killed one's listening socket is still going away
	t=0
	while [ $t -lt 50 ]; do
		rm -f "$T/pid"
		# setsid forks: the daemon's pid (= its group) is in PidFile
		setsid "$CFMTA" $CF -bD -q1s >> "$T/daemon.log" 2>&1 &
		i=0; while [ ! -s "$T/pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
		DPID=$(head -1 "$T/pid" 2>/dev/null)
		sleep 0.05
		[ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null && return 0
		t=$((t + 1)); sleep 0.1
	done
	return 1
}
start || { bad "daemon does not start"; cat "$T/daemon.log"; done_; }
# KILLS rounds: smtp-source sends a share of the messages; after a random
# 0.05-0.5 s the daemon's whole group dies by SIGKILL and is restarted
: > "$T/acked"
rnd() { echo "0.$(( ($(od -An -N2 -tu2 /dev/urandom) % 45) + 5 ))"; }
send() {	# send COUNT: smtp-source, acknowledged ids into acked
	"$SS" -v -s 4 -m "$1" -f root@mx.test.example -t root \
	    "127.0.0.1:$PORT" > "$T/ss.log" 2>&1
	sed -n 's/.*<<< 250 2\.0\.0 \([0-9A-Za-z]*\) Message accepted.*/\1/p' "$T/ss.log" >> "$T/acked"
}
k=0
while [ $k -lt "$KILLS" ]; do
	send $((N / (KILLS + 1))) & SPID=$!
	sleep "$(rnd)"
	kill -s KILL -- "-$DPID" 2>/dev/null
	wait "$SPID"
	start || { bad "daemon does not restart"; tail -5 "$T/daemon.log"; done_; }
	k=$((k + 1))
done
# then the rest, until N messages were acknowledged
rounds=0
while [ "$(wc -l < "$T/acked")" -lt "$N" ] && [ $rounds -lt 20 ]; do
	send $((N - $(wc -l < "$T/acked")))
	rounds=$((rounds + 1))
done
sleep 1
kill -s KILL -- "-$DPID" 2>/dev/null
DPID=
# what the killed runners left: run the queue to the end
i=0
while [ $i -lt 10 ] && ls "$T/q" | grep -q '^qf'; do
	"$CFMTA" $CF -q > /dev/null 2>&1
	i=$((i + 1))
done

nacked=$(sort -u "$T/acked" | wc -l)
[ "$nacked" -ge "$N" ] && ok || bad "only $nacked of $N messages acknowledged"
sort -u "$T/acked" > "$T/acked.u"
cat "$T"/mail/* 2>/dev/null | sed -n 's/^	by mx.test.example (.*) with E*SMTP id \([0-9A-Za-z]*\)$/\1/p' |
    sort > "$T/delivered"
uniq "$T/delivered" > "$T/delivered.u"
ls "$T/q" | sed -n 's/^qf//p' | sort > "$T/queued"
sort -u "$T/delivered.u" "$T/queued" > "$T/safe"
lost=$(comm -23 "$T/acked.u" "$T/safe" | wc -l)
twice=$(uniq -d "$T/delivered" | wc -l)
echo "crash: $nacked acknowledged, $(wc -l < "$T/delivered.u") delivered, $(wc -l < "$T/queued") still queued, $lost lost, $twice delivered twice, $KILLS kills"
[ "$lost" = 0 ] && ok || { bad "$lost acknowledged messages lost"; comm -23 "$T/acked.u" "$T/safe" | head -5; }
[ "$twice" -le "$KILLS" ] && ok || bad "$twice messages delivered twice (more than $KILLS kills explain)"
[ -s "$T/queued" ] && bad "queue not empty after the final runs" || ok
done_
