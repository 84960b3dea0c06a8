# tests/smtp/golden/lib.sh -- shared by oracle.sh (the real sendmail writes
# NAME.out) and run.sh (cfmta is checked against it): the private work
# directory both MTAs run in, and the filter that masks what differs
# between runs (the date in the greeting, queue ids, the work directory).
GOLDEN_HOST=mx.test.example

# bs_setup DIR: queue, aliases text (each MTA builds its own .db), help
bs_setup() {
	mkdir -p "$1/q" "$1/fwd" && chmod 700 "$1/q" || return 1
	cat > "$1/aliases" <<ALIASES
postmaster: root
MAILER-DAEMON: postmaster
team: root, daemon
prog: "|/bin/cat"
big: bin, sys, team
nest: big, mail, lp
ALIASES
	printf 'incl-member\n' > "$1/incl"
}

# bs_sasl DIR: libsasl2's config for the AUTH goldens (auth*.in):
# DIR/sasl2/Sendmail.conf (sasldb DIR/sasldb2, mechanisms PLAIN LOGIN
# CRAM-MD5) and the user alice (password wonderland) in realm $j; the
# oracle bind-mounts DIR/sasl2 on /usr/lib/sasl2, cfmta is pointed at it
# with CFMTA_SASL_CONFDIR.  Fails without saslpasswd2 (sasl2-bin).
bs_sasl() {
	command -v saslpasswd2 > /dev/null 2>&1 || return 1
	mkdir -p "$1/sasl2" || return 1
	printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: %s/sasldb2\nmech_list: PLAIN LOGIN CRAM-MD5\n' \
	    "$1" > "$1/sasl2/Sendmail.conf"
	rm -f "$1/sasldb2"
	echo wonderland | saslpasswd2 -f "$1/sasldb2" -c -p -u "$GOLDEN_HOST" alice
}

# bs_args DIR: the options both MTAs get on the command line
bs_args() {
	echo "-OQueueDirectory=$1/q -OAliasFile=$1/aliases -OHelpFile=$1/nohelp -OForwardPath=$1/fwd/\$u -OStatusFile=$1/stats"
}

# -bv argument lists checked against sendmail -bv (bv.out): expansion
# order (members last-first, as sendmail's send queue), errors first
BV_LISTS="root daemon bin|big nosuch mail|team|bin team sys|nest|uucp nest postmaster|nest big|-n team nest root"

# bs_cf NAME DIR: the cf a golden runs on: bs.cf, or bs.cf edited by
# PREFIX.sed when there is one (NAME is PREFIX or PREFIX-anything)
bs_cf() {
	if [ -f "$G/${1%%-*}.sed" ]; then
		sed -f "$G/${1%%-*}.sed" "$G/bs.cf" > "$2/${1%%-*}.cf"
		echo "$2/${1%%-*}.cf"
	else
		echo "$G/bs.cf"
	fi
}

# bs_input FILE DIR: NAME.in with @DIR@ replaced
bs_input() {
	sed "s|@DIR@|$2|g" "$1"
}

# the transcript filter: CR removed, greeting date, queue ids, the work
# directory masked
bs_filter() {
	tr -d '\r' | sed -e "s|$1|@DIR@|g" \
	    -e 's/^\(220 [^ ]* ESMTP Sendmail [^;]*;\) .*/\1 DATE/' \
	    -e 's/^\(250 2\.0\.0 \)[0-9A-Za-z]\{14\}\( Message accepted\)/\1QUEUEID\2/'
}

# the mail log filter (log.sh, oracle-log.sh): priority kept, date, program
# and pid dropped; queue ids, delays, priorities and the date in generated
# message ids masked; the lines both MTAs write (from=, to=, ruleset=,
# DSN:, unknown users) sorted, since their order differs
log_filter() {
	sed -n -e 's/^\(<[0-9]*>\)[A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]\{8\} [^ []*\[[0-9]*\]: /\1 /p' |
	    sed -e "s|$1|@DIR@|g" -e 's/\b[0-9A-Za-z]\{14\}\b/QID/g' -e 's/^\(<[0-9]*>\) NOQUEUE:/\1 QID:/' \
	    -e 's/delay=[0-9:+]*/delay=D/g' -e 's/pri=[0-9]*/pri=P/' \
	    -e 's/<[0-9]\{12\}\.QID@/<DATE.QID@/' -e 's/queued as S[0-9]*/queued as S/' |
	    grep -E ': (from=|to=|ruleset=|QID: (DSN|return to sender):|<[^ ]*>\.\.\. |[^ ]*: (possible SMTP attack|VRFY|EXPN|ETRN))' |
	    LC_ALL=C sort
}

