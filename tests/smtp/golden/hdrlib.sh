# tests/smtp/golden/hdrlib.sh -- shared by oracle-hdr.sh (the real
# sendmail writes hdr-VARIANT.out) and hdr.sh (cfmta is checked against
# them): the local mailer script that keeps each message, the .mc of a
# variant (hdr.variants), and what a golden records.

# hdr_setup DIR: a local mailer that keeps each message in DIR/box, the
# sink's directory
hdr_setup() {
	mkdir -p "$1/box" "$1/sink" && chmod 777 "$1/box" || return 1
	printf '#!/bin/sh\ncat > "%s/box/$1.$$"\n' "$1" > "$1/deliver"
	chmod 755 "$1/deliver"
}

# hdr_variants: the lines of hdr.variants without comments
hdr_variants() {
	grep -v '^#' "$G/hdr.variants"
}

# hdr_mc "EXTRA" PORT DIR: hdr.mc for a variant on stdout
hdr_mc() {
	extra=$(printf '%s\n' "$1" | tr '|' '\n')
	awk -v extra="$extra" -v port="$2" -v dir="$3" '
	    { gsub(/@PORT@/, port); gsub(/@DIR@/, dir) }
	    /^@EXTRA@$/ { print extra; next } { print }' "$G/hdr.mc"
}

# hdr_collect DIR: the header block of every message delivered, keyed
# by its Subject ("=== h01 relay" with the envelope the sink got, "===
# h01 local"), sorted; dates, queue ids and the work directory masked,
# Received fields dropped (another golden checks them), SIZE= in the
# envelope masked
hdr_collect() {
	perl -e '
	my ($dir) = @ARGV; my %out;
	for my $f (glob("$dir/sink/msg.*"), glob("$dir/box/*")) {
		open(my $fh, "<", $f) or next; local $/; my $t = <$fh>; close $fh;
		$t =~ s/\r\n/\n/g;
		my $kind = $f =~ m{/sink/} ? "relay" : "local";
		my $env = "";
		if ($kind eq "relay") { ($env, $t) = split(/\n\n/, $t, 2); $env =~ s/ SIZE=\d+//; $env .= "\n"; }
		my ($h) = split(/\n\n/, $t, 2);
		my @f; for my $l (split(/\n/, $h)) { if ($l =~ /^[ \t]/ && @f) { $f[-1] .= "\n$l" } else { push @f, $l } }
		@f = grep { !/^Received:/i } @f;
		my ($s) = map { /^Subject: (\S+)/ ? $1 : () } @f;
		$s = "?" unless defined $s;
		$out{"$s $kind"} .= "=== $s $kind\n$env" . join("\n", @f) . "\n";
	}
	print $out{$_} for sort keys %out;
	' "$1" | sed -e "s|$1|@DIR@|g" \
	    -e 's/[A-Z][a-z][a-z], [ 0-9]\{1,2\} [A-Z][a-z][a-z] [0-9]\{4\} [0-9:]\{8\} [-+A-Z0-9]*/DATE/g' \
	    -e 's/\b[0-9A-Za-z]\{14\}\b/QID/g' -e 's/<[0-9]\{12\}\.QID@/<T.QID@/g' \
	    -e 's/^\(From [^ ]*  \).*/\1DATE/'
}
