#!/bin/sh
# bench/smtp/run.sh [BUILD] -- acceptance throughput on loopback: Postfix's
# smtp-source sends BENCH_N (2,000) messages in BENCH_S (10) parallel
# sessions to cfmta -bD and to the real sendmail -bD running the same
# sendmail.cf (built from one .mc with the upstream cf tree), both with
# DeliveryMode=queue and their fsyncs on.  Prints messages per second and
# the ratio; asserts nothing.  smtp-source comes from $PFDIR (default
# /tmp/pf: `apt-get download postfix && dpkg -x`), fetched if absent.
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
N=${BENCH_N:-2000} S=${BENCH_S:-10}
PFDIR=${PFDIR:-/tmp/pf}
SS=$PFDIR/usr/sbin/smtp-source
if [ ! -x "$SS" ]; then
	d=$(mktemp -d /tmp/cfmta-pf.XXXXXX)
	(cd "$d" && apt-get download postfix > /dev/null 2>&1) && dpkg -x "$d"/postfix_*.deb "$PFDIR"
	rm -rf "$d"
fi
[ -x "$SS" ] || { echo "bench/smtp: no smtp-source (apt-get download postfix failed)"; exit 0; }
export LD_LIBRARY_PATH="$PFDIR/usr/lib/postfix"
CFDIR=${CFDIR:-/usr/share/sendmail/cf}
[ -f "$CFDIR/m4/cf.m4" ] || { echo "bench/smtp: no sendmail-cf tree"; exit 0; }
# not under /tmp: sendmail refuses world-writable parents
W=$(mktemp -d "${HOME:-/root}/.cfmta-bench.XXXXXX")
chmod 755 "$W"
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$W"' EXIT INT TERM
P=$((30000 + ($$ % 10000)))
cat > "$W/b.mc" <<MC
divert(0)dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
define(\`confDOMAIN_NAME', \`mx.test.example')dnl
define(\`confDELIVERY_MODE', \`queue')dnl
define(\`confPID_FILE', \`$W/pid')dnl
define(\`confMAX_DAEMON_CHILDREN', \`0')dnl
define(\`confCONNECTION_RATE_THROTTLE', \`0')dnl
define(\`confREFUSE_LA', \`1000')dnl
define(\`confQUEUE_LA', \`1000')dnl
DAEMON_OPTIONS(\`Port=$P, Addr=127.0.0.1, Name=MTA')dnl
FEATURE(\`no_default_msa')dnl
FEATURE(\`accept_unresolvable_domains')dnl
MAILER(\`local')dnl
MC
m4 "$CFDIR/m4/cf.m4" "$W/b.mc" > "$W/b.cf" || exit 1
printf 'hosts files\naliases files\npasswd files\n' > "$W/switch"
printf '127.0.0.1\tlocalhost\n' > "$W/hosts"
: > "$W/aliases"
OPTS="-OQueueDirectory=$W/q -OAliasFile=$W/aliases -OServiceSwitchFile=$W/switch -OHostsFile=$W/hosts -ODontProbeInterfaces=true"

run() {	# run NAME COMMAND...: start the daemon, time smtp-source
	name=$1; shift
	rm -rf "$W/q"; mkdir -p "$W/q"; chmod 700 "$W/q"; rm -f "$W/pid"
	"$@" &
	i=0; while [ ! -s "$W/pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	PID=$(head -1 "$W/pid" 2>/dev/null)
	sleep 0.3
	t0=$(date +%s.%N)
	"$SS" -s "$S" -m "$N" -f root@mx.test.example -t root "127.0.0.1:$P" > "$W/ss.$name" 2>&1
	t1=$(date +%s.%N)
	kill "$PID" 2>/dev/null; sleep 0.5; PID=
	q=$(ls "$W/q" | grep -c '^qf')
	secs=$(echo "$t1 - $t0" | bc -l)
	rate=$(echo "$N / $secs" | bc -l)
	printf '%-9s %5d messages in %6.2f s = %7.1f msg/s  (%d control files)\n' \
	    "$name" "$N" "$secs" "$rate" "$q"
	eval "rate_$name=$rate"
}
echo "bench/smtp: $N messages, $S sessions, loopback port $P, DeliveryMode=queue"
# shellcheck disable=SC2086
run cfmta "$B/cfmta" -C "$W/b.cf" $OPTS -bD
if command -v sendmail > /dev/null 2>&1 && dpkg -s sendmail-bin > /dev/null 2>&1; then
	# shellcheck disable=SC2086
	run sendmail unshare -u sh -c 'hostname mx.test.example; exec "$@"' sh \
	    sendmail -C "$W/b.cf" $OPTS -bD
	printf 'ratio cfmta/sendmail: %.2f\n' "$(echo "$rate_cfmta / $rate_sendmail" | bc -l)"
else
	echo "sendmail: not installed (apt-get install sendmail-bin sendmail-cf); no ratio"
fi
