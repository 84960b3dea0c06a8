# tests/golden/lib.sh -- shared by tests/golden/run.sh and scripts/oracle.sh.
# golden_setup DIR: copy the configs and fixtures into DIR (a private
# directory: sendmail refuses map files under group/world-writable
# directories) and build every fixtures/NAME.map ("key<TAB>value" lines)
# into DIR/NAME.db.  Configs name their maps and class files relative to
# the current directory, and both sendmail and cfmta run inside DIR with
# -C NAME.cf, so no machine-specific path reaches a transcript.
# golden_cfopts NAME.in: the -C config and extra arguments of a command
# file: "#cf NAME" and "#args ..." lines at its top (default NAME.cf).
GOLDEN_HOST=mx.example.com

golden_mkmap() {	# golden_mkmap SRC DEST(without .db)
	if command -v makemap >/dev/null 2>&1; then
		makemap hash "$2" < "$1" 2>/dev/null
	else
		awk -F '\t' '/^#/ || NF == 0 { next }
			{ k = $1; v = substr($0, length($1) + 2)
			  gsub(/\\/, "\\\\", k); gsub(/\\/, "\\\\", v)
			  print k; print v }' "$1" |
			db_load -T -t hash "$2.db"
	fi
}

golden_setup() {
	_d=$1
	cp "$GOLDEN_SRC"/*.cf "$_d"/ || return 1
	for _f in "$GOLDEN_SRC"/fixtures/*; do
		[ -f "$_f" ] || continue
		case $_f in
		*.map) _n=${_f##*/}; golden_mkmap "$_f" "$_d/${_n%.map}" || return 1 ;;
		*) cp "$_f" "$_d"/ ;;
		esac
	done
	chmod -R go-w "$_d"
}

golden_cf() {	# prints the config name for a command file
	_c=$(sed -n 's/^#cf[ 	]\{1,\}\([^ 	]*\).*/\1/p' "$1" | head -1)
	if [ -n "$_c" ]; then echo "$_c"; else _c=${1##*/}; echo "${_c%.in}"; fi
}

golden_args() {
	sed -n 's/^#args[ 	]\{1,\}//p' "$1" | head -1
}

# golden_filter: -d21.15 prints token addresses ("$1: 0x55d1...="user"");
# they differ from run to run, so both sides print them as 0x.
golden_filter() {
	sed -E '/^\$[0-9]:/s/ (0x[0-9a-f]+|\(nil\))="/ 0x="/g'
}