# dsn_setup DIR: what the success-DSN goldens add to bs_setup (dsn.sh,
# oracle-dsn.sh): lists of one and of two addresses, a file, programs
# that print nothing, a local mailer that keeps nothing
dsn_setup() {
	cat >> "$1/aliases" <<ALIASES
pair: bin, sys
tofile: $1/box/file
chain1: chain2
chain2: "|exit 0"
quiet: "|/bin/true"
ALIASES
	mkdir -p "$1/box" "$1/sink" && chmod 777 "$1/box" || return 1
	printf '#!/bin/sh\ncat > /dev/null\n' > "$1/deliver"
	chmod 755 "$1/deliver"
}

# dsn_sink N DIR PORT: the next hop of session N, sink.pl on PORT (its
# pid in $SINKPID, ready) writing DIR/sink, and in $auth the MTA's extra
# option: session 1 has a next hop without DSN; 3 one without PIPELINING
# (the transcript of an SMTP failure shows the command refused); 4 and 5
# one that offers AUTH (MAIL's AUTH= passed on); in 5 the client logs in
# (AUTH PLAIN as alice)
dsn_sink() {
	case $1 in 1) _m=nodsn ;; 3) _m=nopipe ;; 4|5) _m=auth ;; *) _m=dsn ;; esac
	auth=; [ "$1" = 5 ] && auth=-OAuthMechanisms=PLAIN
	perl "$G/../sink.pl" "$3" "$2/sink" $_m & SINKPID=$!
	_i=0; while [ ! -f "$2/sink/sink.ready" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
}

# dsn_feed N DIR MTA [ARGS...]: session N to "MTA ARGS -bs"
# (dsnsucc-N.session, @DIR@ is DIR), or the command-line submission
# dsnsucc-N.submit (its first line the arguments, then the message)
dsn_feed() {
	_n=$1 _d=$2
	shift 2
	if [ -f "$G/dsnsucc-$_n.session" ]; then
		bs_input "$G/dsnsucc-$_n.session" "$_d" | perl "$G/feed.pl" "$@" -bs
	else
		# shellcheck disable=SC2046
		sed 1d "$G/dsnsucc-$_n.submit" | "$@" $(sed 1q "$G/dsnsucc-$_n.submit")
	fi
}

# dsn_collect SINKDIR DIR: what a success-DSN golden records: the
# envelope of each message the sink got (relayed ones first), then the
# DSNs (null sender) whole, with dates, queue ids, the times in
# boundaries and message ids and the work directory masked; SIZE=
# dropped (sendmail gives none for a DSN, cfmta does)
dsn_collect() {
	for f in "$1"/msg.*; do
		[ -f "$f" ] || continue
		if head -1 "$f" | grep -q '^MAIL <>'; then continue; fi
		sed -n '/^$/q;p' "$f"
	done | sed 's/ SIZE=[0-9]*//' | LC_ALL=C sort
	for f in "$1"/msg.*; do
		[ -f "$f" ] || continue
		if head -1 "$f" | grep -q '^MAIL <>'; then
			echo "----"
			tr -d '\r' < "$f"
		fi
	done | sed -e "s|$2|@DIR@|g" -e 's/^\(MAIL <>\) SIZE=[0-9]*/\1/' \
	    -e 's/[A-Z][a-z][a-z], [ 0-9]\{1,2\} [A-Z][a-z][a-z] [0-9]\{4\} [0-9:]\{8\} [-+A-Z0-9]*/DATE/g' \
	    -e 's/\b[0-9A-Za-z]\{14\}\b/QID/g' -e 's/QID\.[0-9]*\//QID.T\//g' \
	    -e 's/<[0-9]\{12\}\.QID@/<T.QID@/g'
}

# oracle_ns NAME SCRIPT ARGS...: the start of each oracle-*.sh: without
# sendmail-bin, root or unshare it says why and exits 0 (nothing is
# regenerated); else SCRIPT runs again in private mount and UTS
# namespaces, where oracle_ns returns, the host name set
oracle_ns() {
	_on=$1 _os=$2
	shift 2
	SENDMAIL=${SENDMAIL:-/usr/sbin/sendmail}
	CFDIR=${CFDIR:-/usr/share/sendmail/cf}
	if ! [ -x "$SENDMAIL" ] || ! dpkg -s sendmail-bin >/dev/null 2>&1; then
		echo "$_on: sendmail-bin is not installed; nothing regenerated" >&2
		exit 0
	fi
	if [ "${ORACLE_NS_INNER:-}" != 1 ]; then
		if [ "$(id -u)" != 0 ] || ! unshare -m -u true 2>/dev/null; then
			echo "$_on: needs root and unshare -m -u; nothing regenerated" >&2
			exit 0
		fi
		ORACLE_NS_INNER=1 exec unshare -m -u sh "$_os" "$@"
	fi
	mount --make-rprivate / || exit 2
	hostname "$GOLDEN_HOST"
}
